// Frame-duration sampling inside the page: requestAnimationFrame deltas (the frames the user sees) plus Chromium's
// own long-frame reports (PerformanceObserver 'long-animation-frame' with script attribution, and 'longtask').
import type { Page } from 'playwright-core';

/** What one sampling window saw. */
export interface FrameStats {
  readonly ms: number;
  /** Frames drawn (requestAnimationFrame callbacks). */
  readonly frames: number;
  /** Longest gap between two animation frames, and the 99th percentile. */
  readonly longestFrameMs: number;
  readonly p99FrameMs: number;
  /** Gaps between animation frames over 100 ms. */
  readonly framesOver100ms: number;
  /** Long animation frames (Chromium: > 50 ms) and the longest one's duration and blocking time. */
  readonly longAnimationFrames: number;
  readonly longestAnimationFrameMs: number;
  readonly longestBlockingMs: number;
  readonly longAnimationFramesOver100ms: number;
  /** Long tasks (> 50 ms) and the longest. */
  readonly longTasks: number;
  readonly longestTaskMs: number;
  /**
   * The five longest animation frames: their scripts (as Chromium attributes them), time in scripts, and time in
   * style and layout; what is left of the duration is rendering and time the renderer waited for a CPU.
   */
  readonly worst: readonly LongFrame[];
}

/** One long animation frame, split as Chromium reports it. */
export interface LongFrame {
  readonly durationMs: number;
  readonly blockingMs: number;
  readonly scriptMs: number;
  readonly styleAndLayoutMs: number;
  readonly scripts: readonly string[];
}

/** What the page recorded, with page timestamps (performance.now()). */
export interface FrameSamples {
  readonly started: number;
  readonly stopped: number;
  /** Each animation frame's time and the gap since the previous one. */
  readonly frames: readonly { readonly at: number; readonly delta: number }[];
  readonly loaf: readonly { readonly at: number; readonly duration: number; readonly blocking: number; readonly script: number; readonly styleAndLayout: number; readonly scripts: readonly string[] }[];
  readonly tasks: readonly { readonly at: number; readonly duration: number }[];
}

interface SamplerWindow {
  __frames?: {
    frames: { at: number; delta: number }[];
    loaf: { at: number; duration: number; blocking: number; script: number; styleAndLayout: number; scripts: string[] }[];
    tasks: { at: number; duration: number }[];
    started: number;
    stop: () => void;
  };
}

/** Starts sampling in the page (replacing a sampler already running). */
export async function startFrameSampler(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as SamplerWindow;
    w.__frames?.stop();
    const state = {
      frames: [] as { at: number; delta: number }[],
      loaf: [] as { at: number; duration: number; blocking: number; script: number; styleAndLayout: number; scripts: string[] }[],
      tasks: [] as { at: number; duration: number }[],
      started: performance.now(),
      stop: () => undefined,
    };
    let running = true;
    let last = performance.now();
    const tick = (now: number): void => {
      if (!running) return;
      state.frames.push({ at: now, delta: now - last });
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
    const observers: PerformanceObserver[] = [];
    const observe = (type: string, record: (entry: PerformanceEntry) => void): void => {
      if (!PerformanceObserver.supportedEntryTypes.includes(type)) return;
      const observer = new PerformanceObserver((list) => list.getEntries().forEach(record));
      observer.observe({ type, buffered: false });
      observers.push(observer);
    };
    observe('long-animation-frame', (entry) => {
      const loaf = entry as PerformanceEntry & {
        blockingDuration?: number;
        styleAndLayoutStart?: number;
        scripts?: { invoker?: string; sourceFunctionName?: string; sourceURL?: string; duration: number }[];
      };
      const scripts = (loaf.scripts ?? []).map((s) => `${s.invoker ?? '?'} ${s.sourceFunctionName || ''}@${(s.sourceURL ?? '').split('/').pop() ?? ''} ${Math.round(s.duration)}ms`);
      const end = entry.startTime + entry.duration;
      state.loaf.push({
        at: entry.startTime,
        duration: entry.duration,
        blocking: loaf.blockingDuration ?? 0,
        script: (loaf.scripts ?? []).reduce((sum, s) => sum + s.duration, 0),
        styleAndLayout: loaf.styleAndLayoutStart ? end - loaf.styleAndLayoutStart : 0,
        scripts,
      });
    });
    observe('longtask', (entry) => state.tasks.push({ at: entry.startTime, duration: entry.duration }));
    state.stop = () => {
      running = false;
      observers.forEach((o) => o.disconnect());
    };
    w.__frames = state;
  });
}

/** The page's clock (performance.now()), to mark where one phase ends and the next begins. */
export function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/** Stops sampling and returns what the page recorded since startFrameSampler. */
export async function stopFrameSampler(page: Page): Promise<FrameSamples> {
  return page.evaluate(async () => {
    const w = window as unknown as SamplerWindow;
    await new Promise((r) => setTimeout(r, 100)); // let the observers deliver the last entries
    const state = w.__frames!;
    state.stop();
    w.__frames = undefined;
    return { started: state.started, stopped: performance.now(), frames: state.frames, loaf: state.loaf, tasks: state.tasks };
  });
}

/** Summarises the samples between two page times (default: all of them); a frame or task belongs where it starts. */
export function frameStats(samples: FrameSamples, from = samples.started, to = samples.stopped): FrameStats {
  const inside = (at: number): boolean => at >= from && at < to;
  const deltas = samples.frames.filter((f) => inside(f.at - f.delta)).map((f) => f.delta);
  const loaf = samples.loaf.filter((l) => inside(l.at));
  const tasks = samples.tasks.filter((t) => inside(t.at)).map((t) => t.duration);
  const sorted = [...deltas].sort((a, b) => a - b);
  const worst = [...loaf].sort((a, b) => b.duration - a.duration).slice(0, 5);
  const round = (n: number): number => Math.round(n * 10) / 10;
  return {
    ms: Math.round(to - from),
    frames: deltas.length,
    longestFrameMs: round(sorted[sorted.length - 1] ?? 0),
    p99FrameMs: round(sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] ?? 0),
    framesOver100ms: deltas.filter((d) => d > 100).length,
    longAnimationFrames: loaf.length,
    longestAnimationFrameMs: round(worst[0]?.duration ?? 0),
    longestBlockingMs: round(Math.max(0, ...loaf.map((l) => l.blocking))),
    longAnimationFramesOver100ms: loaf.filter((l) => l.duration > 100).length,
    longTasks: tasks.length,
    longestTaskMs: round(Math.max(0, ...tasks)),
    worst: worst.map((l) => ({ durationMs: round(l.duration), blockingMs: round(l.blocking), scriptMs: round(l.script), styleAndLayoutMs: round(l.styleAndLayout), scripts: l.scripts })),
  };
}
