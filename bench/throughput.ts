// Add-note throughput with the built-in model: notes added and their embedding queue drained, against the time
// spent inside the model (provider.embedDocuments), plus a model-only baseline on the same texts in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CisiDocument } from '../eval/cisi-parser';
import { BuiltinProvider } from '../src/core/embedding/builtin/builtin-provider';
import { openEngram } from '../src/core/engine/open-engram';
import { median } from './stats';
import { installModelTimer } from './model-timer';

/** One throughput run. */
export interface ThroughputRun {
  readonly notes: number;
  readonly chunks: number;
  readonly addMs: number;
  readonly drainMs: number;
  readonly modelMs: number;
  /** notes / (add + drain) seconds. */
  readonly notesPerSecond: number;
  /** 1 - model time / (add + drain) wall time. */
  readonly outsideShare: number;
  /** 1 - model time / drain wall time (the queue alone). */
  readonly drainOutsideShare: number;
  /** The same chunk texts embedded straight through the provider, no database: chunks/s. */
  readonly modelOnlyChunksPerSecond: number;
}

/** Throughput summary: medians over runs. */
export interface ThroughputResult {
  readonly runs: readonly ThroughputRun[];
  readonly notesPerSecond: number;
  readonly chunksPerSecond: number;
  readonly outsideShare: number;
  readonly drainOutsideShare: number;
  readonly modelOnlyChunksPerSecond: number;
  /** Engine chunks/s divided by model-only chunks/s (1.0 = no overhead). */
  readonly ratioToModelOnly: number;
}

/** Adds `docs` as notes to a fresh data directory, drains the queue, and times both against the model. */
async function oneRun(docs: readonly CisiDocument[], seedDir: string, log: (msg: string) => void): Promise<ThroughputRun> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-bench-throughput-'));
  // start from a migrated copy: initdb (~5 s) is not part of adding notes
  fs.cpSync(seedDir, dataDir, { recursive: true });
  fs.rmSync(path.join(dataDir, 'engram.lock'), { force: true });
  const timed = installModelTimer();
  const engine = await openEngram({ dataDir, holder: 'engram bench (throughput)', queryVectorCacheSize: 0 });
  const baseline = new BuiltinProvider();
  try {
    // load the models before the clock starts (loaded once per app session): the engine's via a first recall
    await engine.recall('warm up', { mode: 'vector', limit: 1 }).catch(() => undefined);
    await baseline.embedDocuments(['warm up']);
    timed.reset();
    const start = performance.now();
    for (const doc of docs) {
      await engine.addNote({ title: doc.title, body: doc.abstract, source: { kind: 'bench', path: `CISI.ALL#${doc.id}` } });
    }
    const addMs = performance.now() - start;
    const drainStart = performance.now();
    const chunks = await engine.drainQueue();
    const drainMs = performance.now() - drainStart;
    const modelMs = timed.documentMs;
    const wall = addMs + drainMs;

    // baseline in the same run: the same texts straight through the provider, in the queue's batch size
    const texts = (await engine.database.query<{ search_text: string }>('select search_text from chunks order by id')).rows.map((r) => r.search_text);
    const baseStart = performance.now();
    for (let i = 0; i < texts.length; i += 32) await baseline.embedDocuments(texts.slice(i, i + 32));
    const baseMs = performance.now() - baseStart;
    const run: ThroughputRun = {
      notes: docs.length,
      chunks,
      addMs,
      drainMs,
      modelMs,
      notesPerSecond: docs.length / (wall / 1000),
      outsideShare: 1 - modelMs / wall,
      drainOutsideShare: 1 - modelMs / drainMs,
      modelOnlyChunksPerSecond: texts.length / (baseMs / 1000),
    };
    log(
      `throughput: ${docs.length} notes (${chunks} chunks): add ${addMs.toFixed(0)} ms, drain ${drainMs.toFixed(0)} ms, ` +
        `model ${modelMs.toFixed(0)} ms -> ${run.notesPerSecond.toFixed(2)} notes/s, ${(run.outsideShare * 100).toFixed(1)}% outside the model`,
    );
    return run;
  } finally {
    await baseline.close();
    await engine.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs the throughput benchmark `runs` times on `docs`, each in a fresh copy of `seedDir` (an empty memory). */
export async function measureThroughput(
  docs: readonly CisiDocument[],
  seedDir: string,
  runs: number,
  log: (msg: string) => void,
): Promise<ThroughputResult> {
  const results: ThroughputRun[] = [];
  for (let i = 0; i < runs; i++) results.push(await oneRun(docs, seedDir, log));
  const chunksPerSecond = median(results.map((r) => r.chunks / ((r.addMs + r.drainMs) / 1000)));
  const modelOnly = median(results.map((r) => r.modelOnlyChunksPerSecond));
  return {
    runs: results,
    notesPerSecond: median(results.map((r) => r.notesPerSecond)),
    chunksPerSecond,
    outsideShare: median(results.map((r) => r.outsideShare)),
    drainOutsideShare: median(results.map((r) => r.drainOutsideShare)),
    modelOnlyChunksPerSecond: modelOnly,
    ratioToModelOnly: chunksPerSecond / modelOnly,
  };
}

/** Creates an empty, migrated memory to copy for each run (pays initdb once). */
export async function emptyMemory(dir: string): Promise<string> {
  if (fs.existsSync(path.join(dir, 'memory'))) return dir;
  fs.mkdirSync(dir, { recursive: true });
  const engine = await openEngram({ dataDir: dir, holder: 'engram bench (seed)' });
  await engine.close();
  return dir;
}
