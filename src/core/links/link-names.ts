// The names a note answers to when a link names it, ranked the way Obsidian resolves a link: its name (title or
// file name) first, then a path to it, then a front-matter alias.
import type { NoteToIndex } from '../db/repositories/links-repository';
import { aliasesFromBody } from '../importers/aliases-line';
import { nameKey } from './link-keys';

/** How a name was earned: 0 the note's name (title, file name), 1 its file's whole path, 2 a front-matter alias. */
export type NameRank = 0 | 1 | 2;

/** One name a note answers to, in lookup form. */
export interface LinkName {
  readonly name: string;
  readonly rank: NameRank;
}

/** Source kinds whose notes are each one file, so a file name and path name the note. */
const FILE_NOTE_KINDS = new Set(['markdown', 'obsidian', 'text', 'html', 'pdf']);
/** Source kinds whose bodies may end with the importer's "Aliases:" line. */
const ALIAS_KINDS = new Set(['markdown', 'obsidian']);

/** The file a note was read from, when it is one note per file. */
export function noteFile(note: Pick<NoteToIndex, 'sourceKind' | 'sourcePath'>): string | null {
  return note.sourcePath && FILE_NOTE_KINDS.has(note.sourceKind) ? note.sourcePath : null;
}

/**
 * Every name the note answers to: its title and file name (rank 0), its file's whole path (rank 1: a link with
 * folders, `folder/name`, names it when that path ends with them), and its front-matter aliases (rank 2); each name
 * once, at its best rank.
 */
export function linkNames(note: NoteToIndex): LinkName[] {
  const names = new Map<string, NameRank>();
  const add = (text: string, rank: NameRank): void => {
    const name = nameKey(text);
    if (name && !names.has(name)) names.set(name, rank);
  };
  add(note.title, 0);
  const file = noteFile(note);
  const segments = file ? file.replace(/\\/g, '/').split('/') : [];
  if (segments.length) add(segments[segments.length - 1]!, 0);
  if (segments.length > 1) add(segments.join('/'), 1);
  if (ALIAS_KINDS.has(note.sourceKind)) for (const alias of aliasesFromBody(note.body)) add(alias, 2);
  return [...names].map(([name, rank]) => ({ name, rank }));
}
