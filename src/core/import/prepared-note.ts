import { isEngramError } from '../errors';
import type { MarkdownBlock } from '../chunking/markdown-blocks';
import type { ImportedNote, ImportFormat } from '../importers/import-types';
import type { MarkdownLink } from '../markdown/markdown-link';
import { noteContentHash } from '../notes/content-hash';
import { cleanBody, resolveTitle } from '../notes/note-input';
import { normaliseTags } from '../notes/tags';

/** An imported note cleaned exactly as the notes service will store it, with its content hash. */
export interface PreparedNote {
  readonly kind: ImportFormat;
  readonly path: string;
  readonly title: string;
  readonly body: string;
  readonly tags: readonly string[];
  readonly createdAt: string | undefined;
  readonly contentHash: string;
  readonly links: readonly string[];
  /** The body's block boundaries from the importer's parse, when cleaning left the body as parsed. */
  readonly blocks?: readonly MarkdownBlock[];
  /** The body's links to notes from the importer's parse, when cleaning left the body as parsed. */
  readonly noteLinks?: readonly MarkdownLink[];
}

/** Cleans a parsed note (body, title, tags) and hashes it; returns the reason when it cannot be stored. */
export function prepareNote(note: ImportedNote): PreparedNote | { readonly problem: string; readonly skip: boolean } {
  try {
    const body = cleanBody(note.body);
    if (!body.trim()) return { problem: 'no text to import', skip: true };
    const title = resolveTitle(note.title, body);
    return {
      kind: note.source.kind,
      path: note.source.path,
      title,
      body,
      tags: normaliseTags(note.tags),
      createdAt: note.createdAt,
      contentHash: noteContentHash(title, body),
      links: note.links ?? [],
      blocks: body === note.body ? note.blocks : undefined,
      noteLinks: body === note.body ? note.noteLinks : undefined,
    };
  } catch (error) {
    if (isEngramError(error)) return { problem: error.message, skip: false };
    throw error;
  }
}

/** True for a prepared note (as opposed to a problem). */
export function isPrepared(value: PreparedNote | { problem: string }): value is PreparedNote {
  return !('problem' in value);
}
