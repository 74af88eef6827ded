import { withHnswSearch } from '../hnsw-search';
import type { Database, Queryable } from '../queryable';

/** One of the open note's chunks, with whether it has a vector in the space asked about. */
export interface OwnChunk {
  readonly chunkId: number;
  readonly ordinal: number;
  readonly embedded: boolean;
  /** Still waiting in the embedding queue for that space. */
  readonly queued: boolean;
}

/** A pair of passages: one of the open note's chunks and a chunk of another note, with their cosine similarity. */
export interface PassagePair {
  readonly ownChunkId: number;
  readonly chunkId: number;
  readonly noteId: number;
  readonly similarity: number;
}

/** The vector space queried: its id and width (the partial HNSW index repeats both). */
export interface SpaceRef {
  readonly id: number;
  readonly dimensions: number;
}

interface PairRow {
  own_chunk_id: number;
  chunk_id: number;
  note_id: number;
  similarity: number;
}

function toPair(r: PairRow): PassagePair {
  return { ownChunkId: r.own_chunk_id, chunkId: r.chunk_id, noteId: r.note_id, similarity: Number(r.similarity) };
}

/**
 * HNSW candidate list of the related-notes searches (recall uses 200; at least the number of rows asked for, the
 * iterative scan goes on past it). Five one-per-passage searches at 100k chunks took p95 74 ms with 200 and 48 ms with
 * 40 (`npm run bench`), and the eval's numbers did not move (CISI and CACM, `npm run eval:related`).
 */
export const RELATED_EF_SEARCH = 40;

/**
 * For each own chunk ($2, of note $1) the `perChunk` nearest chunks of other live notes in the space: a lateral
 * subquery that repeats the partial HNSW index's cast and predicate, so each one is an index scan.
 */
function nearestToChunksSql(space: SpaceRef, perChunk: number): string {
  const dims = Math.trunc(space.dimensions);
  const spaceId = Math.trunc(space.id);
  return `select q.chunk_id as own_chunk_id, m.chunk_id, m.note_id, m.similarity
    from (select e.chunk_id, e.embedding from chunk_embeddings e where e.space_id = ${spaceId} and e.chunk_id = any($2::int[])) q
    cross join lateral (
      select c.id as chunk_id, c.note_id, 1 - (o.embedding::vector(${dims}) <=> q.embedding::vector(${dims})) as similarity
      from chunk_embeddings o join chunks c on c.id = o.chunk_id join notes n on n.id = c.note_id
      where o.space_id = ${spaceId} and c.note_id <> $1 and n.deleted_at is null
        and n.content_hash <> (select content_hash from notes where id = $1)
      order by o.embedding::vector(${dims}) <=> q.embedding::vector(${dims}) limit ${Math.trunc(perChunk)}
    ) m`;
}

/** The `limit` nearest chunks of other live notes ($1) to the mean vector of chunks $2: one HNSW index scan. */
function nearestToCentroidSql(space: SpaceRef, limit: number): string {
  const dims = Math.trunc(space.dimensions);
  const spaceId = Math.trunc(space.id);
  return `with centroid as (select avg(e.embedding::vector(${dims}))::vector(${dims}) as v from chunk_embeddings e where e.space_id = ${spaceId} and e.chunk_id = any($2::int[]))
    select c.id as chunk_id, c.note_id, 1 - (o.embedding::vector(${dims}) <=> (select v from centroid)) as similarity
    from chunk_embeddings o join chunks c on c.id = o.chunk_id join notes n on n.id = c.note_id
    where o.space_id = ${spaceId} and c.note_id <> $1 and n.deleted_at is null
      and n.content_hash <> (select content_hash from notes where id = $1)
    order by o.embedding::vector(${dims}) <=> (select v from centroid) limit ${Math.trunc(limit)}`;
}

/** The SQL behind related notes: a note's own chunks, and the nearest chunks of other live notes to them. */
export class RelatedRepository {
  constructor(private readonly db: Database) {}

  /** The note's chunks in order, each with whether it has a vector in `spaceId` and whether it is still queued there. */
  async ownChunks(noteId: number, spaceId: number): Promise<OwnChunk[]> {
    const result = await this.db.query<{ id: number; ordinal: number; embedded: boolean; queued: boolean }>(
      `select c.id, c.ordinal,
         exists (select 1 from chunk_embeddings e where e.chunk_id = c.id and e.space_id = $2) as embedded,
         exists (select 1 from embedding_queue q where q.chunk_id = c.id and q.space_id = $2) as queued
       from chunks c where c.note_id = $1 order by c.ordinal`,
      [noteId, spaceId],
    );
    return result.rows.map((r) => ({ chunkId: r.id, ordinal: r.ordinal, embedded: r.embedded, queued: r.queued }));
  }

  /**
   * For each of `ownChunkIds` (chunks of note `noteId` embedded in the space), the `perChunk` nearest chunks of other
   * live notes in the same space, through the space's partial HNSW index (the lateral subquery repeats the index's
   * cast and predicate; the iterative scan keeps the page full despite the filters). Notes with the same content
   * hash as the open note are left out here; other exact duplicates are for the caller to drop.
   */
  async nearestToChunks(space: SpaceRef, noteId: number, ownChunkIds: readonly number[], perChunk: number, efSearch = RELATED_EF_SEARCH): Promise<PassagePair[]> {
    if (ownChunkIds.length === 0) return [];
    const result = await this.withEfSearch(Math.max(efSearch, perChunk), (tx) => tx.query<PairRow>(nearestToChunksSql(space, perChunk), [noteId, [...ownChunkIds]]));
    return result.rows.map(toPair);
  }

  /**
   * The `limit` nearest chunks of other live notes to the mean of `ownChunkIds`' vectors (the note's centroid): one
   * HNSW search whatever the note's length. The pairs' own side is the first own chunk (a placeholder: the caller
   * finds each shown note's best pair with `bestPairs`).
   */
  async nearestToCentroid(space: SpaceRef, noteId: number, ownChunkIds: readonly number[], limit: number, efSearch = RELATED_EF_SEARCH): Promise<PassagePair[]> {
    if (ownChunkIds.length === 0) return [];
    const result = await this.withEfSearch(Math.max(efSearch, limit), (tx) => tx.query<Omit<PairRow, 'own_chunk_id'>>(nearestToCentroidSql(space, limit), [noteId, [...ownChunkIds]]));
    return result.rows.map((r) => toPair({ ...r, own_chunk_id: ownChunkIds[0]! }));
  }

  /** The query plan of `nearestToChunks` or `nearestToCentroid` as they run (benchmarks check each walks the space's HNSW index). */
  async explainNearest(around: 'passages' | 'centroid', space: SpaceRef, noteId: number, ownChunkIds: readonly number[], limit: number): Promise<string> {
    const sql = around === 'passages' ? nearestToChunksSql(space, limit) : nearestToCentroidSql(space, limit);
    const result = await this.withEfSearch(Math.max(RELATED_EF_SEARCH, limit), (tx) => tx.query<Record<string, string>>(`explain ${sql}`, [noteId, [...ownChunkIds]]));
    return result.rows.map((r) => Object.values(r).join(' ')).join('\n');
  }

  /** Runs `work` with an HNSW candidate list of `efSearch`, plans that skip the index priced out (see HnswSearchSettings). */
  private withEfSearch<T>(efSearch: number, work: (tx: Queryable) => Promise<T>): Promise<T> {
    return withHnswSearch(this.db, { efSearch, preferIndex: true }, work);
  }

  /**
   * The best pair of passages between `ownChunkIds` and each of `noteIds`' chunks in the space (exact distances over
   * those few chunks, no index): for notes the keyword leg found but the nearest-chunk search did not reach.
   */
  async bestPairs(space: SpaceRef, ownChunkIds: readonly number[], noteIds: readonly number[]): Promise<PassagePair[]> {
    if (ownChunkIds.length === 0 || noteIds.length === 0) return [];
    const dims = Math.trunc(space.dimensions);
    const spaceId = Math.trunc(space.id);
    const result = await this.db.query<PairRow>(
      `select distinct on (c.note_id) q.chunk_id as own_chunk_id, c.id as chunk_id, c.note_id,
         1 - (o.embedding::vector(${dims}) <=> q.embedding::vector(${dims})) as similarity
       from chunk_embeddings q, chunk_embeddings o join chunks c on c.id = o.chunk_id
       where q.space_id = ${spaceId} and q.chunk_id = any($1::int[]) and o.space_id = ${spaceId} and c.note_id = any($2::int[])
       order by c.note_id, o.embedding::vector(${dims}) <=> q.embedding::vector(${dims})`,
      [[...ownChunkIds], [...noteIds]],
    );
    return result.rows.map(toPair);
  }

  /** Which of `candidateIds` are exact duplicates of note `noteId`: the same content hash, or the same chunks (same vectors). */
  async exactDuplicates(noteId: number, candidateIds: readonly number[]): Promise<Set<number>> {
    if (candidateIds.length === 0) return new Set();
    const result = await this.db.query<{ id: number }>(
      `with own as (select n.content_hash, array(select content_hash from chunks where note_id = n.id order by content_hash) as hashes from notes n where n.id = $1)
       select n.id from notes n, own
       where n.id = any($2::int[]) and n.id <> $1
         and (n.content_hash = own.content_hash or array(select content_hash from chunks where note_id = n.id order by content_hash) = own.hashes)`,
      [noteId, [...candidateIds]],
    );
    return new Set(result.rows.map((r) => r.id));
  }
}
