import type { Database } from './queryable';
import { GrowthStatisticsRepository } from './repositories/growth-statistics-repository';

/** Notes stored before the first ANALYZE (tables this small are cheap to read whatever the plan). */
const MIN_NOTES = 200;

/**
 * Keeps planner statistics fresh while notes grow the tables: an import, or notes added one at a time. Without them
 * the planner misjudges the keyword leg (measured at 500 imported notes: 180 ms per keyword recall, a sequential scan
 * scoring every chunk, against 5–15 ms after ANALYZE; about 400 ms after 10k single adds), and the engine's own
 * refresh (TableStatistics) waits until the embedding backlog has drained (at 10k notes, over half an hour).
 * Analyses each time as many notes were stored as the table held at the last analysis (at least MIN_NOTES):
 * doubling steps, so the total cost stays within about twice that of one ANALYZE at the final size.
 */
export class GrowthStatistics {
  private baseline: number | null = null;
  private sinceLast = 0;

  constructor(private readonly db: Database) {}

  /** Records notes stored (imported, updated or added) and committed; analyses when the tables have doubled. */
  async stored(notes: number): Promise<void> {
    if (notes === 0) return;
    const repository = new GrowthStatisticsRepository(this.db);
    this.baseline ??= await repository.analysedNotes();
    this.sinceLast += notes;
    if (this.sinceLast < Math.max(MIN_NOTES, this.baseline)) return;
    await repository.analyse();
    this.baseline = await repository.analysedNotes();
    this.sinceLast = 0;
  }
}
