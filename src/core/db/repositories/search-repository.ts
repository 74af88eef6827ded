import type { NoteFilter } from '../../../shared/models';
import type { Queryable } from '../queryable';
import { vectorLiteral } from './embedding-queue-repository';
import { noteFilterSql } from './note-filter-sql';

/** One chunk found by a recall leg, best first. */
export interface ChunkMatch {
  readonly chunkId: number;
  readonly noteId: number;
  /** Cosine similarity (vector leg) or BM25 score (keyword leg); higher is better. */
  readonly score: number;
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
   * Chunks ranked by BM25 for the query words; only chunks that contain at least one of them. When the words are
   * all stop words but quoted phrases matched (say "to be or not to be"), the phrase matches come back newest first.
   */
  async keywordChunks(text: string, filter: LegFilter, limit: number): Promise<ChunkMatch[]> {
    const where = legWhere(filter, 2);
    // Rank by index order first, then score only that pool: BM25 in the select list is computed per row (~0.4 ms),
    // which cost 5x the ranked scan itself. The score also drops rows a sequential-scan plan ranks with score 0.
    const order = await this.db.query<{ chunk_id: number; note_id: number }>(
      `select c.id as chunk_id, c.note_id from chunks c join notes n on n.id = c.note_id
       where ${where.sql}
       order by c.search_text <@> to_bm25query($1, 'chunks_bm25') limit ${Math.trunc(limit)}`,
      [text, ...where.params],
    );
    const ids = order.rows.map((r) => r.chunk_id);
    const scored = ids.length
      ? await this.db.query<{ id: number; score: number }>(
          `select id, -(search_text <@> to_bm25query($1, 'chunks_bm25')) as score from chunks where id = any($2::int[])`,
          [text, ids],
        )
      : { rows: [] };
    const scores = new Map(scored.rows.map((r) => [r.id, Number(r.score)]));
    const ranked = { rows: order.rows.map((r) => ({ ...r, score: scores.get(r.chunk_id) ?? 0 })).filter((r) => r.score > 0) };
    if (ranked.rows.length > 0 || !filter.phrases?.length) return ranked.rows.map(toMatch);
    const only = legWhere(filter, 1);
    const phraseOnly = await this.db.query<Row>(
      `select distinct on (n.created_at, n.id) c.id as chunk_id, c.note_id, 0.0 as score
       from chunks c join notes n on n.id = c.note_id where ${only.sql}
       order by n.created_at desc, n.id desc, c.ordinal limit ${Math.trunc(limit)}`,
      only.params,
    );
    return phraseOnly.rows.map(toMatch);
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
