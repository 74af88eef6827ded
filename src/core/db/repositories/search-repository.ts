import type { NoteFilter } from '../../../shared/models';
import type { Queryable } from '../queryable';
import { vectorLiteral } from './embedding-queue-repository';
import { noteFilterSql } from './note-filter-sql';

/** One chunk found by a recall leg, best first. */
export interface ChunkMatch {
  readonly chunkId: number;
  readonly noteId: number;
  /**
   * Cosine similarity (vector leg); higher is better. Null in the keyword leg, whose order comes from the BM25
   * index: scores cost ~0.13 ms a chunk in PGlite, so only the hits shown are scored (see keywordScores).
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

/** The two recall legs as SQL: nearest vectors in one space, and BM25 over chunk text. */
export class SearchRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Nearest chunks to `query` in a space by cosine distance, through the space's partial HNSW index (the cast
   * and predicate repeat the index definition so the planner picks it; pgvector's iterative scan keeps filtered
   * queries complete). `exact` forces a sequential scan, for benchmarks and validation.
   */
  async nearestChunks(space: { id: number; dimensions: number }, query: Float32Array, filter: LegFilter, limit: number, exact = false): Promise<ChunkMatch[]> {
    const dims = Math.trunc(space.dimensions);
    const where = legWhere(filter, 2);
    const sql = `select c.id as chunk_id, c.note_id, 1 - (e.embedding::vector(${dims}) <=> $1::vector(${dims})) as score
      from chunk_embeddings e join chunks c on c.id = e.chunk_id join notes n on n.id = c.note_id
      where e.space_id = ${Math.trunc(space.id)} and ${where.sql}
      order by e.embedding::vector(${dims}) <=> $1::vector(${dims}) limit ${Math.trunc(limit)}`;
    const params = [vectorLiteral(query), ...where.params];
    const rows = exact ? await this.withoutIndexScans(sql, params) : (await this.db.query<Row>(sql, params)).rows;
    return rows.map(toMatch);
  }

  /**
   * Chunks ranked by BM25 for the query words, best first, unscored; only chunks that contain at least one of them.
   * When the words are all stop words but quoted phrases matched (say "to be or not to be"), the phrase matches
   * come back newest first.
   */
  async keywordChunks(text: string, filter: LegFilter, limit: number): Promise<ChunkMatch[]> {
    const where = legWhere(filter, 2);
    const order = await this.db.query<{ chunk_id: number; note_id: number }>(
      `select c.id as chunk_id, c.note_id from chunks c join notes n on n.id = c.note_id
       where ${where.sql}
       order by c.search_text <@> to_bm25query($1, 'chunks_bm25') limit ${Math.trunc(limit)}`,
      [text, ...where.params],
    );
    const matching = await this.withoutNonMatching(text, order.rows);
    if (matching.length > 0 || !filter.phrases?.length) return matching.map((r) => ({ chunkId: r.chunk_id, noteId: r.note_id, score: null }));
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
   * Drops chunks without any query word. A plan that sorts instead of scanning the BM25 index returns them too,
   * with score 0, after every match; so only the tail needs checking: one score when the last row matches, else a
   * binary search for the first that does not.
   */
  private async withoutNonMatching<T extends { chunk_id: number }>(text: string, rows: readonly T[]): Promise<T[]> {
    const matches = async (i: number): Promise<boolean> => ((await this.keywordScores(text, [rows[i]!.chunk_id])).get(rows[i]!.chunk_id) ?? 0) > 0;
    if (rows.length === 0 || (await matches(rows.length - 1))) return [...rows];
    let lo = 0;
    let hi = rows.length - 1; // rows[hi] does not match
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (await matches(mid)) lo = mid + 1;
      else hi = mid;
    }
    return rows.slice(0, lo);
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

function toMatch(row: Row): ChunkMatch {
  return { chunkId: row.chunk_id, noteId: row.note_id, score: Number(row.score) };
}
