// Writes a note's link index (the names it answers to and the links it writes), inside the caller's transaction,
// so links are never out of step with the note they come from.
import type { Queryable } from '../db/queryable';
import { LinksRepository, type NoteLinkEntry, type NoteToIndex } from '../db/repositories/links-repository';
import { analyseMarkdown } from '../markdown/markdown-analysis';
import type { MarkdownLink } from '../markdown/markdown-link';
import { linkTarget } from './link-keys';
import { linkNames, noteFile } from './link-names';

/** A note's index entry; `parsed` are its body's links when a parse already gave them (an import), else it parses. */
export function linkEntry(note: NoteToIndex, parsed?: readonly MarkdownLink[]): NoteLinkEntry {
  const links = parsed ?? analyseMarkdown(note.body).noteLinks;
  const from = noteFile(note);
  return {
    noteId: note.id,
    names: linkNames(note),
    links: links.map((link) => {
      const { key, path } = linkTarget(link.kind, link.target, from);
      return { ...link, targetKey: key, targetPath: path };
    }),
  };
}

/** Indexes notes already written in this transaction (`db`); `fresh` when they were just inserted. */
export async function indexLinks(db: Queryable, notes: readonly { note: NoteToIndex; parsed?: readonly MarkdownLink[] }[], fresh = false): Promise<void> {
  await new LinksRepository(db).replace(notes.map(({ note, parsed }) => linkEntry(note, parsed)), fresh);
}

/** Indexes notes again by id from what is stored (after a move changed their paths, or for a backfill). */
export async function reindexLinks(db: Queryable, ids: readonly number[]): Promise<void> {
  const notes = await new LinksRepository(db).notesToIndex(ids);
  await indexLinks(db, notes.map((note) => ({ note })));
}
