// Disk use of a memory against the raw size of what it holds (#17: ≤ 3x the raw size of texts + vectors): note
// titles and bodies as UTF-8, plus the active space's vectors as float4, against the database directory, its
// tables and indexes (base/) and its write-ahead log (pg_wal/).
import path from 'node:path';
import { databaseDir } from '../src/core/db/data-dir';
import { directorySize } from '../src/core/db/directory-size';
import { openEngram } from '../src/core/engine/open-engram';

/** Bytes of one memory on disk and of its contents. */
export interface DiskUseResult {
  readonly chunks: number;
  readonly textBytes: number;
  readonly vectorBytes: number;
  /** The whole database directory (what the target counts). */
  readonly directoryBytes: number;
  readonly baseBytes: number;
  readonly walBytes: number;
}

/** Measures a memory as it lies in `dataDir` (sizes are read before the engine opens it and after it closes). */
export async function measureDiskUse(dataDir: string, chunks: number): Promise<DiskUseResult> {
  const dir = databaseDir(dataDir);
  const sizes = { directoryBytes: directorySize(dir), baseBytes: directorySize(path.join(dir, 'base')), walBytes: directorySize(path.join(dir, 'pg_wal')) };
  const engine = await openEngram({ dataDir, holder: 'engram bench (disk)', brief: true });
  try {
    const space = await engine.spaces.active();
    const text = await engine.database.query<{ bytes: string }>(`select coalesce(sum(octet_length(title) + octet_length(body)), 0)::text as bytes from notes`);
    const vectors = space
      ? await engine.database.query<{ n: number }>(`select count(*)::int as n from chunk_embeddings where space_id = $1`, [space.id])
      : { rows: [{ n: 0 }] };
    return { chunks, textBytes: Number(text.rows[0]!.bytes), vectorBytes: vectors.rows[0]!.n * (space?.dimensions ?? 0) * 4, ...sizes };
  } finally {
    await engine.close();
  }
}
