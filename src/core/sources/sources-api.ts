import type { ImportPreview } from '../import/import-models';
import type { Note } from '../../shared/models';
import type {
  AddSourceRequest,
  AddSourceResult,
  ConflictChoice,
  NewFileNote,
  NoteFileDraft,
  NoteFileInfo,
  RemoveSourceResult,
  SaveNoteFileRequest,
  SaveNoteFileResult,
  SourceEvent,
  SourceSummary,
  SourceSyncReport,
} from './source-models';

/**
 * The connected-folder methods of the engine's public surface (merged into EngramApi). Everything crosses a worker
 * boundary: plain data in and out; state changes and settled changes arrive through onSourceEvent.
 */
export interface SourcesApi {
  /** Every connected folder with its state, note count and last change. */
  listSources(): Promise<SourceSummary[]>;
  /** What connecting the folder would import (the import preview), after checking it can be connected. */
  previewSource(request: AddSourceRequest): Promise<ImportPreview>;
  /** Connects a folder: its first pass is an import (same report); then it is kept current while the memory is open. */
  addSource(request: AddSourceRequest): Promise<AddSourceResult>;
  /** Disconnects a folder; its notes are forgotten (restorable) unless keepNotes. The files are never touched. */
  removeSource(id: number, options?: { readonly keepNotes?: boolean }): Promise<RemoveSourceResult>;
  /** Brings one folder (or every one) up to date now; confirmForget lets a held-back large forget go ahead. */
  syncSources(id?: number, options?: { readonly confirmForget?: boolean }): Promise<SourceSyncReport[]>;
  /** The file a note comes from (null for a note not from a connected folder), with its sync conflicts. */
  noteFile(noteId: number): Promise<NoteFileInfo | null>;
  /** Starts editing a folder note: its file's text and the baseline a later save is checked against. */
  beginFileEdit(noteId: number): Promise<NoteFileDraft>;
  /** Writes an edit to the note's file (atomically), unless the file changed on disk since the baseline. */
  saveNoteFile(request: SaveNoteFileRequest): Promise<SaveNoteFileResult>;
  /** Saves a new note as a new Markdown file in a connected folder (a safe, unique name from its title). */
  createFileNote(note: NewFileNote): Promise<Note>;
  /** Settles a sync conflict of a note's file: keep the note's version or take the copy's; the copy is deleted. */
  resolveSyncConflict(noteId: number, conflictPath: string, choice: ConflictChoice): Promise<Note>;
  /** Subscribes to connected-folder events; returns the unsubscribe function. */
  onSourceEvent(listener: (event: SourceEvent) => void): () => void;
}
