// Is the calling thread responsive while the engine works? Event-loop delay of this thread (perf_hooks
// monitorEventLoopDelay) while a worker-hosted engine embeds its queue and builds an HNSW index, against an idle
// baseline and against the same index build run on this thread, all in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { CisiDocument } from '../eval/cisi-parser';
import { openEngram } from '../src/core/engine/open-engram';
import { openEngramInWorker } from '../src/core/engine/engram-worker-client';

/** Event-loop delay of one phase, in milliseconds. */
export interface DelayStats {
  readonly phase: string;
  readonly durationMs: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** All phases measured. */
export interface ResponsivenessResult {
  readonly idle: DelayStats;
  readonly workerAdd: DelayStats;
  readonly workerDrain: DelayStats;
  readonly workerIndexBuild: DelayStats;
  /** The same index build on the calling thread (what the worker avoids). */
  readonly inThreadIndexBuild: DelayStats | null;
  readonly indexChunks: number;
  readonly notes: number;
}

const RESOLUTION_MS = 5;

/**
 * Runs `work` while sampling this thread's event-loop delay. The histogram is primed before the work starts (its
 * first timer tick only sets a reference point, so a block that starts at once would go unrecorded), and a
 * heartbeat interval also records the longest gap between its ticks, which is reported as max when larger.
 */
async function underMonitor(phase: string, work: () => Promise<unknown>): Promise<DelayStats> {
  const h: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  h.enable();
  let last = performance.now();
  let maxGap = 0;
  const heartbeat = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last - RESOLUTION_MS);
    last = now;
  }, RESOLUTION_MS);
  await new Promise((r) => setTimeout(r, RESOLUTION_MS * 4));
  const start = performance.now();
  try {
    await work();
  } finally {
    await new Promise((r) => setTimeout(r, RESOLUTION_MS * 2)); // let the tick after a final block be recorded
    clearInterval(heartbeat);
    h.disable();
  }
  const ms = (ns: number): number => ns / 1e6;
  return {
    phase,
    durationMs: performance.now() - start,
    p50: ms(h.percentile(50)),
    p99: ms(h.percentile(99)),
    max: Math.max(ms(h.max), maxGap),
  };
}

function copyDataDir(from: string, prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(from, dir, { recursive: true });
  fs.rmSync(path.join(dir, 'engram.lock'), { force: true });
  return dir;
}

/** Drops the active space's HNSW index in a closed data directory, so the next open rebuilds it. */
async function dropIndex(dataDir: string): Promise<void> {
  const engine = await openEngram({ dataDir, holder: 'engram bench (drop index)' });
  try {
    const space = await engine.spaces.active();
    if (space) await engine.spaces.dropIndex(space.id);
  } finally {
    await engine.close();
  }
}

/**
 * Measures event-loop delay on this thread: idle; while a worker-hosted engine adds `docs` and drains their
 * embeddings; while it rebuilds the HNSW index of `indexedDir` on open; and (baseline) the same rebuild in-thread.
 */
export async function measureResponsiveness(
  docs: readonly CisiDocument[],
  emptyDir: string,
  indexedDir: string,
  indexChunks: number,
  inThreadBaseline: boolean,
  log: (msg: string) => void,
): Promise<ResponsivenessResult> {
  const idle = await underMonitor('idle', () => new Promise((r) => setTimeout(r, 2000)));

  const queueDir = copyDataDir(emptyDir, 'engram-bench-resp-');
  let workerAdd: DelayStats;
  let workerDrain: DelayStats;
  try {
    const client = await openEngramInWorker({ dataDir: queueDir, holder: 'engram bench (responsiveness)' });
    try {
      workerAdd = await underMonitor('worker: add notes', async () => {
        for (const doc of docs) await client.addNote({ title: doc.title, body: doc.abstract, source: { kind: 'bench', path: `CISI.ALL#${doc.id}` } });
      });
      workerDrain = await underMonitor('worker: drain embedding queue', () => client.drainQueue());
      log(`responsiveness: queue drain p99 ${workerDrain.p99.toFixed(1)} ms over ${(workerDrain.durationMs / 1000).toFixed(1)} s`);
    } finally {
      await client.close();
    }
  } finally {
    fs.rmSync(queueDir, { recursive: true, force: true });
  }

  const indexDir = copyDataDir(indexedDir, 'engram-bench-index-');
  let workerIndexBuild: DelayStats;
  let inThreadIndexBuild: DelayStats | null = null;
  try {
    await dropIndex(indexDir);
    log(`responsiveness: rebuilding the HNSW index over ${indexChunks} chunks in the engine worker...`);
    workerIndexBuild = await underMonitor(`worker: HNSW build (${indexChunks} chunks, on open)`, async () => {
      const client = await openEngramInWorker({ dataDir: indexDir, holder: 'engram bench (index build)' });
      await client.close();
    });
    if (inThreadBaseline) {
      await dropIndex(indexDir);
      log(`responsiveness: rebuilding it again on this thread (baseline)...`);
      inThreadIndexBuild = await underMonitor(`this thread: HNSW build (${indexChunks} chunks)`, async () => {
        const engine = await openEngram({ dataDir: indexDir, holder: 'engram bench (index build in-thread)' });
        await engine.close();
      });
    }
  } finally {
    fs.rmSync(indexDir, { recursive: true, force: true });
  }
  return { idle, workerAdd, workerDrain, workerIndexBuild, inThreadIndexBuild, indexChunks, notes: docs.length };
}
