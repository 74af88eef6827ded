import type { Database } from '../db/queryable';
import { ImportStatisticsRepository } from '../db/repositories/import-statistics-repository';

/** Notes an import stores before its first ANALYZE (tables this small are cheap to read whatever the plan). */
const MIN_NOTES = 200;

/**
 * Keeps planner statistics fresh while an import grows the tables. Without them the planner misjudges the keyword
 * leg after an import (measured at 500 imported notes: 180 ms per keyword recall, a sequential scan scoring every
 * chunk, against 5–15 ms after ANALYZE), and the engine's own refresh waits until the embedding backlog has drained
 * (at 10k notes, over half an hour). Analyses each time the run has stored as many notes as the table held at the
 * last analysis (at least MIN_NOTES): doubling steps, so the total cost stays within about twice that of one ANALYZE
 * at the final size.
 */
export class ImportStatistics {
  private baseline: number | null = null;
  private sinceLast = 0;

  constructor(private readonly db: Database) {}

  /** Records notes stored (imported or updated) by a committed batch; analyses when the tables have doubled. */
  async stored(notes: number): Promise<void> {
    if (notes === 0) return;
    const repository = new ImportStatisticsRepository(this.db);
    this.baseline ??= await repository.analysedNotes();
    this.sinceLast += notes;
    if (this.sinceLast < Math.max(MIN_NOTES, this.baseline)) return;
    await repository.analyse();
    this.baseline = await repository.analysedNotes();
    this.sinceLast = 0;
  }
}
