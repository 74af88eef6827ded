import { EngramError } from '../errors';
import { formatBytes } from '../files/format-bytes';
import { deriveTitle } from './derive-title';

/**
 * The largest note Engram stores: 10 MB of text (as UTF-8). One limit for every way a note comes in: the app, agents
 * (MCP), IPC, `engram add` (argument, --file, stdin) and imports. A longer text is refused with this limit named.
 */
export const MAX_NOTE_BYTES = 10 * 1024 * 1024;
const MAX_TITLE_CHARS = 500;

/** Refuses a text longer than a note may be (MAX_NOTE_BYTES of UTF-8), naming the limit; `what` names the text. */
export function requireNoteSize(text: string, what = 'The note'): void {
  // a UTF-16 code unit is at least one UTF-8 byte: a short string needs no byte count
  if (text.length <= MAX_NOTE_BYTES / 3) return;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_NOTE_BYTES) {
    throw new EngramError('INVALID_INPUT', `${what} is ${formatBytes(bytes)}; a note can hold at most ${formatBytes(MAX_NOTE_BYTES)} of text. Split it into several notes.`);
  }
}

/**
 * Cleans a body for storage: rejects non-strings and text over the note size limit, removes NUL characters (Postgres
 * text cannot hold them), normalises line endings, and replaces lone surrogates (invalid UTF-16/UTF-8) with U+FFFD.
 */
export function cleanBody(body: unknown): string {
  if (typeof body !== 'string') throw new EngramError('INVALID_INPUT', 'A note body must be text.');
  requireNoteSize(body);
  return body.toWellFormed().replaceAll('\u0000', '').replace(/\r\n?/g, '\n');
}

/** A body must contain visible text. */
export function requireText(body: string): void {
  if (body.trim().length === 0) throw new EngramError('INVALID_INPUT', 'The note is empty. Write something (or pass --file / stdin) and try again.');
}

/** The stored title: the one given (cleaned), else derived from the body, else "Untitled". */
export function resolveTitle(title: string | undefined, body: string): string {
  if (title !== undefined) {
    if (typeof title !== 'string') throw new EngramError('INVALID_INPUT', 'A note title must be text.');
    const cleaned = title.toWellFormed().replace(/\p{Cc}+/gu, ' ').trim();
    if (cleaned) return cleaned.slice(0, MAX_TITLE_CHARS);
  }
  return deriveTitle(body) ?? 'Untitled';
}

/** Validates a note id from any caller (IPC, CLI, agents). */
export function requireNoteId(id: unknown): number {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    throw new EngramError('INVALID_INPUT', `"${String(id)}" is not a note id; ids are positive whole numbers.`);
  }
  return id;
}

/** A date from any caller as ISO-8601 UTC; refuses what is not a date, and years the database cannot store. */
export function requireDate(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new EngramError('INVALID_INPUT', `"${value}" is not a date; use ISO-8601, e.g. 2024-05-01T09:30:00Z.`);
  // the database stores years 1 to 9999 written this way ("+010000-…" and "-000001-…" are refused there)
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) throw new EngramError('INVALID_INPUT', `"${value}" is outside the years 1 to 9999.`);
  return date.toISOString();
}
