// What a re-embed costs the database, model excluded: every vector of the largest memory written again into a new
// space whose HNSW index exists first (as ReembedService.start creates it), in write transactions sized by the
// runner's own rule (nextWriteSlice). The vectors are the memory's own, read out once; the model is not called, so
// the figure is the database's share of a re-embed (or of rebuilding a memory's vectors) and nothing else.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEngram } from '../src/core/engine/open-engram';
import { nextWriteSlice } from '../src/core/jobs/embedding-queue-runner';
import { loadSpaceVectors } from './js-loop-baseline';

/** How long writing a space's vectors took, with its index growing as they arrive. */
export interface SpaceBuildResult {
  readonly chunks: number;
  /** Writing every vector (binary COPY + HNSW insert), transaction by transaction. */
  readonly writeMs: number;
  readonly transactions: number;
  readonly vectorsPerSecond: number;
}

/** Copies `sourceDir` aside, writes its active space's vectors into a new space there, then removes the copy. */
export async function measureSpaceBuild(sourceDir: string, chunks: number, log: (msg: string) => void): Promise<SpaceBuildResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-bench-build-'));
  fs.cpSync(sourceDir, dataDir, { recursive: true });
  fs.rmSync(path.join(dataDir, 'engram.lock'), { force: true });
  const engine = await openEngram({ dataDir, holder: 'engram bench (space build)' });
  try {
    const active = await engine.spaces.active();
    if (!active) throw new Error('no active space');
    const stored = await loadSpaceVectors(engine.database, active.id, active.dimensions);
    const space = await engine.spaces.create({ ...active, model: `${active.model} (bench rebuild)` }, 'building');
    await engine.spaces.ensureIndex(space);
    const rows = Array.from(stored.ids, (chunkId, i) => ({ chunkId, vector: stored.vectors.subarray(i * stored.dims, (i + 1) * stored.dims) }));
    let slice = 4;
    let transactions = 0;
    const started = performance.now();
    let lastLog = started;
    for (let i = 0; i < rows.length; ) {
      const part = rows.slice(i, i + slice);
      const t = performance.now();
      await engine.database.transaction((tx) => engine.queue.with(tx).complete(space.id, part));
      slice = nextWriteSlice(slice, part.length, performance.now() - t);
      i += part.length;
      transactions++;
      if (performance.now() - lastLog > 15_000) {
        lastLog = performance.now();
        log(`space build ${chunks}: ${i}/${rows.length} vectors in ${((lastLog - started) / 1000).toFixed(0)} s (slice ${slice})`);
      }
    }
    const writeMs = performance.now() - started;
    return { chunks: rows.length, writeMs, transactions, vectorsPerSecond: rows.length / (writeMs / 1000) };
  } finally {
    await engine.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
