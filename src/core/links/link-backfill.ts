// Indexes the links of notes stored before links were indexed (a memory made by an earlier version), in the
// background after open: a batch per transaction, each note marked as it is indexed, so a crash or a quit resumes
// with the notes left and never indexes one twice.
import type { Database } from '../db/queryable';
import { LinksRepository } from '../db/repositories/links-repository';
import { indexLinks } from './link-index';

/** Notes per transaction: small enough that a recall waits at most one batch (about 50 ms). */
const BATCH = 200;

/** What the backfill needs: the database, and a wait that lets calls someone is waiting on go first. */
export interface LinkBackfillDeps {
  readonly db: Database;
  readonly foregroundQuiet: () => Promise<void>;
}

/** The background step that indexes unindexed notes' links; `done()` resolves when none are left (or it stopped). */
export class LinkBackfill {
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(private readonly deps: LinkBackfillDeps) {}

  /** Starts it (once); failures are reported and leave the rest for the next open. */
  start(): void {
    this.running ??= this.run().catch((error: unknown) => {
      console.warn('engram: indexing links of older notes stopped:', error instanceof Error ? error.message : error);
      return 0;
    });
  }

  /** Resolves with how many notes were indexed once no note is left to index, or it was stopped. */
  done(): Promise<number> {
    this.start();
    return this.running!;
  }

  /** Stops after the batch in progress commits. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async run(): Promise<number> {
    let indexed = 0;
    while (!this.stopped) {
      await this.deps.foregroundQuiet();
      if (this.stopped) break;
      const count = await this.deps.db.transaction(async (tx) => {
        const notes = await new LinksRepository(tx).unindexed(BATCH);
        await indexLinks(tx, notes.map((note) => ({ note })));
        return notes.length;
      });
      indexed += count;
      if (count < BATCH) break;
    }
    return indexed;
  }
}
