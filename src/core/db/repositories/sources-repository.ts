import type { Queryable } from '../queryable';

/** A connected folder as stored. */
export interface SourceRecord {
  readonly id: number;
  readonly root: string;
  /** The format as settled at connection ('obsidian', 'mixed', or one format). */
  readonly format: string;
  readonly options: { readonly exclude?: readonly string[]; readonly maxFileBytes?: number | null };
  readonly firstPassDone: boolean;
  readonly createdAt: string;
  readonly lastChangeAt: string | null;
}

/** The state of a file as last read from a connected folder. */
export interface SourceFileRow {
  /** Absolute path (the source path of the file's notes). */
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** The file's inode (as text: 64-bit), '' when unknown. */
  readonly ino: string;
  /** When the file went away (its notes were forgotten), or null while it is there. */
  readonly goneAt: string | null;
}

/** A note from a connected folder, as a sync needs to see it. */
export interface FolderNote {
  readonly id: number;
  readonly sourcePath: string;
  readonly forgotten: boolean;
}

interface SourceRow {
  id: number;
  root: string;
  format: string;
  options: SourceRecord['options'];
  first_pass_done: boolean;
  created_at: Date;
  last_change_at: Date | null;
}

interface FileRow {
  path: string;
  size: string | number;
  mtime_ms: number;
  ino: string;
  gone_at: Date | null;
}

function toSource(row: SourceRow): SourceRecord {
  return {
    id: row.id,
    root: row.root,
    format: row.format,
    options: row.options ?? {},
    firstPassDone: row.first_pass_done,
    createdAt: row.created_at.toISOString(),
    lastChangeAt: row.last_change_at ? row.last_change_at.toISOString() : null,
  };
}

function toFile(row: FileRow): SourceFileRow {
  return { path: row.path, size: Number(row.size), mtimeMs: row.mtime_ms, ino: row.ino, goneAt: row.gone_at ? row.gone_at.toISOString() : null };
}

const SOURCE_COLUMNS = 'id, root, format, options, first_pass_done, created_at, last_change_at';
const FILE_COLUMNS = 'path, size, mtime_ms, ino, gone_at';

/** A LIKE pattern matching every string that starts with `prefix`. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** All SQL over connected folders (sources, source_files) and the folder-note lookups their syncs make. */
export class SourcesRepository {
  constructor(private readonly db: Queryable) {}

  /** Uses another handle (a transaction) for the same queries. */
  with(db: Queryable): SourcesRepository {
    return new SourcesRepository(db);
  }

  /** Records a newly connected folder. */
  async create(root: string, format: string, options: SourceRecord['options']): Promise<SourceRecord> {
    const result = await this.db.query<SourceRow>(`insert into sources (root, format, options) values ($1, $2, $3::jsonb) returning ${SOURCE_COLUMNS}`, [
      root,
      format,
      JSON.stringify(options),
    ]);
    return toSource(result.rows[0]!);
  }

  /** Every connected folder, oldest first. */
  async list(): Promise<SourceRecord[]> {
    const result = await this.db.query<SourceRow>(`select ${SOURCE_COLUMNS} from sources order by id`);
    return result.rows.map(toSource);
  }

  /** One connected folder, or null. */
  async get(id: number): Promise<SourceRecord | null> {
    const result = await this.db.query<SourceRow>(`select ${SOURCE_COLUMNS} from sources where id = $1`, [id]);
    return result.rows[0] ? toSource(result.rows[0]) : null;
  }

  /** The first pass (the import) finished. */
  async markFirstPassDone(id: number): Promise<void> {
    await this.db.query('update sources set first_pass_done = true where id = $1', [id]);
  }

  /** A change from the folder reached the memory now. */
  async touch(id: number): Promise<void> {
    await this.db.query('update sources set last_change_at = now() where id = $1', [id]);
  }

  /** Forgets the folder and its file rows (notes are the caller's business). */
  async delete(id: number): Promise<void> {
    await this.db.query('delete from sources where id = $1', [id]);
  }

  /** Files of the folder that are there (not gone), by path. */
  async liveFiles(sourceId: number): Promise<Map<string, SourceFileRow>> {
    const result = await this.db.query<FileRow>(`select ${FILE_COLUMNS} from source_files where source_id = $1 and gone_at is null`, [sourceId]);
    return new Map(result.rows.map((row) => [row.path, toFile(row)]));
  }

  /** Rows of these paths, gone or not. */
  async filesAt(sourceId: number, paths: readonly string[]): Promise<Map<string, SourceFileRow>> {
    if (paths.length === 0) return new Map();
    const result = await this.db.query<FileRow>(`select ${FILE_COLUMNS} from source_files where source_id = $1 and path = any($2::text[])`, [sourceId, paths]);
    return new Map(result.rows.map((row) => [row.path, toFile(row)]));
  }

  /** Live rows at or under a folder path (a folder that was deleted or moved away). */
  async liveFilesUnder(sourceId: number, dir: string, separator: string): Promise<SourceFileRow[]> {
    const result = await this.db.query<FileRow>(`select ${FILE_COLUMNS} from source_files where source_id = $1 and gone_at is null and path like $2`, [
      sourceId,
      likePrefix(dir.endsWith(separator) ? dir : dir + separator),
    ]);
    return result.rows.map(toFile);
  }

  /** Rows of files that went away (their notes forgotten), newest first: candidates when a file turns up again. */
  async goneFiles(sourceId: number): Promise<SourceFileRow[]> {
    const result = await this.db.query<FileRow>(`select ${FILE_COLUMNS} from source_files where source_id = $1 and gone_at is not null order by gone_at desc`, [sourceId]);
    return result.rows.map(toFile);
  }

  /** Records files as read now (there again, if they were gone). */
  async upsertFiles(sourceId: number, files: readonly Omit<SourceFileRow, 'goneAt'>[]): Promise<void> {
    if (files.length === 0) return;
    await this.db.query(
      `insert into source_files (source_id, path, size, mtime_ms, ino)
       select $1, u.path, u.size, u.mtime_ms, u.ino from unnest($2::text[], $3::bigint[], $4::float8[], $5::text[]) as u(path, size, mtime_ms, ino)
       on conflict (source_id, path) do update set size = excluded.size, mtime_ms = excluded.mtime_ms, ino = excluded.ino, gone_at = null`,
      [sourceId, files.map((f) => f.path), files.map((f) => f.size), files.map((f) => f.mtimeMs), files.map((f) => f.ino)],
    );
  }

  /** Marks files gone (their notes were forgotten). */
  async markGone(sourceId: number, paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    await this.db.query('update source_files set gone_at = now() where source_id = $1 and path = any($2::text[])', [sourceId, paths]);
  }

  /** Drops file rows (a file moved: its row goes with it). */
  async deleteFiles(sourceId: number, paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    await this.db.query('delete from source_files where source_id = $1 and path = any($2::text[])', [sourceId, paths]);
  }

  /** Notes whose source is under the folder (its files, and records `file#key` in them). */
  async notesUnder(root: string, separator: string): Promise<FolderNote[]> {
    const result = await this.db.query<{ id: number; source_path: string; deleted_at: Date | null }>(
      `select id, source_path, deleted_at from notes where source_path like $1`,
      [likePrefix(root.endsWith(separator) ? root : root + separator)],
    );
    return result.rows.map((r) => ({ id: r.id, sourcePath: r.source_path, forgotten: r.deleted_at !== null }));
  }

  /** Notes of these files (each file's own note, and records `file#key` in it). */
  async notesOfFiles(paths: readonly string[]): Promise<FolderNote[]> {
    if (paths.length === 0) return [];
    const result = await this.db.query<{ id: number; source_path: string; deleted_at: Date | null }>(
      `select n.id, n.source_path, n.deleted_at from notes n
       where n.source_path = any($1::text[])
          or (strpos(n.source_path, '#') > 0 and exists (select 1 from unnest($1::text[]) as p(path) where starts_with(n.source_path, p.path || '#')))`,
      [paths],
    );
    return result.rows.map((r) => ({ id: r.id, sourcePath: r.source_path, forgotten: r.deleted_at !== null }));
  }

  /** Live notes under the folder. */
  async liveNoteCount(root: string, separator: string): Promise<number> {
    const result = await this.db.query<{ count: number }>(`select count(*)::int as count from notes where deleted_at is null and source_path like $1`, [
      likePrefix(root.endsWith(separator) ? root : root + separator),
    ]);
    return result.rows[0]?.count ?? 0;
  }

  /** The bodies of notes (to recognise a moved file by its text). */
  async bodies(ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const result = await this.db.query<{ id: number; body: string }>('select id, body from notes where id = any($1::int[])', [ids]);
    return new Map(result.rows.map((r) => [r.id, r.body]));
  }

  /**
   * Moves a file's notes to its new path (`old` → `new`, `old#key` → `new#key`). Does nothing, and returns 0, when
   * notes already sit at the new path (they are then the new file's notes). Returns the ids of the notes moved.
   */
  async moveNotes(from: string, to: string): Promise<number[]> {
    const taken = await this.db.query<{ n: number }>(`select count(*)::int as n from notes where source_path = $1 or source_path like $2`, [to, likePrefix(`${to}#`)]);
    if ((taken.rows[0]?.n ?? 0) > 0) return [];
    const result = await this.db.query<{ id: number }>(
      `update notes set source_path = $2 || substr(source_path, length($1) + 1)
       where source_path = $1 or source_path like $3 returning id`,
      [from, to, likePrefix(`${from}#`)],
    );
    return result.rows.map((r) => r.id);
  }
}
