import { EngramError } from '../errors';
import { deriveTitle } from './derive-title';

/** Largest note body accepted, in characters (about 20 MB of UTF-8 at most). */
export const MAX_BODY_CHARS = 10_000_000;
const MAX_TITLE_CHARS = 500;

/**
 * Cleans a body for storage: rejects non-strings and oversized text, removes NUL characters (Postgres text cannot
 * hold them), normalises line endings, and replaces lone surrogates (invalid UTF-16/UTF-8) with U+FFFD.
 */
export function cleanBody(body: unknown): string {
  if (typeof body !== 'string') throw new EngramError('INVALID_INPUT', 'A note body must be text.');
  if (body.length > MAX_BODY_CHARS) {
    throw new EngramError('INVALID_INPUT', `The note is ${body.length.toLocaleString('en')} characters long; the limit is ${MAX_BODY_CHARS.toLocaleString('en')}. Split it into several notes.`);
  }
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
