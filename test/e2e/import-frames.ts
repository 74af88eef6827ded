// The window's responsiveness during an import: a generated vault (the import benchmark's) imported through the
// wizard (Preview, then Import, then the report) while the page samples its frames; an idle baseline first, on the
// same page in the same run.
import type { Page } from 'playwright-core';
import { frameStats, pageNow, startFrameSampler, stopFrameSampler, type FrameStats } from './frame-sampler';
import type { Harness } from './harness';
import { useJsonTransport } from './json-transport';
import { startRendererTrace, stopRendererTrace, taskStats, traceMark, type TaskStats } from './renderer-trace';

/** Frames seen by the page and the renderer's main-thread tasks (wall and CPU time) in one phase. */
export interface PhaseFrames {
  readonly frames: FrameStats;
  readonly tasks: TaskStats;
}

/** Frames before and during the import, and how long its steps took. */
export interface ImportFrames {
  readonly notes: number;
  readonly idle: PhaseFrames;
  /** From clicking Preview until the preview is shown (every file parsed, the model's throughput probed). */
  readonly preview: PhaseFrames;
  /** From clicking Import until the report is shown (progress events, the running panel, the report's first frame). */
  readonly run: PhaseFrames;
  /** `settleMs` after the report is shown: what an import's end refreshes (the note list, the sidebar's tags, status). */
  readonly settle: PhaseFrames;
  readonly previewMs: number;
  readonly runMs: number;
  /** Progress events the page received during the run. */
  readonly progressEvents: number;
  /**
   * The preview and the report carry every note's entry (10k at 10k notes). The harness hands them to the page
   * as JSON text; to compare that with what Electron's structured clone costs the window, a preview of the same source
   * (the same size) is parsed and cloned in the page: its JSON size and both times.
   */
  readonly payload: { readonly jsonBytes: number; readonly jsonParseMs: number; readonly structuredCloneMs: number };
}

/**
 * Imports `vault` through the wizard on `page`, sampling frames; the page must show the app. Results reach the page
 * as JSON text (see json-transport.ts), so the harness's own transport is not measured as the app's work.
 */
export async function measureImportFrames(harness: Harness, page: Page, vault: string, notes: number, options: { idleMs?: number; settleMs?: number } = {}): Promise<ImportFrames> {
  await useJsonTransport(harness, page);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { name: 'Import notes' }).waitFor();
  await page.evaluate(() => {
    const w = window as unknown as { __importEvents?: number; api: { events: { onImportProgress(l: () => void): () => void } } };
    w.__importEvents = 0;
    w.api.events.onImportProgress(() => (w.__importEvents = (w.__importEvents ?? 0) + 1));
  });

  const start = async (): Promise<void> => {
    await startRendererTrace(harness.browser, page);
    await startFrameSampler(page);
  };
  const stop = async () => ({ samples: await stopFrameSampler(page), trace: await stopRendererTrace(harness.browser) });

  await start();
  await page.waitForTimeout(options.idleMs ?? 5000);
  const idleRaw = await stop();
  const idle = { frames: frameStats(idleRaw.samples), tasks: taskStats(idleRaw.trace) };

  await page.getByLabel('Source path').fill(vault);
  await start();
  let started = Date.now();
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const preview = page.getByRole('region', { name: 'Preview' });
  await preview.waitFor({ timeout: 600_000 });
  const previewMs = Date.now() - started;
  const previewRaw = await stop();
  const previewFrames = { frames: frameStats(previewRaw.samples), tasks: taskStats(previewRaw.trace) };

  await start();
  started = Date.now();
  await preview.getByRole('button', { name: /^Import [\d,]+ notes$/ }).click();
  await page.getByRole('region', { name: 'Import report' }).waitFor({ timeout: 600_000 });
  const runMs = Date.now() - started;
  const reportShown = await pageNow(page);
  await traceMark(page, 'engram-report-shown');
  await page.waitForTimeout(options.settleMs ?? 3000);
  const { samples, trace } = await stop();
  const split = trace.marks.get('engram-report-shown');
  if (split === undefined) throw new Error('the trace has no engram-report-shown mark');
  const run = { frames: frameStats(samples, samples.started, reportShown), tasks: taskStats(trace, -Infinity, split) };
  const settle = { frames: frameStats(samples, reportShown), tasks: taskStats(trace, split) };
  const progressEvents = await page.evaluate(() => (window as unknown as { __importEvents?: number }).__importEvents ?? 0);
  const imported = (await harness.engram.status()).notes;
  if (imported < notes) throw new Error(`expected at least ${notes} notes after the import, found ${imported}`);
  const again = await harness.engram.previewImport({ path: vault }, { chunksPerSecond: 1 });
  const json = JSON.stringify(again);
  const cost = await page.evaluate((text) => {
    const t0 = performance.now();
    const value: unknown = JSON.parse(text);
    const t1 = performance.now();
    structuredClone(value);
    return { parse: t1 - t0, clone: performance.now() - t1 };
  }, json);
  const round = (n: number): number => Math.round(n * 10) / 10;
  const payload = { jsonBytes: json.length, jsonParseMs: round(cost.parse), structuredCloneMs: round(cost.clone) };
  return { notes, idle, preview: previewFrames, run, settle, previewMs, runMs, progressEvents, payload };
}
