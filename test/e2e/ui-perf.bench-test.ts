// Performance in the browser harness (`npm run bench:ui`, takes minutes; not part of `npm test`): keypress-to-results-rendered p95 at
// 10,000 notes on the built-in model, IPC round trips while the embedding backlog is being processed, and the
// window's frames while a 10,000-note vault is imported through the wizard.
// Results are printed and written to test-artifacts/perf.json and test-artifacts/perf-import.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVault } from '../../bench/import-vault';
import { ARTIFACTS, screenshot, startHarness, type Harness } from './harness';
import { measureImportFrames } from './import-frames';
import { useJsonTransport } from './json-transport';

const NOTE_COUNT = Number(process.env['ENGRAM_PERF_NOTES'] ?? 10_000);

const SUBJECTS = ['garden', 'budget', 'recipe', 'release', 'running', 'passport', 'meeting', 'novel', 'piano', 'bicycle', 'invoice', 'holiday', 'database', 'kitchen', 'doctor', 'lecture', 'camera', 'insurance', 'birthday', 'server'];
const VERBS = ['review', 'fix', 'plan', 'buy', 'book', 'call about', 'write down', 'compare', 'clean', 'practise', 'schedule', 'renew', 'measure', 'backup', 'cancel'];
const DETAILS = ['before Friday', 'with Anna', 'at the town hall', 'in the morning', 'after lunch', 'for the team', 'on the weekend', 'next month', 'with the new tool', 'for grandma', 'during the trip', 'when it rains'];

/** Deterministic synthetic notes: a few sentences each, varied enough for both legs to rank. */
function syntheticNote(i: number): { title: string; body: string; tags: string[]; createdAt: string } {
  const pick = <T>(list: readonly T[], k: number): T => list[(i * k + Math.floor(i / list.length)) % list.length]!;
  const subject = pick(SUBJECTS, 7);
  const verb = pick(VERBS, 11);
  const detail = pick(DETAILS, 13);
  const body = `${verb[0]!.toUpperCase()}${verb.slice(1)} the ${subject} ${detail}. Note ${i}: remember the ${pick(SUBJECTS, 3)} and the ${pick(SUBJECTS, 5)} too; ${pick(VERBS, 2)} it ${pick(DETAILS, 5)}.`;
  const day = new Date(Date.UTC(2024, 0, 1) + (i % 700) * 86_400_000).toISOString();
  return { title: `${subject} ${i}`, body, tags: [subject, i % 3 === 0 ? 'work' : 'home'], createdAt: day };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const QUERIES = ['water the garden plants', 'budget review with the team', 'book a doctor appointment', 'renew passport at the town hall', 'practise piano in the morning', 'backup the database server', 'holiday trip with grandma', 'compare camera insurance'];

/**
 * Types each query a key every 70 ms in one mode and measures, per answer on screen, the time from the keystroke whose
 * query it answers (the target measure), and, stricter, from every keystroke to the first frame showing an answer
 * that includes it (a keystroke whose query was replaced before it was answered waits for the next answer). A
 * hybrid search's words-only preview counts as an answer: it is what the person sees first.
 */
async function typeQueries(page: Page, mode: 'hybrid' | 'keyword' | 'vector', label: string = mode): Promise<Record<string, unknown>> {
  const box = page.getByRole('combobox', { name: 'Search your memory' });
  await page.getByRole('radio', { name: { hybrid: 'Hybrid', keyword: 'Words', vector: 'Meaning' }[mode] }).click();
  await box.evaluate((el) => {
    (window as unknown as { __engramKeys: number[] }).__engramKeys = [];
    window.__engramPerf = [];
    if ((el as HTMLElement).dataset['keysWatched']) return;
    (el as HTMLElement).dataset['keysWatched'] = '1';
    el.addEventListener('input', () => {
      if ((el as HTMLInputElement).value.trim()) (window as unknown as { __engramKeys: number[] }).__engramKeys.push(performance.now());
    });
  });
  for (const q of QUERIES) {
    await box.fill('');
    await box.pressSequentially(q, { delay: 70 });
    await page.waitForFunction((text) => (window.__engramPerf ?? []).some((e) => e.query === text), q, { timeout: 30_000 });
  }
  const { rendered, keys } = await page.evaluate(() => ({ rendered: window.__engramPerf ?? [], keys: (window as unknown as { __engramKeys: number[] }).__engramKeys }));
  return {
    [`keypressToResults_${label}`]: summary(rendered.map((e) => e.ms)),
    [`everyKeystrokeToResults_${label}`]: summary(
      keys.flatMap((at) => {
        const shown = rendered.filter((e) => e.typedAt >= at - 0.01).map((e) => e.renderedAt - at);
        return shown.length ? [Math.min(...shown)] : [];
      }),
    ),
    [`keystrokes_${label}`]: { typed: keys.length, answersShown: rendered.length },
  };
}

const summary = (values: readonly number[]) => ({
  n: values.length,
  p50: Math.round(percentile(values, 50) * 10) / 10,
  p95: Math.round(percentile(values, 95) * 10) / 10,
  max: Math.round(Math.max(...values) * 10) / 10,
});

describe(`performance at ${NOTE_COUNT} notes`, () => {
  let harness: Harness;
  const report: Record<string, unknown> = { notes: NOTE_COUNT };

  beforeAll(async () => {
    harness = await startHarness({ engine: 'worker', autoEmbed: true, queryVectorCacheSize: 0 }); // each mode types the same queries: embed them every time
  }, 300_000);

  afterAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'perf.json'), JSON.stringify(report, null, 2));
    console.log('engram perf:', JSON.stringify(report, null, 2));
    await harness?.close();
  });

  it('keeps IPC round trips fast while the backlog embeds', async () => {
    const started = Date.now();
    const batch = 200;
    for (let at = 0; at < NOTE_COUNT; at += batch) {
      await Promise.all(Array.from({ length: Math.min(batch, NOTE_COUNT - at) }, (_, k) => harness.engram.addNote(syntheticNote(at + k))));
    }
    report['insertSeconds'] = Math.round((Date.now() - started) / 100) / 10;
    const page = await harness.newPage();
    const status = await harness.engram.status();
    report['pendingWhenMeasuring'] = status.embeddings.pending;
    // Sample round trips from the page through the real handler table while the queue embeds in the background.
    const samples = await page.evaluate(async () => {
      const out: { get: number[]; status: number[]; recall: number[] } = { get: [], status: [], recall: [] };
      const sample = async (into: number[], call: () => Promise<unknown>, ms: number): Promise<void> => {
        const end = performance.now() + ms;
        while (performance.now() < end) {
          const t = performance.now();
          await call();
          into.push(performance.now() - t);
          await new Promise((r) => setTimeout(r, 10));
        }
      };
      let id = 0;
      await sample(out.get, () => window.api.notes.get({ id: (id++ % 500) + 1 }), 6000);
      await sample(out.status, () => window.api.status.get(), 4000);
      await sample(out.recall, () => window.api.recall.query({ query: 'plan the garden', options: { mode: 'keyword', limit: 20 } }), 4000);
      return out;
    });
    const after = await harness.engram.status();
    report['embeddedDuringSampling'] = status.embeddings.pending - after.embeddings.pending;
    report['ipcWhileEmbedding'] = { notesGet: summary(samples.get), statusGet: summary(samples.status), keywordRecall: summary(samples.recall) };
    // Search as you type while the backlog still waits: the first results for each keystroke (target p95 150 ms).
    await useJsonTransport(harness, page);
    Object.assign(report, await typeQueries(page, 'hybrid', 'hybridWhileBacklog'));
    report['pendingAfterTyping'] = (await harness.engram.status()).embeddings.pending;
    await screenshot(page, '12-perf-search-while-backlog');
    await page.close();
    expect(report['embeddedDuringSampling']).toBeGreaterThan(0);
    expect(summary(samples.get).p95).toBeLessThan(50);
  }, 1_800_000);

  it('renders results within 100 ms p95 of a keypress', async () => {
    const started = Date.now();
    await harness.waitForEmbeddings(1_800_000);
    report['embedWaitSeconds'] = Math.round((Date.now() - started) / 100) / 10;
    const page = await harness.newPage();
    // Answers cross as JSON text, parsed in the page (about what Electron's structured clone costs); the harness's
    // default binding serialises them value by value, a cost of the harness and not of the app.
    await useJsonTransport(harness, page);
    for (const mode of ['hybrid', 'keyword', 'vector'] as const) Object.assign(report, await typeQueries(page, mode));
    await screenshot(page, '10-perf-10k-results');
    await page.close();
    expect((report['keypressToResults_hybrid'] as { p95: number }).p95).toBeLessThan(100);
  }, 2_400_000);
});

const IMPORT_NOTES = Number(process.env['ENGRAM_PERF_IMPORT_NOTES'] ?? 10_000);

describe(`the window while ${IMPORT_NOTES} notes are imported`, () => {
  let harness: Harness;
  let vault: string;

  beforeAll(async () => {
    harness = await startHarness({ engine: 'worker', autoEmbed: true, queryVectorCacheSize: 0 }); // each mode types the same queries: embed them every time
    vault = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-perf-import-'));
    generateVault(vault, IMPORT_NOTES);
  }, 300_000);

  afterAll(async () => {
    await harness?.close();
    if (vault) fs.rmSync(vault, { recursive: true, force: true });
  });

  it('has no frame over 100 ms caused by the import (idle baseline in the same run)', async () => {
    const page = await harness.newPage();
    const loadAverageStart = os.loadavg();
    const result = await measureImportFrames(harness, page, vault, IMPORT_NOTES);
    const report = { ...result, loadAverageStart, loadAverageEnd: os.loadavg() };
    await screenshot(page, '11-perf-import-report');
    await page.close();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'perf-import.json'), JSON.stringify(report, null, 2));
    console.log('engram import frames:', JSON.stringify(report, null, 2));
    // The target is about the renderer's own work: its longest main-thread task by CPU time (on a loaded 2-core
    // machine wall times also include waiting for a CPU; the idle baseline shows how much).
    expect(Math.max(result.run.tasks.longestCpuMs, result.settle.tasks.longestCpuMs)).toBeLessThan(100);
  }, 1_800_000);
});
