import type { ImportedNoteState } from '../db/repositories/import-notes-repository';
import type { PreparedNote } from './prepared-note';

/** What to do with a parsed note given the note already stored from the same source (kind + path), if any. */
export type NoteDecision =
  | { readonly action: 'import'; readonly reason: string }
  | { readonly action: 'update'; readonly noteId: number; readonly reason: string }
  | { readonly action: 'unchanged'; readonly noteId: number; readonly reason: string };

/** New source: import. Same title, text and tags: leave alone. Otherwise: update the stored note. */
export function decideNote(note: PreparedNote, existing: ImportedNoteState | undefined): NoteDecision {
  if (!existing) return { action: 'import', reason: 'new' };
  const sameContent = existing.contentHash === note.contentHash;
  const sameTags = existing.tags.length === note.tags.length && existing.tags.every((t, i) => t === note.tags[i]);
  if (sameContent && sameTags) {
    const reason = existing.forgotten ? 'already imported, and forgotten by you (left forgotten)' : 'already imported, identical';
    return { action: 'unchanged', noteId: existing.id, reason };
  }
  return { action: 'update', noteId: existing.id, reason: sameContent ? 'tags changed' : 'text changed' };
}
