import type { SearchRepository } from '../db/repositories/search-repository';
import type { SpaceRecord, SpacesRepository } from '../db/repositories/spaces-repository';

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
 * on a sample of stored vectors used as queries. `between` runs before each sample query (an exact scan reads the
 * whole space): the engine passes its recall-first yield, so recall is not held up for the whole check.
 */
export async function validateSpace(
  spaces: SpacesRepository,
  search: SearchRepository,
  space: SpaceRecord,
  sampleSize = 20,
  between: () => Promise<void> = async () => undefined,
): Promise<SpaceValidation> {
  const missing = await spaces.missingVectors(space.id);
  if (missing > 0) return { ok: false, missing, agreement: 0, sampleSize: 0, reason: `${missing} passages have no vector in the new space yet` };
  await between();
  const sample = await spaces.sampleVectors(space.id, sampleSize);
  let overlap = 0;
  for (const query of sample) {
    await between();
    const indexed = await search.nearestChunks(space, query, {}, 10);
    await between();
    const exact = await search.nearestChunks(space, query, {}, 10, { exact: true });
    const exactIds = new Set(exact.map((m) => m.chunkId));
    overlap += exact.length ? indexed.filter((m) => exactIds.has(m.chunkId)).length / exact.length : 1;
  }
  const agreement = sample.length ? overlap / sample.length : 1;
  const ok = agreement >= MIN_AGREEMENT;
  return { ok, missing, agreement, sampleSize: sample.length, reason: ok ? null : `the index agrees with an exact scan on only ${(agreement * 100).toFixed(0)}% of sample results` };
}
