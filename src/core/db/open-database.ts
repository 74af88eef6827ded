import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { pg_textsearch } from '@electric-sql/pglite-pg_textsearch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { databaseDir } from './data-dir';
import { directorySize } from './directory-size';
import type { Database } from './queryable';

/** Options for opening the embedded Postgres. */
export interface OpenDatabaseOptions {
  /** A tarball from `dumpDataDir()` used to seed a directory that holds no database yet (tests skip initdb). */
  readonly seed?: Blob;
  /** The smallest buffer cache in MB (default BUFFER_CACHE_FLOOR_MB; BRIEF_BUFFER_CACHE_FLOOR_MB for a short command). */
  readonly cacheFloorMb?: number;
}

const MB = 1024 * 1024;

/**
 * The smallest buffer cache of a process that stays open (the app, `engram mcp`, an import): a new memory grows
 * within one session, and the cache is sized only at open.
 */
export const BUFFER_CACHE_FLOOR_MB = 128;

/**
 * The smallest buffer cache of a short command that reads a few rows (`engram status`, `list`, `get`, `links`).
 * PGlite's WebAssembly zero-fills the whole cache at start, so each MB of it is a MB of resident memory from the
 * first moment: an `engram status` process held ~275 MB with 32 MB against ~375 MB with 128 (bench/README.md, "The
 * CLI"; the time it saves is within the machine's noise).
 */
export const BRIEF_BUFFER_CACHE_FLOOR_MB = 32;

/**
 * Postgres's buffer cache (shared_buffers, in MB) for tables and indexes of this many bytes on disk (the `base/`
 * folder: the write-ahead log is left out, its size says nothing about what searches read). An HNSW search reads
 * pages all over its index; once the index outgrows the cache every query goes back to the file system. At 100k
 * chunks the 512-d index is 260 MB of 760 MB in `base/`, and HNSW p95 fell from 14.5 to 7 ms when the cache went
 * from 128 to 256 MB (bench/README.md). Two fifths of the tables covers the index; `floorMb` is the floor (128 MB,
 * Postgres's default, unless the process is a short command), and 512 MB is the ceiling.
 */
export function sharedBuffersMb(tableBytes: number, floorMb = BUFFER_CACHE_FLOOR_MB): number {
  return Math.min(512, Math.max(floorMb, Math.ceil((tableBytes * 0.4) / (16 * MB)) * 16));
}

/** Memory for building an HNSW index (MB): a 100k-chunk 512-d graph fits, so the build never spills to disk. */
const MAINTENANCE_WORK_MEM_MB = 384;

/**
 * The write-ahead log's bounds. Postgres keeps used 16 MB segments for reuse up to max_wal_size (1 GB by default), and
 * PGlite has no checkpointer process to trim them: the 100k-chunk bench memory carried 832 MB of WAL beside 760 MB of
 * data. With these, ~240 MB written to a fresh memory leaves 64 MB of WAL instead of 288 (test/core/wal-bound.test.ts),
 * and an insert + HNSW build of 100k vectors took the same time (98.8 vs 97.4 s; bench/README.md, "Disk").
 */
const WAL_SETTINGS = { min_wal_size: '32MB', max_wal_size: '64MB' };

/** Opens (creating if needed) the PGlite database inside a data directory, with pgvector, BM25 and trigrams loaded. */
export async function openDatabase(dataDir: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const dir = databaseDir(dataDir);
  const fresh = !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
  const cacheMb = sharedBuffersMb(directorySize(path.join(dir, 'base')), options.cacheFloorMb);
  const settings = { shared_buffers: `${cacheMb}MB`, maintenance_work_mem: `${MAINTENANCE_WORK_MEM_MB}MB`, ...WAL_SETTINGS };
  return PGlite.create({
    dataDir: dir,
    extensions: { vector, pg_textsearch, pg_trgm },
    startParams: [...PGlite.defaultStartParams, ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])],
    ...(fresh && options.seed ? { loadDataDir: options.seed } : {}),
  });
}

export { directorySize } from './directory-size';
