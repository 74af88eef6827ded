import { EngramError } from '../errors';

const MAX_TAG_LENGTH = 100;
const MAX_TAGS = 64;

/**
 * Normalises one hierarchical tag: strips a leading '#', lower-cases, trims each `/` segment and drops empty
 * segments (`#Work//Project-X/` becomes `work/project-x`). Rejects whitespace inside a segment, control characters,
 * commas and quotes with a message that says what to type instead.
 */
export function normaliseTag(raw: string): string {
  const trimmed = raw.trim().replace(/^#+/, '');
  const segments = trimmed
    .split('/')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s.length > 0);
  const tag = segments.join('/');
  if (!tag) throw new EngramError('INVALID_INPUT', `The tag "${raw}" is empty. Tags look like "work" or "work/project-x".`);
  if (/[\s,"'`\p{Cc}]/u.test(tag)) {
    throw new EngramError(
      'INVALID_INPUT',
      `The tag "${raw}" contains spaces, commas, quotes or control characters. Use "-" between words, e.g. "${tag.replace(/[\s,"'`\p{Cc}]+/gu, '-')}".`,
    );
  }
  if (tag.length > MAX_TAG_LENGTH) throw new EngramError('INVALID_INPUT', `The tag "${tag.slice(0, 30)}…" is longer than ${MAX_TAG_LENGTH} characters.`);
  return tag;
}

/** Normalises, de-duplicates and sorts a tag list. */
export function normaliseTags(raw: readonly string[] | undefined): string[] {
  const tags = [...new Set((raw ?? []).map(normaliseTag))].sort();
  if (tags.length > MAX_TAGS) throw new EngramError('INVALID_INPUT', `A note can have at most ${MAX_TAGS} tags (got ${tags.length}).`);
  return tags;
}
