// The shapes importers produce: notes ready for the notes service, plus per-file outcomes with reasons.
import type { MarkdownBlock } from '../markdown/markdown-analysis';
import type { MarkdownLink } from '../markdown/markdown-link';

/** A source format Engram can import. */
export type ImportFormat = 'markdown' | 'obsidian' | 'text' | 'html' | 'pdf' | 'json' | 'enex' | 'chatgpt';

/** Every importable format, in the order the CLI lists them. */
export const IMPORT_FORMATS: readonly ImportFormat[] = ['markdown', 'obsidian', 'text', 'html', 'pdf', 'json', 'enex', 'chatgpt'];

/** A note parsed from a file, shaped like NewNote; `source.path` identifies it across re-imports. */
export interface ImportedNote {
  readonly title: string;
  readonly body: string;
  readonly tags: readonly string[];
  /** ISO-8601; from the file's own metadata when it has some, else the file's modification time. */
  readonly createdAt?: string;
  readonly source: { readonly kind: ImportFormat; readonly path: string };
  /** Link targets found in the text ([[wikilinks]], ![[embeds]]), kept in the body as written. */
  readonly links?: readonly string[];
  /** Every link to a note in the body, from the importer's parse (so the link index need not parse it again). */
  readonly noteLinks?: readonly MarkdownLink[];
  /** The body's Markdown blocks, when the importer parsed it (so chunking need not parse it again). */
  readonly blocks?: readonly MarkdownBlock[];
  /** What the person should know about how this note was read (a front-matter block kept as text ...). */
  readonly warnings?: readonly string[];
}

/** A part of a file that could not become a note (a bad JSON line, an ENEX note without text), with the reason. */
export interface RecordFailure {
  readonly path: string;
  readonly reason: string;
}

/** What an importer made of one file: its notes, records that failed, and attachments it skipped. */
export interface ParsedFile {
  readonly notes: readonly ImportedNote[];
  readonly failures: readonly RecordFailure[];
  /** Attachments inside the file (ENEX resources) that are not imported. */
  readonly attachments: number;
  /** What the person should know about the file as a whole (invalid bytes replaced, a page limit reached ...). */
  readonly warnings?: readonly RecordFailure[];
}

/** A file handed to an importer: where it is, its bytes, and metadata. */
export interface SourceFile {
  /** Absolute path (the note's source path, or its prefix for files holding several notes). */
  readonly absPath: string;
  /** Path relative to the import root, with `/` separators. */
  readonly relPath: string;
  readonly bytes: Buffer;
  readonly mtime: Date;
}

/** What an importer may use while it parses one file: cancellation, and progress within the file (a PDF's pages). */
export interface ParseContext {
  readonly signal?: AbortSignal;
  /** `done` of `total` units (pages) read so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Turns one file into notes. Throws ImportFileError for a file that is unusable as a whole. */
export interface Importer {
  readonly format: ImportFormat;
  parse(file: SourceFile, context?: ParseContext): Promise<ParsedFile>;
}

/** A whole file could not be imported (malformed, binary, not valid UTF-8 ...); the message is the reason. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

/** A parse result with only notes. */
export function parsedNotes(notes: readonly ImportedNote[], failures: readonly RecordFailure[] = [], attachments = 0): ParsedFile {
  return { notes, failures, attachments };
}
