import type { Note, NoteFilter, TagCount } from '../../../shared/models';
import type { Queryable } from '../queryable';
import { noteFilterSql } from './note-filter-sql';

interface NoteRow {
  id: number;
  title: string;
  body: string;
  tags: string[];
  source_kind: string;
  source_path: string;
  content_hash: string;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
  author: string;
}

const NOTE_COLUMNS = 'n.id, n.title, n.body, n.tags, n.source_kind, n.source_path, n.content_hash, n.created_at, n.updated_at, n.deleted_at, n.author';

function toNote(row: NoteRow): Note {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    tags: row.tags,
    source: { kind: row.source_kind, path: row.source_path === '' ? null : row.source_path },
    contentHash: row.content_hash,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    deletedAt: row.deleted_at ? row.deleted_at.toISOString() : null,
    author: row.author,
  };
}

/** What the notes table stores for a new note. */
export interface NoteRecord {
  readonly title: string;
  readonly body: string;
  readonly tags: readonly string[];
  readonly sourceKind: string;
  readonly sourcePath: string | null;
  readonly contentHash: string;
  readonly createdAt?: string;
  /** Who wrote it; the column defaults to 'you'. */
  readonly author?: string;
}

/** All SQL over the notes table. */
export class NotesRepository {
  constructor(private readonly db: Queryable) {}

  /** Uses another handle (a transaction) for the same queries. */
  with(db: Queryable): NotesRepository {
    return new NotesRepository(db);
  }

  /** Inserts a note; returns it. */
  async insert(record: NoteRecord): Promise<Note> {
    const result = await this.db.query<NoteRow>(
      `insert into notes as n (title, body, tags, source_kind, source_path, content_hash, created_at, updated_at, author)
       values ($1, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now()), coalesce($7::timestamptz, now()), coalesce($8, 'you'))
       returning ${NOTE_COLUMNS}`,
      [record.title, record.body, record.tags, record.sourceKind, record.sourcePath ?? '', record.contentHash, record.createdAt ?? null, record.author ?? null],
    );
    return toNote(result.rows[0]!);
  }

  /** The note with this content from this source, forgotten or not. */
  async findBySourceAndHash(sourceKind: string, sourcePath: string | null, contentHash: string): Promise<Note | null> {
    const result = await this.db.query<NoteRow>(
      `select ${NOTE_COLUMNS} from notes n where source_kind = $1 and source_path = $2 and content_hash = $3`,
      [sourceKind, sourcePath ?? '', contentHash],
    );
    return result.rows[0] ? toNote(result.rows[0]) : null;
  }

  /** A note by id, forgotten or not. */
  async get(id: number): Promise<Note | null> {
    const result = await this.db.query<NoteRow>(`select ${NOTE_COLUMNS} from notes n where id = $1`, [id]);
    return result.rows[0] ? toNote(result.rows[0]) : null;
  }

  /** Several notes by id, in no particular order. */
  async getMany(ids: readonly number[]): Promise<Note[]> {
    if (ids.length === 0) return [];
    const result = await this.db.query<NoteRow>(`select ${NOTE_COLUMNS} from notes n where id = any($1::int[])`, [ids]);
    return result.rows.map(toNote);
  }

  /** Writes title, body, tags and hash; bumps updated_at. */
  async update(id: number, fields: { title: string; body: string; tags: readonly string[]; contentHash: string }): Promise<Note> {
    const result = await this.db.query<NoteRow>(
      `update notes as n set title = $2, body = $3, tags = $4, content_hash = $5, updated_at = now()
       where id = $1 returning ${NOTE_COLUMNS}`,
      [id, fields.title, fields.body, fields.tags, fields.contentHash],
    );
    return toNote(result.rows[0]!);
  }

  /** Marks a note forgotten (soft delete) or restores it. */
  async setForgotten(id: number, forgotten: boolean): Promise<Note> {
    const result = await this.db.query<NoteRow>(
      `update notes as n set deleted_at = ${forgotten ? 'coalesce(deleted_at, now())' : 'null'} where id = $1 returning ${NOTE_COLUMNS}`,
      [id],
    );
    return toNote(result.rows[0]!);
  }

  /** Deletes a note for good, with its chunks, vectors and queue entries. */
  async purge(id: number): Promise<void> {
    await this.db.query('delete from notes where id = $1', [id]);
  }

  /** A page of notes matching the filter, newest first, with the total count. */
  async list(filter: NoteFilter, offset: number, limit: number): Promise<{ notes: Note[]; total: number }> {
    const where = noteFilterSql(filter, 1);
    const n = where.params.length;
    const result = await this.db.query<NoteRow & { total: number }>(
      `select ${NOTE_COLUMNS}, count(*) over ()::int as total from notes n where ${where.sql}
       order by n.created_at desc, n.id desc offset $${n + 1} limit $${n + 2}`,
      [...where.params, offset, limit],
    );
    let total = result.rows[0]?.total ?? 0;
    if (result.rows.length === 0 && offset > 0) {
      const count = await this.db.query<{ total: number }>(`select count(*)::int as total from notes n where ${where.sql}`, where.params);
      total = count.rows[0]?.total ?? 0;
    }
    return { notes: result.rows.map(toNote), total };
  }

  /** Up to `limit` live notes with ids above `afterId`, by id (a stable walk over every note, e.g. for an export). */
  async liveAfter(afterId: number, limit: number): Promise<Note[]> {
    const result = await this.db.query<NoteRow>(
      `select ${NOTE_COLUMNS} from notes n where n.deleted_at is null and n.id > $1 order by n.id limit $2`,
      [afterId, limit],
    );
    return result.rows.map(toNote);
  }

  /** Live and forgotten note counts. */
  async counts(): Promise<{ live: number; forgotten: number }> {
    const result = await this.db.query<{ live: number; forgotten: number }>(
      `select count(*) filter (where deleted_at is null)::int as live, count(*) filter (where deleted_at is not null)::int as forgotten from notes`,
    );
    return result.rows[0] ?? { live: 0, forgotten: 0 };
  }

  /** Every tag on live notes with how many notes carry it, most used first. */
  async tags(): Promise<TagCount[]> {
    const result = await this.db.query<TagCount>(
      `select t as tag, count(*)::int as count from notes n, unnest(n.tags) t where n.deleted_at is null group by t order by count desc, t`,
    );
    return result.rows;
  }

  /** Live notes per author. */
  async authorCounts(): Promise<Map<string, number>> {
    const result = await this.db.query<{ author: string; count: number }>(
      `select author, count(*)::int as count from notes where deleted_at is null group by author`,
    );
    return new Map(result.rows.map((r) => [r.author, r.count]));
  }

  /** Every distinct author, forgotten notes included. */
  async allAuthors(): Promise<string[]> {
    const result = await this.db.query<{ author: string }>('select distinct author from notes');
    return result.rows.map((r) => r.author);
  }

  /** Renames an author on every note (used once, to clean names stored before agent names were normalised). */
  async renameAuthor(from: string, to: string): Promise<void> {
    await this.db.query('update notes set author = $2 where author = $1', [from, to]);
  }
}
