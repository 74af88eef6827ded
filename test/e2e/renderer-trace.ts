// The renderer's main-thread tasks from a Chromium trace, with wall time and the thread's own CPU time. On a loaded
// machine a frame can be long because the renderer waited for a CPU; its CPU time says how much work the page did.
import type { Browser, Page } from 'playwright-core';

/** One top-level task of the renderer's main thread. */
interface TraceTask {
  /** Trace time in microseconds. */
  readonly ts: number;
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** The renderer's main-thread tasks in a window. */
export interface TaskStats {
  readonly tasks: number;
  /** Longest task by wall time, and by the renderer thread's CPU time. */
  readonly longestWallMs: number;
  readonly longestCpuMs: number;
  readonly wallOver100ms: number;
  readonly cpuOver100ms: number;
  /** Main-thread CPU time in tasks, summed. */
  readonly cpuMs: number;
}

/** A finished trace: the renderer's tasks and the user-timing marks, by name. */
export interface RendererTrace {
  readonly tasks: readonly TraceTask[];
  readonly marks: ReadonlyMap<string, number>;
}

const CATEGORIES = ['toplevel', 'blink.user_timing', '__metadata'];
/** A top-level task's trace event (the name differs between Chromium versions). */
const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/** Starts tracing the page's renderer (one trace at a time per browser). */
export async function startRendererTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: CATEGORIES });
}

/** Puts a user-timing mark in the trace (to split it into phases). */
export async function traceMark(page: Page, name: string): Promise<void> {
  await page.evaluate((n) => performance.mark(n), name);
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

/** Stops tracing; returns the top-level tasks of the busiest renderer main thread and the marks. */
export async function stopRendererTrace(browser: Browser): Promise<RendererTrace> {
  const buffer = await browser.stopTracing();
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, TraceTask[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !TASK_NAMES.has(e.name) || !mainThreads.has(key)) continue;
    const list = byThread.get(key) ?? [];
    list.push({ ts: e.ts, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 });
    byThread.set(key, list);
  }
  const tasks = [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  const marks = new Map(events.filter((e) => e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b').filter((e) => e.name.startsWith('engram-')).map((e) => [e.name, e.ts]));
  return { tasks, marks };
}

/** Summarises the tasks that start between two trace times (default: all). */
export function taskStats(trace: RendererTrace, from = -Infinity, to = Infinity): TaskStats {
  const inside = trace.tasks.filter((t) => t.ts >= from && t.ts < to);
  const round = (n: number): number => Math.round(n * 10) / 10;
  return {
    tasks: inside.length,
    longestWallMs: round(Math.max(0, ...inside.map((t) => t.wallMs))),
    longestCpuMs: round(Math.max(0, ...inside.map((t) => t.cpuMs))),
    wallOver100ms: inside.filter((t) => t.wallMs > 100).length,
    cpuOver100ms: inside.filter((t) => t.cpuMs > 100).length,
    cpuMs: round(inside.reduce((sum, t) => sum + t.cpuMs, 0)),
  };
}
