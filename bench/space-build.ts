// What writing a space's vectors costs the database, model excluded, on a copy of the largest memory: its own
// vectors (read out once) written into a new space two ways.
// - Bulk: every vector by binary COPY with no index, then one HNSW build (SpacesRepository.ensureIndex). This is
//   how a space derived by truncation and the bench's own databases are built; it holds the database for the
//   whole build, so the app's search waits.
// - Incremental: how a re-embed writes. Its index exists before vectors arrive (ReembedService.start), and each
//   write transaction, sized by the runner's own rule (nextWriteSlice), also inserts into the graph. Measured after
//   the bulk build: `incrementalVectors` of the vectors are deleted and written again, so the rate is the one a
//   re-embed reaches as its graph nears full size.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseDir } from '../src/core/db/data-dir';
import { directorySize } from '../src/core/db/directory-size';
import { openEngram } from '../src/core/engine/open-engram';
import { nextWriteSlice } from '../src/core/jobs/embedding-queue-runner';
import type { VectorRow } from '../src/core/db/vector-copy';
import { loadSpaceVectors } from './js-loop-baseline';

/** Costs of writing a space's vectors. */
export interface SpaceBuildResult {
  readonly chunks: number;
  /** Bulk: binary COPY of every vector, no index. */
  readonly copyMs: number;
  /** Bulk: the HNSW build over them. */
  readonly indexMs: number;
  /** Incremental: vectors written one transaction slice at a time into the indexed space. */
  readonly incrementalVectors: number;
  /** Incremental: milliseconds per vector, index insert included. */
  readonly incrementalMsPerVector: number;
  /** The write-ahead log (pg_wal) of the copy before the writes, and after them and a CHECKPOINT. */
  readonly walBytesBefore: number;
  readonly walBytesAfter: number;
  /** The whole database directory after, and its tables and indexes alone (pg_database_size). */
  readonly directoryBytesAfter: number;
  readonly databaseBytesAfter: number;
}

const BULK_BATCH = 500;

/** Copies `sourceDir` aside, measures both ways of writing its active space's vectors, then removes the copy. */
export async function measureSpaceBuild(sourceDir: string, incrementalVectors: number, log: (msg: string) => void): Promise<SpaceBuildResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-bench-build-'));
  fs.cpSync(sourceDir, dataDir, { recursive: true });
  fs.rmSync(path.join(dataDir, 'engram.lock'), { force: true });
  const walDir = path.join(databaseDir(dataDir), 'pg_wal');
  const walBytesBefore = directorySize(walDir);
  const engine = await openEngram({ dataDir, holder: 'engram bench (space build)' });
  try {
    const active = await engine.spaces.active();
    if (!active) throw new Error('no active space');
    const stored = await loadSpaceVectors(engine.database, active.id, active.dimensions);
    const rows: VectorRow[] = Array.from(stored.ids, (chunkId, i) => ({ chunkId, vector: stored.vectors.subarray(i * stored.dims, (i + 1) * stored.dims) }));
    const space = await engine.spaces.create({ ...active, model: `${active.model} (bench rebuild)` }, 'building');

    let started = performance.now();
    for (let i = 0; i < rows.length; i += BULK_BATCH) await engine.queue.complete(space.id, rows.slice(i, i + BULK_BATCH));
    const copyMs = performance.now() - started;
    log(`space build ${rows.length}: vectors copied in ${(copyMs / 1000).toFixed(1)} s; building the index...`);
    started = performance.now();
    await engine.spaces.ensureIndex(space);
    const indexMs = performance.now() - started;
    const rest = rows.slice(Math.max(0, rows.length - incrementalVectors));
    log(`space build ${rows.length}: index built in ${(indexMs / 1000).toFixed(1)} s; ${rest.length} vectors again, one slice at a time...`);
    await engine.database.query('delete from chunk_embeddings where space_id = $1 and chunk_id = any($2::int[])', [space.id, rest.map((r) => r.chunkId)]);

    let slice = 4;
    started = performance.now();
    for (let i = 0; i < rest.length; ) {
      const part = rest.slice(i, i + slice);
      const t = performance.now();
      await engine.database.transaction((tx) => engine.queue.with(tx).complete(space.id, part));
      slice = nextWriteSlice(slice, part.length, performance.now() - t);
      i += part.length;
    }
    const incrementalMs = performance.now() - started;
    await engine.database.exec('checkpoint');
    const database = await engine.database.query<{ bytes: number }>('select pg_database_size(current_database())::float8 as bytes');
    return {
      walBytesBefore,
      walBytesAfter: directorySize(walDir),
      directoryBytesAfter: directorySize(databaseDir(dataDir)),
      databaseBytesAfter: database.rows[0]?.bytes ?? 0,
      chunks: rows.length,
      copyMs,
      indexMs,
      incrementalVectors: rest.length,
      incrementalMsPerVector: incrementalMs / Math.max(1, rest.length),
    };
  } finally {
    await engine.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
