import type { NoteFilter } from '../../../shared/models';
import type { Queryable } from '../queryable';
import { vectorLiteral } from './embedding-queue-repository';
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
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function legWhere(filter: LegFilter, firstParam: number): { sql: string; params: unknown[] } {
  const base = noteFilterSql(filter, firstParam);
  const params = [...base.params];
  const clauses = [base.sql];
  for (const phrase of filter.phrases ?? []) {
    params.push(`%${escapeLike(phrase)}%`);
    clauses.push(`(n.body ilike $${firstParam + params.length - 1} or n.title ilike $${firstParam + params.length - 1})`);
  }
  return { sql: clauses.join(' and '), params };
}

/** Whether a filter narrows the notes beyond live ones (tags, dates, source, authors, ids, phrases, the forgotten). */
function narrows(filter: LegFilter): boolean {
  const { tags, from, to, sourceKind, onlyForgotten, authors, ids, phrases } = filter;
  return Boolean(tags?.length || from || to || sourceKind || onlyForgotten || authors?.length || ids || phrases?.length);
}

/** The vector leg's SQL: the space's nearest chunks to `query` among notes that pass the filter. */
function nearestChunksSql(space: { id: number; dimensions: number }, query: Float32Array, filter: LegFilter, limit: number): { sql: string; params: unknown[] } {
  const dims = Math.trunc(space.dimensions);
  const where = legWhere(filter, 2);
  const sql = `select c.id as chunk_id, c.note_id, 1 - (e.embedding::vector(${dims}) <=> $1::vector(${dims})) as score
    from chunk_embeddings e join chunks c on c.id = e.chunk_id join notes n on n.id = c.note_id
    where e.space_id = ${Math.trunc(space.id)} and ${where.sql}
    order by e.embedding::vector(${dims}) <=> $1::vector(${dims}) limit ${Math.trunc(limit)}`;
  return { sql, params: [vectorLiteral(query), ...where.params] };
}

/** The two recall legs as SQL: nearest vectors in one space, and BM25 over chunk text. */
export class SearchRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Nearest chunks to `query` in a space by cosine distance, through the space's partial HNSW index (the cast
   * and predicate repeat the index definition so the planner picks it; pgvector's iterative scan keeps filtered
   * queries complete). `exact` forces a sequential scan, for benchmarks and validation.
   */
  async nearestChunks(space: { id: number; dimensions: number }, query: Float32Array, filter: LegFilter, limit: number, exact = false): Promise<ChunkMatch[]> {
    const { sql, params } = nearestChunksSql(space, query, filter, limit);
    const run = async () => (await this.db.query<Row>(sql, params)).rows;
    const rows = exact ? await this.withoutIndexScans(sql, params) : narrows(filter) ? await run() : await this.preferringIndexes(run);
    return rows.map(toMatch);
  }

  /** The plan of `nearestChunks`' query as it runs (benchmarks check that it walks the space's HNSW index). */
  async explainNearest(space: { id: number; dimensions: number }, query: Float32Array, filter: LegFilter, limit: number): Promise<string> {
    const { sql, params } = nearestChunksSql(space, query, filter, limit);
    const explain = () => this.db.query<Record<string, string>>(`explain ${sql}`, params);
    const plan = narrows(filter) ? await explain() : await this.preferringIndexes(explain);
    return plan.rows.map((r) => Object.values(r).join(' ')).join('\n');
  }

  /**
   * Chunks ranked by BM25 for the query words, best first, with their scores; only chunks that contain at least one
   * of them. When the words are all stop words but quoted phrases matched (say "to be or not to be"), the phrase
   * matches come back newest first, with score 0.
   */
  async keywordChunks(text: string, filter: LegFilter, limit: number): Promise<ChunkMatch[]> {
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
    const only = legWhere(filter, 1);
    const phraseOnly = await this.db.query<Row>(
      `select distinct on (n.created_at, n.id) c.id as chunk_id, c.note_id, 0.0 as score
       from chunks c join notes n on n.id = c.note_id where ${only.sql}
       order by n.created_at desc, n.id desc, c.ordinal limit ${Math.trunc(limit)}`,
      only.params,
    );
    return phraseOnly.rows.map(toMatch);
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
   * Runs `work` with sequential scans and sorts priced out, so the vector leg walks the HNSW index. pgvector prices an
   * HNSW search as visiting 2·m·ef_search tuples, so at recall's ef_search 200 it looks as dear as reading the whole
   * table in any space under ~6,400 vectors, and the planner read and sorted every vector instead (each sits in
   * TOAST): 29-42 ms against 4.3-4.7 ms through the index at 3,000 chunks (`npm run bench -- --quick`). Only for
   * searches without narrowing filters: for a tag or a handful of notes, sorting their few vectors is the right plan.
   */
  private async preferringIndexes<T>(work: () => Promise<T>): Promise<T> {
    await this.db.exec('set enable_seqscan = off; set enable_sort = off');
    try {
      return await work();
    } finally {
      await this.db.exec('reset enable_seqscan; reset enable_sort');
    }
  }

  private async withoutIndexScans(sql: string, params: unknown[]): Promise<Row[]> {
    await this.db.exec('set enable_indexscan = off; set enable_bitmapscan = off;');
    try {
      return (await this.db.query<Row>(sql, params)).rows;
    } finally {
      await this.db.exec('reset enable_indexscan; reset enable_bitmapscan;');
    }
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
