import { type Queryable, withinTransaction } from '../queryable';
import { vectorRowsCopyBlob, type VectorRow } from '../vector-copy';

/** A queue entry that is due: the chunk to embed into a space, with its attempt count so far. */
export interface DueEmbedding {
  readonly chunkId: number;
  readonly spaceId: number;
  readonly attempts: number;
  readonly searchText: string;
}

/** A permanently failed queue entry. */
export interface FailedEmbedding {
  readonly chunkId: number;
  readonly noteId: number;
  readonly reason: string;
}

/** All SQL over the durable embedding queue and the vectors it produces. */
export class EmbeddingQueueRepository {
  constructor(private readonly db: Queryable) {}

  /** Uses another handle (a transaction) for the same queries. */
  with(db: Queryable): EmbeddingQueueRepository {
    return new EmbeddingQueueRepository(db);
  }

  /** Queues chunks for every given space; entries that already exist are left as they are. */
  async enqueue(chunkIds: readonly number[], spaceIds: readonly number[]): Promise<void> {
    if (chunkIds.length === 0 || spaceIds.length === 0) return;
    await this.db.query(
      `insert into embedding_queue (space_id, chunk_id)
       select s, c from unnest($1::int[]) s cross join unnest($2::int[]) c
       where not exists (select 1 from chunk_embeddings e where e.space_id = s and e.chunk_id = c)
       on conflict do nothing`,
      [spaceIds, chunkIds],
    );
  }

  /** Queues every chunk of live notes that has no vector in the space yet (the start of a re-embed). */
  async enqueueAllLive(spaceId: number): Promise<number> {
    const result = await this.db.query(
      `insert into embedding_queue (space_id, chunk_id)
       select $1, c.id from chunks c join notes n on n.id = c.note_id
       where n.deleted_at is null and not exists (select 1 from chunk_embeddings e where e.space_id = $1 and e.chunk_id = c.id)
       on conflict do nothing`,
      [spaceId],
    );
    return result.affectedRows ?? 0;
  }

  /**
   * Fills a space with vectors derived from another space of the same Matryoshka model: each vector cut to the
   * first `dimensions` values and renormalised, inside the database, with no model calls. Returns how many.
   */
  async deriveByTruncation(fromSpaceId: number, toSpaceId: number, dimensions: number): Promise<number> {
    const result = await this.db.query(
      `insert into chunk_embeddings (space_id, chunk_id, embedding)
       select $2, e.chunk_id, l2_normalize(subvector(e.embedding, 1, ${Math.trunc(dimensions)}))
       from chunk_embeddings e where e.space_id = $1
       on conflict do nothing`,
      [fromSpaceId, toSpaceId],
    );
    return result.affectedRows ?? 0;
  }

  /** Removes a note's queue entries in every space (the note was forgotten: nothing to embed for now). */
  async dropForNote(noteId: number): Promise<void> {
    await this.db.query('delete from embedding_queue where chunk_id in (select id from chunks where note_id = $1)', [noteId]);
  }

  /** Queues a note's chunks that lack a vector in the given spaces (the note was restored). */
  async enqueueForNote(noteId: number, spaceIds: readonly number[]): Promise<void> {
    if (spaceIds.length === 0) return;
    await this.db.query(
      `insert into embedding_queue (space_id, chunk_id)
       select s, c.id from chunks c cross join unnest($2::int[]) s
       where c.note_id = $1 and not exists (select 1 from chunk_embeddings e where e.space_id = s and e.chunk_id = c.id)
       on conflict do nothing`,
      [noteId, spaceIds],
    );
  }

  /** Up to `limit` due entries for a space, skipping chunks of forgotten notes, oldest chunk first. */
  async due(spaceId: number, limit: number): Promise<DueEmbedding[]> {
    const result = await this.db.query<{ chunk_id: number; space_id: number; attempts: number; search_text: string }>(
      `select q.chunk_id, q.space_id, q.attempts, c.search_text
       from embedding_queue q join chunks c on c.id = q.chunk_id join notes n on n.id = c.note_id
       where q.space_id = $1 and q.failed_at is null and q.next_attempt_at <= now() and n.deleted_at is null
       order by q.chunk_id limit $2`,
      [spaceId, limit],
    );
    return result.rows.map((r) => ({ chunkId: r.chunk_id, spaceId: r.space_id, attempts: r.attempts, searchText: r.search_text }));
  }

  /**
   * Stores vectors and removes their queue entries. A vector already stored for a chunk is kept (no duplicates), and
   * a vector whose chunk is gone (its note was edited meanwhile) is dropped. The vectors travel in Postgres's binary
   * COPY format through a session-local staging table (see vector-copy.ts: 35x faster than text, and exact), emptied
   * with TRUNCATE: autovacuum never visits temporary tables, so deleted rows would pile up for the whole session.
   */
  async complete(spaceId: number, vectors: readonly VectorRow[]): Promise<void> {
    if (vectors.length === 0) return;
    // the staging table is one per session: two writes must not interleave in it, so each runs in a transaction
    await withinTransaction(this.db, async (tx) => {
      await tx.exec(`create temp table if not exists staged_embeddings (chunk_id integer not null, embedding vector not null);
        truncate staged_embeddings`);
      await tx.query(`copy staged_embeddings from '/dev/blob' with (format binary)`, [], { blob: vectorRowsCopyBlob(vectors) });
      await tx.query(
        `insert into chunk_embeddings (space_id, chunk_id, embedding)
         select $1, s.chunk_id, s.embedding from staged_embeddings s
         where exists (select 1 from chunks where id = s.chunk_id)
         on conflict do nothing`,
        [spaceId],
      );
      await tx.exec('truncate staged_embeddings');
      await tx.query('delete from embedding_queue where space_id = $1 and chunk_id = any($2::int[])', [spaceId, vectors.map((v) => v.chunkId)]);
    });
  }

  /** Schedules another attempt after `delayMs`, or marks the entry failed for good when `delayMs` is null. */
  async recordFailure(spaceId: number, chunkIds: readonly number[], reason: string, delayMs: number | null): Promise<void> {
    if (chunkIds.length === 0) return;
    await this.db.query(
      `update embedding_queue set attempts = attempts + 1, last_error = $3,
         next_attempt_at = now() + make_interval(secs => coalesce($4::float8, 0) / 1000.0),
         failed_at = case when $4::float8 is null then now() end
       where space_id = $1 and chunk_id = any($2::int[])`,
      [spaceId, chunkIds, reason.slice(0, 1000), delayMs],
    );
  }

  /** Puts failed entries back in line (after the user fixed the cause). Returns how many. */
  async retryFailed(spaceId: number): Promise<number> {
    const result = await this.db.query(`update embedding_queue set failed_at = null, attempts = 0, next_attempt_at = now() where space_id = $1 and failed_at is not null`, [spaceId]);
    return result.affectedRows ?? 0;
  }

  /** Pending (live notes only) and failed counts for a space. */
  async counts(spaceId: number): Promise<{ pending: number; failed: number }> {
    // forgotten notes have no queue rows (see dropForNote), so a plain indexed count is exact and cheap
    const result = await this.db.query<{ pending: number; failed: number }>(
      `select count(*) filter (where failed_at is null)::int as pending, count(*) filter (where failed_at is not null)::int as failed
       from embedding_queue where space_id = $1`,
      [spaceId],
    );
    return result.rows[0] ?? { pending: 0, failed: 0 };
  }

  /** When the next entry becomes due (null when nothing is waiting). */
  async nextDueAt(spaceId: number): Promise<Date | null> {
    const result = await this.db.query<{ at: Date | null }>(
      `select min(next_attempt_at) as at from embedding_queue q join chunks c on c.id = q.chunk_id join notes n on n.id = c.note_id
       where q.space_id = $1 and q.failed_at is null and n.deleted_at is null`,
      [spaceId],
    );
    return result.rows[0]?.at ?? null;
  }

  /** Permanently failed entries with their reasons (most recent first). */
  async failures(spaceId: number, limit = 20): Promise<FailedEmbedding[]> {
    const result = await this.db.query<{ chunk_id: number; note_id: number; last_error: string }>(
      `select q.chunk_id, c.note_id, coalesce(q.last_error, 'unknown error') as last_error
       from embedding_queue q join chunks c on c.id = q.chunk_id
       where q.space_id = $1 and q.failed_at is not null order by q.failed_at desc limit $2`,
      [spaceId, limit],
    );
    return result.rows.map((r) => ({ chunkId: r.chunk_id, noteId: r.note_id, reason: r.last_error }));
  }

  /** Number of stored vectors in a space. */
  async embeddedCount(spaceId: number): Promise<number> {
    const result = await this.db.query<{ count: number }>('select count(*)::int as count from chunk_embeddings where space_id = $1', [spaceId]);
    return result.rows[0]?.count ?? 0;
  }
}
