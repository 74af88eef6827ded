import { type Queryable, withinTransaction } from './queryable';

/**
 * HNSW candidates a recall search keeps (pgvector's hnsw.ef_search). Recall asks for a pool of 200 candidates to
 * fuse, and at 100k chunks 200 keeps recall@10 at 0.979-0.987 where 100 gave 0.932 (`npm run bench`, ef_search sweep).
 * A smaller list for small memories was measured and not taken (bench/README.md, "The vector leg against the plain
 * JS loop"): at 10k chunks it halves a top-10 search, but a 200-row pool costs about the same either way, and the
 * eval's hybrid score on CISI fell (0.4200 to 0.4182; CACM stayed 0.5287).
 */
export const RECALL_EF_SEARCH = 200;

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
