// Notes whose truth is a file in a connected folder: where the file is, its sync conflicts, and editing it from
// Engram. An edit is written to the file first (atomically), then the file is read back through the importer, so
// there is one direction of truth; a file changed on disk since editing began is a conflict, never overwritten.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Note, NoteChanges } from '../../shared/models';
import type { Database } from '../db/queryable';
import { NotesRepository } from '../db/repositories/notes-repository';
import { SourcesRepository } from '../db/repositories/sources-repository';
import { EngramError } from '../errors';
import { errorCode } from '../importers/walk-source';
import { resolveTitle } from '../notes/note-input';
import { createFileAtomically, renameToNew, replaceFileAtomically } from './atomic-write';
import { nameTaken, namesForTitle } from './file-name-for-title';
import { isInside, relativeInside } from './folder-paths';
import { editableText, rebuildFile, splitFileText, type FileText } from './note-file-text';
import type { ConflictChoice, FileBaseline, NewFileNote, NoteFileDraft, NoteFileInfo, SaveNoteFileRequest, SaveNoteFileResult, SyncConflictFile } from './source-models';
import type { SourcesService } from './sources-service';
import type { SourceWatch } from './source-watch';
import { conflictOriginal } from './sync-conflict-names';

/** Note kinds whose file holds exactly that note as Markdown, so Engram can write it back. */
const WRITABLE_KINDS = new Set(['markdown', 'obsidian']);
/** Kinds whose files hold several notes (`file#key`). */
const MULTI_NOTE_KINDS = new Set(['json', 'enex', 'chatgpt']);
/** The largest file write-back reads (the import's own default limit). */
const MAX_EDIT_BYTES = 50 * 1024 * 1024;

/** What write-back needs: the database and the connected folders. */
export interface NoteFilesDeps {
  readonly db: Database;
  readonly sources: SourcesService;
}

/** A folder note located: the note, its file, and the folder it is in. */
interface Located {
  readonly note: Note;
  readonly file: string;
  readonly watch: SourceWatch;
  readonly writable: boolean;
}

/** Files behind folder notes: locate, edit (write-back with conflict detection), create, settle sync conflicts. */
export class NoteFiles {
  private readonly notes: NotesRepository;

  constructor(private readonly deps: NoteFilesDeps) {
    this.notes = new NotesRepository(deps.db);
  }

  /** The note's file, or null for a note not from a connected folder. */
  async info(noteId: number): Promise<NoteFileInfo | null> {
    const located = await this.locate(noteId);
    if (!located) return null;
    const { watch, file } = located;
    return {
      noteId,
      sourceId: watch.id,
      root: watch.source.root,
      path: file,
      relPath: relativeInside(watch.source.root, file),
      writable: located.writable,
      conflicts: await conflictsOf(file),
    };
  }

  /** Starts an edit: the file's text below its front matter, and the baseline a save is checked against. */
  async beginEdit(noteId: number): Promise<NoteFileDraft> {
    const located = await this.requireWritable(noteId);
    const bytes = await readNoteFile(located.file);
    const file = splitFile(bytes, located.file);
    return { noteId, title: located.note.title, text: editableText(file), tags: located.note.tags, frontMatter: file.frontMatter, baseline: baselineOf(located.file, bytes) };
  }

  /** Writes an edit to the note's file, unless the file changed since the baseline (then says so, writing nothing). */
  async save(request: SaveNoteFileRequest): Promise<SaveNoteFileResult> {
    const located = await this.requireWritable(request.noteId);
    if (request.baseline?.path !== located.file) throw new EngramError('INVALID_INPUT', 'This edit was started on another file; open the note and edit it again.');
    const bytes = await readNoteFile(located.file);
    const now = baselineOf(located.file, bytes);
    const file = splitFile(bytes, located.file);
    if (now.hash !== request.baseline.hash && request.overwrite !== true) {
      const stat = await fs.stat(located.file);
      return { outcome: 'conflict', diskText: editableText(file), diskModifiedAt: stat.mtime.toISOString(), baseline: now };
    }
    const note = await this.write(located, file, { text: request.text, title: request.title, tags: request.tags });
    return { outcome: 'saved', note, path: (await this.info(note.id))?.path ?? located.file };
  }

  /**
   * updateNote on a folder note: written to its file when the file is as Engram last read it (a FILE_CONFLICT error
   * otherwise). Resolves null for a note that is not from a connected folder (stored as before).
   */
  async update(noteId: number, changes: NoteChanges): Promise<Note | null> {
    const located = await this.locate(noteId);
    if (!located) return null;
    if (!located.writable) {
      throw new EngramError('INVALID_INPUT', `Note ${noteId} comes from ${located.file} in a connected folder, which Engram cannot write; change the file itself.`);
    }
    const bytes = await readNoteFile(located.file);
    const stat = await fs.stat(located.file);
    const row = (await new SourcesRepository(this.deps.db).filesAt(located.watch.id, [located.file])).get(located.file);
    if (!row || row.size !== stat.size || row.mtimeMs !== stat.mtime.getTime()) {
      throw new EngramError('FILE_CONFLICT', `${located.file} changed on disk since Engram last read it; wait a moment for it to be read, then edit again.`);
    }
    const file = splitFile(bytes, located.file);
    const text = changes.body === undefined ? editableText(file) : withoutDerivedSuffix(changes.body, located.note.body, editableText(file));
    return this.write(located, file, { text, title: changes.title ?? located.note.title, tags: changes.tags ?? located.note.tags });
  }

  /** Saves a new note as a new Markdown file (a safe, unique name from its title) and reads it in. */
  async create(input: NewFileNote): Promise<Note> {
    const watch = await this.deps.sources.require(input.sourceId);
    if (!['obsidian', 'markdown', 'mixed'].includes(watch.source.format)) {
      throw new EngramError('INVALID_INPUT', `${watch.source.root} is read as ${watch.source.format} files; new notes can be saved only into a Markdown folder or vault.`);
    }
    if (typeof input.body !== 'string' || !input.body.trim()) throw new EngramError('INVALID_INPUT', 'The note is empty. Write something and try again.');
    const dir = path.resolve(watch.source.root, input.folder ?? '');
    if (!isInside(watch.source.root, dir)) throw new EngramError('INVALID_INPUT', `${input.folder} is not inside ${watch.source.root}.`);
    await fs.mkdir(dir, { recursive: true });
    const title = resolveTitle(input.title, input.body);
    const bytes = rebuildFile(splitFileText(Buffer.alloc(0)), { text: input.body.endsWith('\n') ? input.body : `${input.body}\n`, tags: input.tags ?? [] });
    for (const candidate of namesForTitle(dir, title)) {
      if (await nameTaken(candidate)) continue;
      if (!(await createFileAtomically(candidate, bytes))) continue;
      await watch.syncPaths([candidate]);
      const [note] = await this.notesAt(candidate);
      if (!note) throw new EngramError('INVALID_INPUT', `${candidate} was written but could not be read back (is it excluded by the folder's rules?).`);
      return note;
    }
    throw new EngramError('INVALID_INPUT', `There is no free file name for "${title}" in ${dir}.`);
  }

  /** Settles a sync conflict: keep the note's file (the copy is deleted) or take the copy's text (then deleted). */
  async resolveConflict(noteId: number, conflictPath: string, choice: ConflictChoice): Promise<Note> {
    const located = await this.locate(noteId);
    if (!located) throw new EngramError('NOT_FOUND', `Note ${noteId} does not come from a connected folder.`);
    const conflict = (await conflictsOf(located.file)).find((c) => c.path === conflictPath);
    if (!conflict) throw new EngramError('NOT_FOUND', `${conflictPath} is not a sync conflict of ${located.file}.`);
    if (choice === 'use-copy') {
      await replaceFileAtomically(located.file, await readNoteFile(conflict.path));
    } else if (choice !== 'keep-note') {
      throw new EngramError('INVALID_INPUT', `"${String(choice)}" is not a choice; use keep-note or use-copy.`);
    }
    await fs.rm(conflict.path, { force: true });
    await located.watch.syncPaths([located.file, conflict.path]);
    return this.requireNote(noteId);
  }

  /** Writes the edit (renaming the file first when its name is the title and the title changed), then reads it back. */
  private async write(located: Located, file: FileText, edit: { text: string; title: string; tags: readonly string[] }): Promise<Note> {
    const { note, watch } = located;
    let target = located.file;
    const title = resolveTitle(edit.title, edit.text);
    let frontTitle: string | undefined;
    let text = edit.text;
    if (title !== note.title) {
      if (file.frontTitle !== null) frontTitle = title;
      else if (headingText(text) === note.title) text = replaceHeading(text, title);
      else if (headingText(text) !== title) target = await this.rename(located, title);
    }
    await replaceFileAtomically(target, rebuildFile(file, { text, title: frontTitle, tags: edit.tags }));
    await watch.syncPaths([target]);
    return this.requireNote(note.id);
  }

  /** Renames the note's file for a new title (keeping its inode, so the note keeps its id); returns the new path. */
  private async rename(located: Located, title: string): Promise<string> {
    const dir = path.dirname(located.file);
    for (const candidate of namesForTitle(dir, title, path.extname(located.file) || '.md')) {
      if (candidate.toLowerCase() !== located.file.toLowerCase() && (await nameTaken(candidate))) continue;
      if (candidate === located.file) return candidate;
      if (!(await renameToNew(located.file, candidate))) continue;
      await located.watch.syncPaths([located.file, candidate]);
      return candidate;
    }
    throw new EngramError('INVALID_INPUT', `There is no free file name for "${title}" in ${dir}.`);
  }

  private async locate(noteId: number): Promise<Located | null> {
    const note = await this.requireNote(noteId);
    if (!note.source.path || !path.isAbsolute(note.source.path)) return null;
    const multi = MULTI_NOTE_KINDS.has(note.source.kind);
    const cut = multi ? note.source.path.indexOf('#', note.source.path.lastIndexOf(path.sep)) : -1;
    const file = cut > 0 ? note.source.path.slice(0, cut) : note.source.path;
    const watch = await this.deps.sources.folderOf(file);
    if (!watch) return null;
    return { note, file, watch, writable: WRITABLE_KINDS.has(note.source.kind) && file === note.source.path };
  }

  private async requireWritable(noteId: number): Promise<Located> {
    const located = await this.locate(noteId);
    if (!located) throw new EngramError('INVALID_INPUT', `Note ${noteId} does not come from a connected folder; edit it as any note.`);
    if (!located.writable) throw new EngramError('INVALID_INPUT', `Note ${noteId} comes from ${located.file}, which Engram cannot write (only Markdown files); open the file to change it.`);
    return located;
  }

  private async requireNote(noteId: number): Promise<Note> {
    const note = await this.notes.get(noteId);
    if (!note) throw new EngramError('NOT_FOUND', `There is no note ${noteId}. List notes with \`engram list\`.`);
    return note;
  }

  private async notesAt(file: string): Promise<Note[]> {
    const ids = (await new SourcesRepository(this.deps.db).notesOfFiles([file])).map((n) => n.id);
    return this.notes.getMany(ids);
  }
}

/** Reads a note's file for editing (a clear error when it is gone, unreadable or too large). */
async function readNoteFile(file: string): Promise<Buffer> {
  const stat = await fs.stat(file).catch((error: unknown) => {
    throw new EngramError(errorCode(error) === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_INPUT', `${file} ${errorCode(error) === 'ENOENT' ? 'is gone' : `cannot be read (${errorCode(error)})`}.`);
  });
  if (!stat.isFile()) throw new EngramError('INVALID_INPUT', `${file} is not a regular file.`);
  if (stat.size > MAX_EDIT_BYTES) throw new EngramError('INVALID_INPUT', `${file} is larger than 50 MB; edit it in another editor.`);
  return fs.readFile(file).catch((error: unknown) => {
    throw new EngramError('INVALID_INPUT', `${file} cannot be read (${errorCode(error)}).`);
  });
}

function splitFile(bytes: Buffer, file: string): FileText {
  try {
    return splitFileText(bytes);
  } catch (error) {
    throw new EngramError('INVALID_INPUT', `${file} cannot be edited here: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

function baselineOf(file: string, bytes: Buffer): FileBaseline {
  return { path: file, hash: createHash('sha256').update(bytes).digest('hex') };
}

/** Sync-conflict copies of a file in its folder, newest first. */
async function conflictsOf(file: string): Promise<SyncConflictFile[]> {
  const dir = path.dirname(file);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const found: SyncConflictFile[] = [];
  for (const name of names) {
    const candidate = path.join(dir, name);
    const conflict = conflictOriginal(candidate);
    if (!conflict || conflict.original !== file) continue;
    const stat = await fs.stat(candidate).catch(() => null);
    if (stat?.isFile()) found.push({ path: candidate, tool: conflict.tool, modifiedAt: stat.mtime.toISOString(), size: stat.size });
  }
  return found.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
}

/** The text of a first-line heading, or null. */
function headingText(text: string): string | null {
  const first = text.split('\n').find((line) => line.trim() !== '');
  const match = first ? /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(first) : null;
  return match ? match[1]!.trim() : null;
}

/** The text with its first-line heading's words replaced. */
function replaceHeading(text: string, title: string): string {
  return text.replace(/^(\s*\s{0,3}#{1,6}\s+).*$/m, (_all, marks: string) => `${marks}${title}`);
}

/** A body as updateNote got it, without what the importer appended to the file's text (the "Aliases:" line). */
function withoutDerivedSuffix(body: string, storedBody: string, fileText: string): string {
  if (!storedBody.startsWith(fileText.trimEnd())) return body;
  const suffix = storedBody.slice(fileText.trimEnd().length);
  return suffix && body.endsWith(suffix) ? `${body.slice(0, body.length - suffix.length)}\n` : body;
}
