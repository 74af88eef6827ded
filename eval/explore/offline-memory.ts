// Reads an evaluation memory into plain data for offline experiments: each chunk's lexemes (as the BM25 index's
// 'english' configuration makes them, with positions) and stored vector, and each judged query's lexemes and vector.
import { acquireDataDirLock } from '../../src/core/db/data-dir-lock';
import { openDatabase } from '../../src/core/db/open-database';
import type { EmbeddingProvider } from '../../src/core/embedding/embedding-provider';
import { documentIdOf } from '../eval-memory';
import { queryText } from '../eval-run';
import type { SmartCollection } from '../smart-collection';

/** One stored chunk. `lexemes` maps each lexeme to its positions in the chunk's search text. */
export interface OfflineChunk {
  readonly id: number;
  readonly docId: number;
  readonly title: string;
  readonly text: string;
  readonly searchText: string;
  readonly lexemes: ReadonlyMap<string, readonly number[]>;
  /** Lexemes of the note's title alone (for field weighting). */
  readonly titleLexemes: ReadonlyMap<string, number>;
  readonly vector: Float32Array;
}

/** One judged query: its text as the eval sends it, lexemes in query order, vector, and relevant documents. */
export interface OfflineQuery {
  readonly id: number;
  readonly text: string;
  readonly terms: ReadonlyMap<string, number>;
  readonly vector: Float32Array;
  readonly relevant: ReadonlySet<number>;
}

/** A collection's memory as plain data. */
export interface OfflineMemory {
  readonly name: string;
  readonly chunks: readonly OfflineChunk[];
  readonly queries: readonly OfflineQuery[];
}

function parseVector(text: string): Float32Array {
  return Float32Array.from(JSON.parse(text) as number[]);
}

/** Reads the memory in `dataDir` (holding its lock meanwhile) and embeds the judged queries with `provider`. */
export async function loadOfflineMemory(dataDir: string, collection: SmartCollection, provider: EmbeddingProvider): Promise<OfflineMemory> {
  const lock = acquireDataDirLock(dataDir, 'engram eval explore');
  const db = await openDatabase(dataDir);
  try {
    const rows = await db.query<{ id: number; source_path: string; title: string; text: string; search_text: string; embedding: string }>(
      `select c.id, n.source_path, n.title, c.text, c.search_text, e.embedding::text as embedding
       from chunks c join notes n on n.id = c.note_id
       join chunk_embeddings e on e.chunk_id = c.id join embedding_spaces s on s.id = e.space_id and s.state = 'active'
       where n.deleted_at is null order by c.id`,
    );
    const lexemes = await db.query<{ id: number; lexeme: string; positions: number[] | null }>(
      `select c.id, u.lexeme, u.positions from chunks c, unnest(to_tsvector('english', c.search_text)) u`,
    );
    const titles = await db.query<{ id: number; lexeme: string; n: number }>(
      `select c.id, u.lexeme, coalesce(array_length(u.positions, 1), 1) as n from chunks c join notes n on n.id = c.note_id,
       unnest(to_tsvector('english', n.title)) u`,
    );
    const byChunk = new Map<number, Map<string, number[]>>();
    for (const r of lexemes.rows) {
      let m = byChunk.get(r.id);
      if (!m) byChunk.set(r.id, (m = new Map()));
      m.set(r.lexeme, (r.positions ?? [1]).map(Number));
    }
    const titleBy = new Map<number, Map<string, number>>();
    for (const r of titles.rows) {
      let m = titleBy.get(r.id);
      if (!m) titleBy.set(r.id, (m = new Map()));
      m.set(r.lexeme, Number(r.n));
    }
    const chunks = rows.rows.map((r) => ({
      id: r.id,
      docId: documentIdOf({ path: r.source_path }) ?? -1,
      title: r.title,
      text: r.text,
      searchText: r.search_text,
      lexemes: byChunk.get(r.id) ?? new Map(),
      titleLexemes: titleBy.get(r.id) ?? new Map(),
      vector: parseVector(r.embedding),
    }));
    const queries: OfflineQuery[] = [];
    for (const q of collection.judgedQueries) {
      const text = queryText(q);
      const terms = await db.query<{ lexeme: string; n: number }>(
        `select u.lexeme, coalesce(array_length(u.positions, 1), 1) as n from unnest(to_tsvector('english', $1)) u`,
        [text],
      );
      queries.push({
        id: q.id,
        text,
        terms: new Map(terms.rows.map((t) => [t.lexeme, Number(t.n)])),
        vector: await provider.embedQuery(text),
        relevant: collection.qrels.get(q.id) ?? new Set(),
      });
    }
    return { name: collection.name, chunks, queries };
  } finally {
    await db.close();
    lock.release();
  }
}
