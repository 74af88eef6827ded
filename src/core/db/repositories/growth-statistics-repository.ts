import type { Queryable } from '../queryable';

/**
 * Columns the planner's estimates depend on (joins, filters, orderings in recall, the queue and the import). Text
 * columns (bodies, chunk text) are left out: no plan uses their statistics, and sampling them was most of an
 * ANALYZE's cost (measured at 10k notes: ~0.1 s for these columns against ~0.4 s for the whole tables).
 */
const ANALYSED = `notes (id, source_kind, source_path, content_hash, tags, created_at, deleted_at, author),
  chunks (id, note_id, ordinal), embedding_queue`;

/** The planner statistics kept fresh as notes grow the tables (PGlite has no autovacuum). */
export class GrowthStatisticsRepository {
  constructor(private readonly db: Queryable) {}

  /** Notes counted by the last ANALYZE (0 when the table was never analysed). */
  async analysedNotes(): Promise<number> {
    const result = await this.db.query<{ rows: number }>(`select greatest(reltuples, 0)::float8 as rows from pg_class where oid = 'notes'::regclass`);
    return Number(result.rows[0]?.rows ?? 0);
  }

  /** Refreshes the statistics of the columns plans depend on, in the tables that adding notes writes. */
  async analyse(): Promise<void> {
    await this.db.exec(`analyze ${ANALYSED}`);
  }
}
