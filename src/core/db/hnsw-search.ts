import { type Queryable, withinTransaction } from './queryable';

/** Fewest HNSW candidates a search keeps (pgvector's hnsw.ef_search), at 10,000 vectors and below. */
export const MIN_EF_SEARCH = 64;
/** Most candidates a search keeps: what recall@10 ≥ 0.95 needs at 100,000 vectors. */
export const MAX_EF_SEARCH = 200;

/**
 * The candidate list for a space of about `vectors` vectors (null: not known, so the most). A walk's recall at a
 * fixed list falls as the graph grows, and its cost grows with the list, so small memories need far fewer: at 10,000
 * chunks ef_search 64 kept recall@10 0.990 for p95 7.0 ms against 9.4 ms at 200, and at 100,000 200 kept 0.979
 * (`npm run bench`, ef_search sweep; bench/README.md). Between them it grows as the square root of the size.
 */
export function efSearchFor(vectors: number | null): number {
  if (vectors === null || !Number.isFinite(vectors)) return MAX_EF_SEARCH;
  const scaled = Math.round(MIN_EF_SEARCH * Math.sqrt(Math.max(0, vectors) / 10_000));
  return Math.min(MAX_EF_SEARCH, Math.max(MIN_EF_SEARCH, scaled));
}

/** How a nearest-neighbour search runs: its candidate list, and whether plans that skip the HNSW index are priced out. */
export interface HnswSearchSettings {
  readonly efSearch: number;
  /**
   * Prices sequential scans and sorts out. pgvector prices an HNSW search as visiting 2·m·ef_search tuples, so in a
   * space under a few thousand vectors the planner reads and sorts every vector instead (each one sits in TOAST):
   * 29-42 ms against 4.3-4.7 ms through the index at 3,000 chunks. Not for searches narrowed to a few notes, where
   * sorting their few vectors is the right plan.
   */
  readonly preferIndex: boolean;
}

/**
 * Runs `work` with the settings local to one transaction (a new one, or the caller's when `db` is already one), so
 * no other statement runs with them: PGlite has one session, and a SET followed later by a RESET let every statement
 * that slipped in between plan with sorts priced out.
 */
export function withHnswSearch<T>(db: Queryable, settings: HnswSearchSettings, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return withinTransaction(db, async (tx) => {
    const priced = settings.preferIndex ? '; set local enable_seqscan = off; set local enable_sort = off' : '';
    await tx.exec(`set local hnsw.ef_search = ${Math.trunc(settings.efSearch)}${priced}`);
    return work(tx);
  });
}
