import type { Queryable } from '../db/queryable';
import type { SearchRepository } from '../db/repositories/search-repository';
import type { SpaceRecord } from '../db/repositories/spaces-repository';

/** The outcome of checking a finished space before it may become active. */
export interface SpaceValidation {
  readonly ok: boolean;
  /** Live chunks without a vector in the space. */
  readonly missing: number;
  /** Mean overlap of HNSW and exact top-10 over the sample queries, 0..1. */
  readonly agreement: number;
  readonly sampleSize: number;
  readonly reason: string | null;
}

/** Least acceptable agreement between the index and an exact scan. */
export const MIN_AGREEMENT = 0.9;

/**
 * Checks a space is complete (every live chunk has a vector) and that its HNSW index answers like an exact scan
 * on a sample of stored vectors used as queries.
 */
export async function validateSpace(db: Queryable, search: SearchRepository, space: SpaceRecord, sampleSize = 20): Promise<SpaceValidation> {
  const missingRows = await db.query<{ missing: number }>(
    `select count(*)::int as missing from chunks c join notes n on n.id = c.note_id
     where n.deleted_at is null and not exists (select 1 from chunk_embeddings e where e.space_id = $1 and e.chunk_id = c.id)`,
    [space.id],
  );
  const missing = missingRows.rows[0]?.missing ?? 0;
  if (missing > 0) return { ok: false, missing, agreement: 0, sampleSize: 0, reason: `${missing} passages have no vector in the new space yet` };
  const sample = await db.query<{ embedding: string }>('select embedding::text as embedding from chunk_embeddings where space_id = $1 order by random() limit $2', [space.id, sampleSize]);
  let overlap = 0;
  for (const row of sample.rows) {
    const query = Float32Array.from(JSON.parse(row.embedding) as number[]);
    const indexed = await search.nearestChunks(space, query, {}, 10);
    const exact = await search.nearestChunks(space, query, {}, 10, true);
    const exactIds = new Set(exact.map((m) => m.chunkId));
    overlap += exact.length ? indexed.filter((m) => exactIds.has(m.chunkId)).length / exact.length : 1;
  }
  const agreement = sample.rows.length ? overlap / sample.rows.length : 1;
  const ok = agreement >= MIN_AGREEMENT;
  return { ok, missing, agreement, sampleSize: sample.rows.length, reason: ok ? null : `the index agrees with an exact scan on only ${(agreement * 100).toFixed(0)}% of sample results` };
}
