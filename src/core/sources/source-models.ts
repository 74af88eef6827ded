// Plain, serialisable data of connected folders: what a source is, its live state, what a sync did, and the
// shapes of editing a note's file from Engram. Shared by the core, the CLI, main and the renderer.
import type { RequestedFormat, SourceFormat } from '../importers/source-format';
import type { ImportReport, ReportProblem } from '../import/import-models';
import type { Note } from '../../shared/models';

/**
 * Where a connected folder stands: `catching-up` (reading what changed while nothing watched, or its first pass),
 * `watching` (live), `idle` (current, but not watched: a short CLI command holds the memory), `offline` (the folder
 * is not there or is empty; its notes stay searchable), `waiting` (a change would forget many notes and waits for
 * the person to confirm), `error` (the reason says what to do).
 */
export type SourceState = 'catching-up' | 'watching' | 'idle' | 'offline' | 'waiting' | 'error';

/** A connected folder as lists show it. */
export interface SourceSummary {
  readonly id: number;
  /** The folder's absolute path. */
  readonly root: string;
  /** How its files are read: 'obsidian' for a vault, 'mixed' (each file by its extension), or one format. */
  readonly format: SourceFormat;
  readonly state: SourceState;
  /** Why it is offline, waiting or in error, in words for the person; null otherwise. */
  readonly reason: string | null;
  /** Files read so far while catching up; null otherwise. */
  readonly progress: { readonly done: number; readonly total: number } | null;
  /** Live (not forgotten) notes from this folder. */
  readonly notes: number;
  /** When a change from the folder last reached the memory (ISO-8601), or null. */
  readonly lastChangeAt: string | null;
  /** Copies made by sync tools (`*.sync-conflict-*`, `* (conflicted copy)*`) found in the folder. */
  readonly conflicts: number;
  /** Notes a change would forget, waiting for confirmation (0 when none). */
  readonly pendingForget: number;
  /** Files of the last change that could not be read or were left out, with reasons (at most 50). */
  readonly problems: readonly ReportProblem[];
}

/** What folder to connect, and how to read it. */
export interface AddSourceRequest {
  /** The folder (absolute, or relative to the process's working directory). */
  readonly path: string;
  /** Default 'auto': a folder with `.obsidian/` is a vault, any other is read file by file. */
  readonly format?: RequestedFormat;
  /** Extra .gitignore-style patterns to leave out. */
  readonly exclude?: readonly string[];
  /** Files larger than this are left out with a reason (default 50 MB). */
  readonly maxFileBytes?: number;
}

/** A connected folder and the report of its first pass (the import). */
export interface AddSourceResult {
  readonly source: SourceSummary;
  readonly report: ImportReport;
}

/** What removing a folder did to its notes. */
export interface RemoveSourceResult {
  readonly source: SourceSummary;
  /** Notes forgotten with it (restorable); 0 with keepNotes. */
  readonly forgottenNotes: number;
  /** Notes kept as ordinary notes (keepNotes). */
  readonly keptNotes: number;
}

/** Counts of what one change (a sync) did. */
export interface SourceChangeCounts {
  readonly added: number;
  readonly updated: number;
  /** Notes whose file was renamed or moved: same id, tags and vectors. */
  readonly moved: number;
  /** Notes forgotten because their file went away (restorable). */
  readonly forgotten: number;
  /** Notes brought back because their file came back. */
  readonly restored: number;
  readonly unchanged: number;
  readonly failed: number;
}

/** The outcome of bringing one folder up to date. */
export interface SourceSyncReport {
  readonly sourceId: number;
  readonly root: string;
  /** The folder's state afterwards. */
  readonly state: SourceState;
  readonly reason: string | null;
  readonly counts: SourceChangeCounts;
  /** Notes a change would forget and that wait for confirmation (`engram sources sync --yes`); 0 when none. */
  readonly pendingForget: number;
  readonly problems: readonly ReportProblem[];
  readonly tookMs: number;
}

/** Engine events about connected folders: a state change, or a change from a folder settled in the memory. */
export type SourceEvent =
  | { readonly type: 'state'; readonly source: SourceSummary }
  | {
      readonly type: 'settled';
      readonly sourceId: number;
      readonly counts: SourceChangeCounts;
      /** Notes added, changed, moved, forgotten or restored by the change. */
      readonly noteIds: readonly number[];
    };

/** A copy a sync tool made beside a note's file when two machines changed it at once. */
export interface SyncConflictFile {
  readonly path: string;
  /** Which tool's naming it follows. */
  readonly tool: 'syncthing' | 'dropbox' | 'other';
  readonly modifiedAt: string;
  readonly size: number;
}

/** The file a note comes from, when it comes from a connected folder. */
export interface NoteFileInfo {
  readonly noteId: number;
  readonly sourceId: number;
  readonly root: string;
  /** The file's absolute path. */
  readonly path: string;
  /** The path inside the folder, `/`-separated. */
  readonly relPath: string;
  /** Whether Engram can write this note back to its file (Markdown files; not PDFs, JSON records ...). */
  readonly writable: boolean;
  /** Sync-conflict copies of this file. */
  readonly conflicts: readonly SyncConflictFile[];
}

/** The file as it was when editing began: a later change on disk is a conflict. */
export interface FileBaseline {
  readonly path: string;
  /** SHA-256 of the file's bytes. */
  readonly hash: string;
}

/** What the editor of a folder note starts from: the file's own text (below its front matter), title and tags. */
export interface NoteFileDraft {
  readonly noteId: number;
  readonly title: string;
  /** The Markdown below the front matter, with `\n` line endings. */
  readonly text: string;
  readonly tags: readonly string[];
  /** The front matter block as written in the file ('' when none), shown read-only. */
  readonly frontMatter: string;
  readonly baseline: FileBaseline;
}

/** An edit of a folder note, to be written to its file. */
export interface SaveNoteFileRequest {
  readonly noteId: number;
  readonly title: string;
  readonly text: string;
  readonly tags: readonly string[];
  readonly baseline: FileBaseline;
  /** Write even though the file changed on disk since the baseline (the person chose their version). */
  readonly overwrite?: boolean;
}

/** The file was written (and the note re-read from it), or it changed on disk since editing began. */
export type SaveNoteFileResult =
  | { readonly outcome: 'saved'; readonly note: Note; readonly path: string }
  | {
      readonly outcome: 'conflict';
      /** The file's text now (below its front matter). */
      readonly diskText: string;
      readonly diskModifiedAt: string;
      /** The baseline to save against to keep the person's version over this one. */
      readonly baseline: FileBaseline;
    };

/** A new note saved as a new Markdown file in a connected folder. */
export interface NewFileNote {
  readonly sourceId: number;
  readonly title?: string;
  readonly body: string;
  readonly tags?: readonly string[];
  /** A sub-folder of the connected folder, `/`-separated (default: its top). */
  readonly folder?: string;
}

/** How to settle a sync conflict: keep the note's file as it is (the copy is deleted), or take the copy's text. */
export type ConflictChoice = 'keep-note' | 'use-copy';
