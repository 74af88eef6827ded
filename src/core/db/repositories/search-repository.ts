import type { QueryOptions } from '@electric-sql/pglite';
import type { NoteFilter } from '../../../shared/models';
import { RECALL_EF_SEARCH, withHnswSearch } from '../hnsw-search';
import { type Queryable, withinTransaction } from '../queryable';
import { vectorBinary } from '../vector-copy';
import { noteFilterSql } from './note-filter-sql';

/** One chunk found by a recall leg, best first. */
export interface ChunkMatch {
  readonly chunkId: number;
  readonly noteId: number;
  /**
   * Cosine similarity (vector leg) or BM25 score (keyword leg); higher is better. Null only where a leg has no
   * score to give (never from the two legs below).
   */
  readonly score: number | null;
}

/** Filters both legs apply inside SQL: note filters plus exact phrases the note body must contain. */
export interface LegFilter extends NoteFilter {
  readonly phrases?: readonly string[];
  /** Every note holding the phrases, when few do (see narrowToPhraseNotes): the legs search just these notes. */
  readonly phraseNotes?: readonly number[];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The WHERE clause of a leg: the note filter, and each phrase in the note's title or body. `phraseIndex` writes the
 * phrase test as the expression of the trigram index notes_phrase_trgm (migration 009), so the planner can find the
 * notes through it; the legs write it so it cannot, or the planner would score every note holding a common phrase
 * through the index (6.4 s for "final" at 100k chunks) instead of walking BM25 in rank order until enough pass.
 */
function legWhere(filter: LegFilter, firstParam: number, phraseIndex = false): { sql: string; params: unknown[] } {
  // the phrase notes were found with the phrase test and the note filter: their ids stand for both
  if (filter.phraseNotes) return { sql: `n.id = any($${firstParam}::int[])`, params: [[...filter.phraseNotes]] };
  const base = noteFilterSql(filter, firstParam);
  const params = [...base.params];
  const clauses = [base.sql];
  for (const phrase of filter.phrases ?? []) {
    params.push(`%${escapeLike(phrase)}%`);
    const param = `$${firstParam + params.length - 1}`;
    clauses.push(phraseIndex ? `(n.title || E'\\n' || n.body) ilike ${param}` : `(n.body ilike ${param} or n.title ilike ${param})`);
  }
  return { sql: clauses.join(' and '), params };
}

/**
 * At most this many notes holding a query's phrases are searched by their ids rather than by testing the phrase on
 * each row a leg walks past. Finding them costs ~0.1 ms a note through the trigram index (115 ms for 1,001 at 100k
 * chunks), so a phrase in more notes than this is common enough for the walks in rank order to end soon.
 */
export const PHRASE_NOTES_MAX = 500;

/**
 * Up to this many passages of the phrase notes, the keyword leg scores each one (~0.15-0.7 ms a passage, by query
 * length); above it, it walks the BM25 index in rank order keeping only those notes' passages (60-110 ms at 100k
 * chunks for ~300 notes, where scoring their ~1,500 passages took 0.6-2.2 s).
 */
const KEYWORD_SCORE_EACH_MAX = 100;

/** Whether a filter narrows the notes beyond live ones (tags, dates, source, authors, ids, phrases, the forgotten). */
function narrows(filter: LegFilter): boolean {
  const { tags, from, to, sourceKind, onlyForgotten, authors, ids, phrases, phraseNotes } = filter;
  return Boolean(tags?.length || from || to || sourceKind || onlyForgotten || authors?.length || ids || phrases?.length || phraseNotes);
}

/** The vector leg's SQL: the space's nearest chunks to the vector $1 among notes that pass the filter. */
function nearestChunksSql(space: { id: number; dimensions: number }, filter: LegFilter, limit: number): { sql: string; params: unknown[] } {
  const dims = Math.trunc(space.dimensions);
  const where = legWhere(filter, 2);
  const sql = `select c.id as chunk_id, c.note_id, 1 - (e.embedding::vector(${dims}) <=> $1::vector(${dims})) as score
    from chunk_embeddings e join chunks c on c.id = e.chunk_id join notes n on n.id = c.note_id
    where e.space_id = ${Math.trunc(space.id)} and ${where.sql}
    order by e.embedding::vector(${dims}) <=> $1::vector(${dims}) limit ${Math.trunc(limit)}`;
  return { sql, params: where.params };
}

/** How a vector search runs, beyond its query: an exact scan (benchmarks, validation), or a given candidate list. */
export interface NearestOptions {
  /** Forces a sequential scan and exact distances. */
  readonly exact?: boolean;
  /** pgvector's hnsw.ef_search for this search (default RECALL_EF_SEARCH): the bench's sweep sets others. */
  readonly efSearch?: number;
}

/** The two recall legs as SQL: nearest vectors in one space, and BM25 over chunk text. */
export class SearchRepository {
  constructor(private readonly db: Queryable) {}

  private vectorType: Promise<number> | null = null;

  /**
   * Nearest chunks to `query` in a space by cosine distance, through the space's partial HNSW index (the cast
   * and predicate repeat the index definition so the planner picks it; pgvector's iterative scan keeps filtered
   * queries complete).
   */
  async nearestChunks(space: { id: number; dimensions: number }, query: Float32Array, filter: LegFilter, limit: number, options: NearestOptions = {}): Promise<ChunkMatch[]> {
    const { sql, params } = nearestChunksSql(space, filter, limit);
    const queryOptions = await this.vectorParam();
    const rows = options.exact
      ? await this.withoutIndexScans(sql, [query, ...params], queryOptions)
      : await this.searching(filter, options, async (tx) => (await tx.query<Row>(sql, [query, ...params], queryOptions)).rows);
    return rows.map(toMatch);
  }

  /** The plan of `nearestChunks`' query as it runs (benchmarks check that it walks the space's HNSW index). */
  async explainNearest(space: { id: number; dimensions: number }, query: Float32Array, filter: LegFilter, limit: number): Promise<string> {
    const { sql, params } = nearestChunksSql(space, filter, limit);
    const queryOptions = await this.vectorParam();
    const plan = await this.searching(filter, {}, (tx) => tx.query<Record<string, string>>(`explain ${sql}`, [query, ...params], queryOptions));
    return plan.rows.map((r) => Object.values(r).join(' ')).join('\n');
  }

  /**
   * Chunks ranked by BM25 for the query words, best first, with their scores; only chunks that contain at least one
   * of them. When the words are all stop words but quoted phrases matched (say "to be or not to be"), the phrase
   * matches come back newest first, with score 0.
   */
  async keywordChunks(text: string, filter: LegFilter, limit: number): Promise<ChunkMatch[]> {
    if (filter.phraseNotes) return this.keywordChunksAmong(text, filter, limit);
    const where = legWhere(filter, 2);
    // bm25_get_current_score() is the score the BM25 index scan computed for the row it just returned (scoring the
    // same rows again with <@> costs ~0.13 ms a chunk); withScores checks the plan really was that index scan
    const order = await this.db.query<Row>(
      `select c.id as chunk_id, c.note_id, -bm25_get_current_score() as score from chunks c join notes n on n.id = c.note_id
       where ${where.sql}
       order by c.search_text <@> to_bm25query($1, 'chunks_bm25') limit ${Math.trunc(limit)}`,
      [text, ...where.params],
    );
    const matching = await this.withScores(text, order.rows);
    if (matching.length > 0 || !filter.phrases?.length) return matching;
    return this.phraseOnly(filter, limit);
  }

  /**
   * Looks up, through the trigram index, the notes holding the filter's phrases (with its other filters), once per
   * recall for both legs: null when none does; the filter with their ids (`phraseNotes`) when at most PHRASE_NOTES_MAX do;
   * otherwise the filter as given, since a phrase in many notes lets each leg's walk in rank order end soon. Before,
   * a rare phrase made both legs walk their whole index row by row (0.4-5.2 s at 100k chunks; bench/README.md,
   * "Phrase queries at scale").
   */
  async narrowToPhraseNotes(filter: LegFilter): Promise<LegFilter | null> {
    if (!filter.phrases?.length) return filter;
    const where = legWhere(filter, 1, true);
    const found = await this.db.query<{ id: number }>(`select n.id from notes n where ${where.sql} limit ${PHRASE_NOTES_MAX + 1}`, where.params);
    if (found.rows.length === 0) return null;
    if (found.rows.length > PHRASE_NOTES_MAX) return filter;
    return { ...filter, phraseNotes: found.rows.map((r) => r.id) };
  }

  /**
   * The keyword leg over the phrase notes' chunks, best first, matches only; the phrase-only fallback of keywordChunks
   * when none holds a query word. A few chunks are scored one by one; more are found by walking the BM25 index in rank
   * order with the notes' ids as the filter (sorts and other scans priced out for this transaction: the planner would
   * otherwise score every chunk of the notes on its own).
   */
  private async keywordChunksAmong(text: string, filter: LegFilter, limit: number): Promise<ChunkMatch[]> {
    const where = legWhere(filter, 2);
    const ids = [...(filter.phraseNotes ?? [])];
    const count = await this.db.query<{ n: number }>(`select count(*)::int as n from chunks where note_id = any($1::int[])`, [ids]);
    let matches: ChunkMatch[];
    if (count.rows[0]!.n <= KEYWORD_SCORE_EACH_MAX) {
      const scored = await this.db.query<Row>(
        `select * from (select c.id as chunk_id, c.note_id, -(c.search_text <@> to_bm25query($1, 'chunks_bm25')) as score
           from chunks c join notes n on n.id = c.note_id where ${where.sql}) s
         where s.score > 0 order by s.score desc, s.chunk_id limit ${Math.trunc(limit)}`,
        [text, ...where.params],
      );
      matches = scored.rows.map(toMatch);
    } else {
      const walked = await withinTransaction(this.db, async (tx) => {
        await tx.exec('set local enable_sort = off; set local enable_seqscan = off; set local enable_bitmapscan = off');
        // no join to notes: checking each walked row's note (~0.04 ms) cost more than the walk itself
        return tx.query<Row>(
          `select c.id as chunk_id, c.note_id, -bm25_get_current_score() as score from chunks c where c.note_id = any($2::int[])
           order by c.search_text <@> to_bm25query($1, 'chunks_bm25') limit ${Math.trunc(limit)}`,
          [text, ids],
        );
      });
      matches = await this.withScores(text, walked.rows);
    }
    return matches.length > 0 ? matches : this.phraseOnly(filter, limit);
  }

  /** The first chunk of each note holding the phrases, newest first, score 0 (for queries of stop words only). */
  private async phraseOnly(filter: LegFilter, limit: number): Promise<ChunkMatch[]> {
    const only = legWhere(filter, 1);
    const rows = await this.db.query<Row>(
      `select distinct on (n.created_at, n.id) c.id as chunk_id, c.note_id, 0.0 as score
       from chunks c join notes n on n.id = c.note_id where ${only.sql}
       order by n.created_at desc, n.id desc, c.ordinal limit ${Math.trunc(limit)}`,
      only.params,
    );
    return rows.rows.map(toMatch);
  }

  /** BM25 scores of some chunks for the query words (higher is better; 0 when a chunk has none of them). */
  async keywordScores(text: string, chunkIds: readonly number[]): Promise<Map<number, number>> {
    if (chunkIds.length === 0) return new Map();
    const scored = await this.db.query<{ id: number; score: number }>(
      `select id, -(search_text <@> to_bm25query($1, 'chunks_bm25')) as score from chunks where id = any($2::int[])`,
      [text, [...chunkIds]],
    );
    return new Map(scored.rows.map((r) => [r.id, Number(r.score)]));
  }

  /**
   * The keyword rows with trustworthy scores, matches only, best first. Scores taken from the index scan are right
   * when the first and last rows score the same on their own; otherwise (the planner sorted instead of scanning the
   * index, which also returns chunks without any query word) every row is scored on its own.
   */
  private async withScores(text: string, rows: readonly Row[]): Promise<ChunkMatch[]> {
    if (rows.length === 0) return [];
    const ends = [rows[0]!, rows[rows.length - 1]!];
    const check = await this.keywordScores(text, ends.map((r) => r.chunk_id));
    const fromScan = ends.every((r) => sameScore(Number(r.score), check.get(r.chunk_id) ?? 0));
    const scores = fromScan ? new Map(rows.map((r) => [r.chunk_id, Number(r.score)])) : await this.keywordScores(text, rows.map((r) => r.chunk_id));
    return rows
      .map((r) => ({ chunkId: r.chunk_id, noteId: r.note_id, score: scores.get(r.chunk_id) ?? 0 }))
      .filter((m) => m.score > 0)
      .sort((a, b) => b.score - a.score);
  }

  /**
   * Runs a vector search with its candidate list and, unless the filter narrows it to a few notes, with plans that
   * skip the HNSW index priced out (see HnswSearchSettings).
   */
  private searching<T>(filter: LegFilter, options: NearestOptions, work: (tx: Queryable) => Promise<T>): Promise<T> {
    return withHnswSearch(this.db, { efSearch: options.efSearch ?? RECALL_EF_SEARCH, preferIndex: !narrows(filter) }, work);
  }

  /**
   * Query options that send a Float32Array parameter of type vector in binary. Parsing a 512-d vector from text costs
   * ~1 ms inside PGlite's WebAssembly (see vector-copy.ts); PGlite's protocol layer sends a parameter that serializes
   * to bytes in binary format, which pgvector reads as it is. The vector type's OID is looked up once.
   */
  private async vectorParam(): Promise<QueryOptions> {
    this.vectorType ??= this.db.query<{ oid: number }>(`select 'vector'::regtype::oid as oid`).then((r) => r.rows[0]!.oid);
    const oid = await this.vectorType.catch((error: unknown) => {
      this.vectorType = null;
      throw error;
    });
    // PGlite types serializers as returning strings; bytes are sent as a binary parameter (its bind message)
    return { serializers: { [oid]: ((vector: Float32Array) => vectorBinary(vector)) as unknown as (x: unknown) => string } };
  }

  /** Runs the search as an exact scan (index scans off for this transaction only). */
  private withoutIndexScans(sql: string, params: unknown[], options: QueryOptions): Promise<Row[]> {
    return withinTransaction(this.db, async (tx) => {
      await tx.exec('set local enable_indexscan = off; set local enable_bitmapscan = off');
      return (await tx.query<Row>(sql, params, options)).rows;
    });
  }
}

interface Row {
  chunk_id: number;
  note_id: number;
  score: number;
}

/** Whether two BM25 scores are the same up to the index's single precision. */
function sameScore(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(b));
}

function toMatch(row: Row): ChunkMatch {
  return { chunkId: row.chunk_id, noteId: row.note_id, score: Number(row.score) };
}
