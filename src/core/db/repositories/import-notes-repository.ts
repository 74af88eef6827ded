import type { Queryable } from '../queryable';
import { ChunksRepository, type ChunkRecord } from './chunks-repository';

/** What an import needs to know about a stored note to decide between add, update and leave alone. */
export interface ImportedNoteState {
  readonly id: number;
  readonly sourceKind: string;
  readonly sourcePath: string;
  readonly title: string;
  readonly contentHash: string;
  readonly tags: readonly string[];
  readonly forgotten: boolean;
}

interface StateRow {
  id: number;
  source_kind: string;
  source_path: string;
  title: string;
  content_hash: string;
  tags: string[];
  deleted_at: Date | null;
}

function toState(row: StateRow): ImportedNoteState {
  return {
    id: row.id,
    sourceKind: row.source_kind,
    sourcePath: row.source_path,
    title: row.title,
    contentHash: row.content_hash,
    tags: row.tags,
    forgotten: row.deleted_at !== null,
  };
}

/** The notes-table queries an import makes: notes by source, notes under a source root, and bulk inserts of new notes. */
export class ImportNotesRepository {
  constructor(private readonly db: Queryable) {}

  /** Uses another handle (a transaction) for the same queries. */
  with(db: Queryable): ImportNotesRepository {
    return new ImportNotesRepository(db);
  }

  /** Stored notes for these sources, keyed `kind\0path`; where a source has several, the most recently updated. */
  async bySources(sources: readonly { kind: string; path: string }[]): Promise<Map<string, ImportedNoteState>> {
    const found = new Map<string, ImportedNoteState>();
    if (sources.length === 0) return found;
    const result = await this.db.query<StateRow>(
      `select n.id, n.source_kind, n.source_path, n.title, n.content_hash, n.tags, n.deleted_at
       from notes n join unnest($1::text[], $2::text[]) as s(kind, path) on n.source_kind = s.kind and n.source_path = s.path
       order by n.updated_at asc, n.id asc`,
      [sources.map((s) => s.kind), sources.map((s) => s.path)],
    );
    for (const row of result.rows) found.set(sourceKey(row.source_kind, row.source_path), toState(row));
    return found;
  }

  /** Inserts many new notes in one statement; returns their ids by source path. */
  async insertNotes(records: readonly BulkNoteRecord[]): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    if (records.length === 0) return ids;
    const result = await this.db.query<{ id: number; source_path: string }>(
      `insert into notes (title, body, tags, source_kind, source_path, content_hash, created_at, updated_at)
       select r.title, r.body, r.tags, r.source_kind, r.source_path, r.content_hash, coalesce(r.created_at, now()), coalesce(r.created_at, now())
       from jsonb_to_recordset($1::jsonb) as r(title text, body text, tags text[], source_kind text, source_path text, content_hash text, created_at timestamptz)
       returning id, source_path`,
      [
        JSON.stringify(
          records.map((r) => ({ title: r.title, body: r.body, tags: r.tags, source_kind: r.sourceKind, source_path: r.sourcePath, content_hash: r.contentHash, created_at: r.createdAt })),
        ),
      ],
    );
    for (const row of result.rows) ids.set(row.source_path, row.id);
    return ids;
  }

  /** Inserts the chunks of new notes in one statement; returns the new chunk ids. */
  async insertChunks(chunks: readonly BulkChunkRecord[]): Promise<number[]> {
    return new ChunksRepository(this.db).insertMany(chunks);
  }

  /** Notes of these kinds whose source is the root itself or lies under it (`root/...` or `root#...`). */
  async underRoot(kinds: readonly string[], root: string, separator: string): Promise<ImportedNoteState[]> {
    const result = await this.db.query<StateRow>(
      `select n.id, n.source_kind, n.source_path, n.title, n.content_hash, n.tags, n.deleted_at from notes n
       where n.source_kind = any($1::text[]) and (n.source_path = $2 or starts_with(n.source_path, $3) or starts_with(n.source_path, $4))
       order by n.source_path`,
      [kinds, root, root.endsWith(separator) ? root : root + separator, `${root}#`],
    );
    return result.rows.map(toState);
  }
}

/** The lookup key of a note source. */
export function sourceKey(kind: string, path: string): string {
  return `${kind}\u0000${path}`;
}

/** A new note as the import stores it in bulk (cleaned and hashed already). */
export interface BulkNoteRecord {
  readonly title: string;
  readonly body: string;
  readonly tags: readonly string[];
  readonly sourceKind: string;
  readonly sourcePath: string;
  readonly contentHash: string;
  readonly createdAt: string | null;
}

/** A chunk of a bulk-inserted note: a stored chunk record plus the note it belongs to. */
export type BulkChunkRecord = ChunkRecord & { readonly noteId: number };
