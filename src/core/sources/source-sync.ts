// One change from a connected folder brought into the memory: what is on disk is compared with what was last read
// (size and time, so only what looks changed is read), moved files keep their notes, new and edited files go through
// the importers and the batch writer exactly as `import` does, and files that went away have their notes forgotten,
// unless that would forget so many at once that the person must confirm.
import { MAX_NOTE_BYTES } from '../notes/note-input';
import type { Transaction } from '@electric-sql/pglite';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Database, Queryable } from '../db/queryable';
import { SourcesRepository, type SourceFileRow, type SourceRecord } from '../db/repositories/sources-repository';
import { BatchWriter, type FileRecorder } from '../import/batch-writer';
import { reindexLinks } from '../links/link-index';
import type { ReportProblem } from '../import/import-models';
import { parseBatches } from '../import/parse-batches';
import type { ParsedSourceFile } from '../import/parse-source-file';
import type { ScannedSource } from '../import/scan-source';
import { transactionScope } from '../import/transaction-scope';
import type { SourceFormat } from '../importers/source-format';
import type { WalkedFile } from '../importers/walk-source';
import { sha256 } from '../notes/content-hash';
import { NotesService } from '../notes/notes-service';
import { scanFolder, viewPaths, type DiskView } from './disk-view';
import { isInside } from './folder-paths';
import { judgeForget } from './forget-policy';
import type { SourceChangeCounts } from './source-models';

/** What a sync needs: the database, the embedder's wake-up, and a way to let the window's calls go first. */
export interface SourceSyncDeps {
  readonly db: Database;
  readonly onQueued: () => void;
  /** Resolves when no call the window (or an agent) waits on is running (see ForegroundGate). */
  readonly foregroundQuiet: () => Promise<void>;
  /** Notes per transaction (default 200, as import). */
  readonly batchSize?: number;
}

/** What to look at: the whole folder, or the paths a watcher reported. */
export type SyncScope = 'full' | ReadonlySet<string>;

/** Options of one sync. */
export interface SyncRunOptions {
  readonly scope: SyncScope;
  /** Paths whose notes wait for the person's confirmation to be forgotten (looked at again every time). */
  readonly pending: ReadonlySet<string>;
  readonly confirmForget: boolean;
  /** A reported file modified less than this long ago is left for later (it may still be being written). */
  readonly hotMs: number;
  readonly signal?: AbortSignal;
  /** Files read so far out of those to read. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What one sync did. */
export interface SyncOutcome {
  readonly counts: SourceChangeCounts;
  /** Notes added, changed, moved, forgotten or restored. */
  readonly noteIds: readonly number[];
  /** Paths whose notes wait for confirmation, and how many notes that is. */
  readonly pending: readonly string[];
  readonly pendingNotes: number;
  /** Why notes were held back (confirm) or the folder looks unavailable (refuse), or null. */
  readonly hold: { readonly action: 'confirm' | 'refuse'; readonly reason: string } | null;
  readonly problems: readonly ReportProblem[];
  /** Sync-conflict copies: every one in the folder (full), or those seen among the paths (with `scopeFull` false). */
  readonly conflicts: readonly string[];
  /** True when the whole folder was looked at (a full scan, or reported paths that needed one). */
  readonly scopeFull: boolean;
  /** Paths looked at (for a partial scope), so callers can forget conflicts that went away. */
  readonly looked: readonly string[];
  /** Files modified a moment ago, not read yet: look again shortly. */
  readonly hot: readonly string[];
}

/** Moved files whose notes are re-pathed in one transaction (a moved folder of 1,000 notes: five commits, not 1,000). */
const MOVES_PER_TRANSACTION = 200;

/** Most problems kept for a folder's status. */
const MAX_PROBLEMS = 50;

/** Brings a connected folder's notes in line with its files. One sync at a time per folder (the caller serialises). */
export class SourceSync {
  private readonly writer: BatchWriter;

  constructor(private readonly deps: SourceSyncDeps) {
    this.writer = new BatchWriter(deps.db);
  }

  /** Syncs what the scope covers; throws FolderUnavailableError when the folder is not there or cannot be read. */
  async run(source: SourceRecord, options: SyncRunOptions): Promise<SyncOutcome> {
    const repo = new SourcesRepository(this.deps.db);
    const scoped = options.scope === 'full' ? 'full' : new Set([...options.scope, ...options.pending]);
    const knownFolder = async (dir: string): Promise<boolean> => (await repo.liveFilesUnder(source.id, dir, path.sep)).length > 0;
    const partial = scoped === 'full' ? 'full' : await viewPaths(source, scoped, { knownFolder, hotMs: options.hotMs });
    const view = partial === 'full' ? await scanFolder(source, options.signal) : partial;
    const full = partial === 'full';
    const stored = full ? await repo.liveFiles(source.id) : await this.storedAt(repo, source.id, view);
    const counts = { added: 0, updated: 0, moved: 0, forgotten: 0, restored: 0, unchanged: 0, failed: 0 };
    const touched = new Set<number>();

    // what to read: new files, and files whose size or time differ from when they were last read
    const toRead = [...view.present.values()].filter((f) => {
      const row = stored.get(f.absPath);
      return !row || row.size !== f.size || row.mtimeMs !== f.mtime.getTime();
    });
    counts.unchanged += view.present.size - toRead.length;
    const removed = new Map([...stored].filter(([p]) => !view.present.has(p) && !keptBy(p, view.kept)));

    // a renamed or moved file keeps its inode, size and time: its notes move with it, nothing is read again for that
    const inodes = await inodesOf(toRead.filter((f) => !stored.has(f.absPath)).map((f) => f.absPath));
    // a file moved under the same name is the same text with the same title: it needs no reading at all
    const pairs = [...pairByInode(removed, toRead, inodes)];
    const unread = new Set<string>();
    for (let i = 0; i < pairs.length; i += MOVES_PER_TRANSACTION) {
      const slice = pairs.slice(i, i + MOVES_PER_TRANSACTION);
      const moves = await this.moveMany(repo, source.id, slice, (to) => {
        const file = view.present.get(to)!;
        return { path: to, size: file.size, mtimeMs: file.mtime.getTime(), ino: inodes.get(to) ?? '' };
      });
      for (const [to, from] of slice) {
        const moved = moves.get(from);
        if (!moved) continue;
        removed.delete(from);
        counts.moved += moved.length;
        for (const id of moved) touched.add(id);
        if (path.basename(to) === path.basename(from)) unread.add(to);
      }
    }
    if (unread.size) toRead.splice(0, toRead.length, ...toRead.filter((f) => !unread.has(f.absPath)));

    const recorder = fileRecorder(source.id, inodes);
    const byBody = new BodyMatcher(repo, source.id, removed);
    const scanned: ScannedSource = { root: source.root, isDirectory: true, format: source.format as SourceFormat, files: toRead, skipped: [], maxFileBytes: MAX_NOTE_BYTES };
    const problems: ReportProblem[] = view.skipped.filter((s) => worthShowing(s.reason)).map((s) => ({ path: s.path, reason: s.reason }));
    const seen = new Set<string>();
    let done = 0;
    options.onProgress?.(0, toRead.length);
    for await (const batch of parseBatches(toRead, scanned, this.deps.batchSize ?? 200, { signal: options.signal })) {
      // a file with no row may be a moved file whose text we know (moved to another disk, or its delete seen earlier)
      for (const file of batch) {
        if (stored.has(file.file.absPath) || file.notes.length !== 1) continue;
        const match = await byBody.take(file.notes[0]!.body, file.file.absPath);
        if (!match) continue;
        const moved = await this.move(repo, source.id, match.path, file.file.absPath, match.goneAt !== null);
        if (moved.length === 0) continue;
        removed.delete(match.path);
        counts[match.goneAt !== null ? 'restored' : 'moved'] += moved.length;
        for (const id of moved) touched.add(id);
      }
      const returning = await repo.filesAt(source.id, batch.map((f) => f.file.absPath));
      await this.deps.foregroundQuiet();
      const outcomes = await this.writer.write(null, batch, seen, recorder);
      for (const outcome of outcomes) {
        for (const note of outcome.notes) {
          if (note.action === 'imported') counts.added++;
          else if (note.action === 'updated') counts.updated++;
          else counts.unchanged++;
          if (note.action !== 'unchanged' && note.noteId !== null) touched.add(note.noteId);
        }
        counts.failed += outcome.failed.length;
        problems.push(...outcome.failed, ...outcome.skipped.filter((s) => worthShowing(s.reason)));
      }
      // a file that came back (at the same path) brings back the notes forgotten when it went
      const back = [...returning.values()].filter((row) => row.goneAt !== null).map((row) => row.path);
      for (const id of await this.restoreFiles(repo, back)) {
        counts.restored++;
        touched.add(id);
      }
      done += batch.length;
      options.onProgress?.(done, toRead.length);
      await yieldToEventLoop();
    }

    const forgotten = await this.forgetGone(repo, source, [...removed.keys()], view, full, options.confirmForget);
    counts.forgotten += forgotten.ids.length;
    for (const id of forgotten.ids) touched.add(id);
    if (touched.size > 0) {
      await repo.touch(source.id);
      this.deps.onQueued();
    }
    return {
      counts,
      noteIds: [...touched],
      pending: forgotten.pending,
      pendingNotes: forgotten.pendingNotes,
      hold: forgotten.hold,
      problems: problems.slice(0, MAX_PROBLEMS),
      conflicts: view.conflicts,
      scopeFull: full,
      looked: scoped === 'full' ? [] : [...scoped],
      hot: [...view.hot],
    };
  }

  /** Stored rows for the paths a partial view covers. */
  private async storedAt(repo: SourcesRepository, sourceId: number, view: DiskView): Promise<Map<string, SourceFileRow>> {
    const paths = [...view.present.keys(), ...view.absent, ...view.kept];
    const rows = await repo.filesAt(sourceId, paths);
    return new Map([...rows].filter(([, row]) => row.goneAt === null));
  }

  /** Moves a file's notes (and its row) to a new path; restores them when they had been forgotten with the file. */
  private async move(repo: SourcesRepository, sourceId: number, from: string, to: string, restore: boolean): Promise<number[]> {
    await this.deps.foregroundQuiet();
    return this.deps.db.transaction(async (tx) => {
      const moved = await repo.with(tx).moveNotes(from, to);
      if (moved.length === 0) return moved;
      await reindexLinks(tx, moved); // their file names and paths changed, and their Markdown links are relative
      await repo.with(tx).deleteFiles(sourceId, [from]);
      if (restore) await restoreNotes(tx, moved);
      return moved;
    });
  }

  /**
   * Moves several files' notes in one transaction (a moved folder), recording each file at its new path; returns the
   * notes moved per old path.
   */
  private async moveMany(
    repo: SourcesRepository,
    sourceId: number,
    pairs: readonly (readonly [string, string])[],
    rowAt: (path: string) => Omit<SourceFileRow, 'goneAt'>,
  ): Promise<Map<string, number[]>> {
    await this.deps.foregroundQuiet();
    return this.deps.db.transaction(async (tx) => {
      const done = new Map<string, number[]>();
      for (const [to, from] of pairs) {
        const moved = await repo.with(tx).moveNotes(from, to);
        if (moved.length) done.set(from, moved);
        await reindexLinks(tx, moved);
      }
      await repo.with(tx).deleteFiles(sourceId, [...done.keys()]);
      await repo.with(tx).upsertFiles(sourceId, pairs.filter(([, from]) => done.has(from)).map(([to]) => rowAt(to)));
      return done;
    });
  }

  /** Restores the forgotten notes of files that are there again; returns their ids. */
  private async restoreFiles(repo: SourcesRepository, paths: readonly string[]): Promise<number[]> {
    if (paths.length === 0) return [];
    const notes = (await repo.notesOfFiles(paths)).filter((n) => n.forgotten).map((n) => n.id);
    if (notes.length === 0) return [];
    await this.deps.foregroundQuiet();
    await this.deps.db.transaction((tx) => restoreNotes(tx, notes));
    return notes;
  }

  /**
   * Forgets the notes of files that went away, as the forget policy allows: a few at once go; a large share waits
   * for confirmation; an emptied folder forgets nothing. Rows of files that had no notes simply go.
   */
  private async forgetGone(
    repo: SourcesRepository,
    source: SourceRecord,
    paths: readonly string[],
    view: DiskView,
    full: boolean,
    confirmed: boolean,
  ): Promise<{ ids: number[]; pending: string[]; pendingNotes: number; hold: SyncOutcome['hold'] }> {
    if (paths.length === 0) return { ids: [], pending: [], pendingNotes: 0, hold: null };
    const notes = (await repo.notesOfFiles(paths)).filter((n) => !n.forgotten);
    const sourceNotes = await repo.liveNoteCount(source.root, path.sep);
    // everything gone at once: is the folder itself empty (a sync client clearing it, a drive half unmounted)?
    const rootEmpty = full ? view.present.size === 0 && view.kept.size === 0 : notes.length >= sourceNotes && (await looksEmpty(source.root));
    const verdict = judgeForget({ root: source.root, sourceNotes, missing: notes.length, rootEmpty, confirmed });
    if (verdict.action !== 'forget') return { ids: [], pending: [...paths], pendingNotes: notes.length, hold: verdict };
    await this.deps.foregroundQuiet();
    await this.deps.db.transaction(async (tx) => {
      const service = new NotesService({ db: transactionScope(tx), onQueued: () => undefined });
      for (const note of notes) await service.forget(note.id);
      await repo.with(tx).markGone(source.id, paths);
    });
    return { ids: notes.map((n) => n.id), pending: [], pendingNotes: 0, hold: null };
  }
}

/** Left-out files worth showing with the folder: not what any folder has (hidden folders, attachments, excludes). */
function worthShowing(reason: string): boolean {
  return !/^(hidden folder|attachment|unsupported file type|not a \w+ file|excluded by)/.test(reason);
}

/** True when a folder holds nothing but hidden entries (or cannot be listed). */
async function looksEmpty(root: string): Promise<boolean> {
  const entries = await fs.readdir(root).catch(() => []);
  return entries.every((name) => name.startsWith('.'));
}

/** Records each file's size and time as the walk saw them (before reading) and its inode, in the batch's transaction. */
export function fileRecorder(sourceId: number, inodes: ReadonlyMap<string, string> = new Map()): FileRecorder {
  return async (db: Queryable, files: readonly ParsedSourceFile[]) => {
    const missing = files.map((f) => f.file.absPath).filter((p) => !inodes.has(p));
    const found = await inodesOf(missing);
    const rows = files.map(({ file }) => ({ path: file.absPath, size: file.size, mtimeMs: file.mtime.getTime(), ino: inodes.get(file.absPath) ?? found.get(file.absPath) ?? '' }));
    await new SourcesRepository(db).upsertFiles(sourceId, rows);
  };
}

/** Each file's inode as text ('' for a file that cannot be stat'ed). */
async function inodesOf(paths: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const stats = await Promise.all(paths.map((p) => fs.stat(p, { bigint: true }).catch(() => null)));
  paths.forEach((p, i) => found.set(p, stats[i] ? String(stats[i]!.ino) : ''));
  return found;
}

/** New paths paired with removed ones whose inode, size and modification time are the same (a rename or a move). */
function pairByInode(removed: ReadonlyMap<string, SourceFileRow>, files: readonly WalkedFile[], inodes: ReadonlyMap<string, string>): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const row of removed.values()) if (row.ino) byKey.set(`${row.ino}:${row.size}:${row.mtimeMs}`, row.path);
  const pairs = new Map<string, string>();
  for (const file of files) {
    const ino = inodes.get(file.absPath);
    const old = ino ? byKey.get(`${ino}:${file.size}:${file.mtime.getTime()}`) : undefined;
    if (old !== undefined && !pairs.has(file.absPath)) {
      pairs.set(file.absPath, old);
      byKey.delete(`${ino}:${file.size}:${file.mtime.getTime()}`);
    }
  }
  return pairs;
}

/** True when a path, or a folder above it, was left out this time (its notes stay). */
function keptBy(notePath: string, kept: ReadonlySet<string>): boolean {
  if (kept.has(notePath)) return true;
  for (const k of kept) if (isInside(k, notePath)) return true;
  return false;
}

/** Restores forgotten notes (their vectors were kept; only missing embeddings are queued again). */
async function restoreNotes(tx: Transaction, ids: readonly number[]): Promise<void> {
  const service = new NotesService({ db: transactionScope(tx), onQueued: () => undefined });
  for (const id of ids) await service.restore(id);
}

/**
 * Recognises a file by its text: among the files removed in this change and those that went away earlier (their
 * notes forgotten), the one whose single note has exactly this body. Loaded once, when first needed.
 */
class BodyMatcher {
  private index: Map<string, SourceFileRow> | null = null;

  constructor(
    private readonly repo: SourcesRepository,
    private readonly sourceId: number,
    private readonly removed: ReadonlyMap<string, SourceFileRow>,
  ) {}

  /** The row whose note has this body (and claims it), or null. */
  async take(body: string, newPath: string): Promise<SourceFileRow | null> {
    this.index ??= await this.load();
    const key = sha256(body);
    const row = this.index.get(key);
    if (!row || row.path === newPath || (row.goneAt === null && !this.removed.has(row.path))) return null;
    this.index.delete(key);
    return row;
  }

  private async load(): Promise<Map<string, SourceFileRow>> {
    const rows = [...this.removed.values(), ...(await this.repo.goneFiles(this.sourceId))];
    const byPath = new Map(rows.map((r) => [r.path, r]));
    const notes = await this.repo.notesOfFiles([...byPath.keys()]);
    const single = new Map<string, number>();
    const count = new Map<string, number>();
    for (const note of notes) {
      const file = byPath.get(note.sourcePath.includes('#') && !byPath.has(note.sourcePath) ? note.sourcePath.slice(0, note.sourcePath.lastIndexOf('#')) : note.sourcePath)?.path;
      if (!file) continue;
      single.set(file, note.id);
      count.set(file, (count.get(file) ?? 0) + 1);
    }
    const bodies = await this.repo.bodies([...single.values()]);
    const index = new Map<string, SourceFileRow>();
    for (const row of rows) {
      const id = single.get(row.path);
      if (id === undefined || count.get(row.path) !== 1) continue;
      const body = bodies.get(id);
      const key = body === undefined ? null : sha256(body);
      if (key && !index.has(key)) index.set(key, row);
    }
    return index;
  }
}
