import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { pg_textsearch } from '@electric-sql/pglite-pg_textsearch';
import { databaseDir } from './data-dir';
import type { Database } from './queryable';

/** Options for opening the embedded Postgres. */
export interface OpenDatabaseOptions {
  /** A tarball from `dumpDataDir()` used to seed a directory that holds no database yet (tests skip initdb). */
  readonly seed?: Blob;
}

/** Opens (creating if needed) the PGlite database inside a data directory, with pgvector and BM25 loaded. */
export async function openDatabase(dataDir: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const dir = databaseDir(dataDir);
  const fresh = !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
  return PGlite.create({
    dataDir: dir,
    extensions: { vector, pg_textsearch },
    ...(fresh && options.seed ? { loadDataDir: options.seed } : {}),
  });
}

/** Total size in bytes of the files under a directory (the database's footprint on disk). */
export function directorySize(dir: string): number {
  let total = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = `${dir}/${entry.name}`;
    if (entry.isDirectory()) total += directorySize(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}
