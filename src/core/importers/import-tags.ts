import { normaliseTag } from '../notes/tags';

const MAX_TAGS = 64;

/**
 * Turns tags from a file (front matter, #tags, ENEX) into valid Engram tags: spaces and commas become '-', tags that
 * stay invalid are dropped rather than failing the note, duplicates go, and at most 64 are kept.
 */
export function importTags(raw: Iterable<unknown>): string[] {
  const tags = new Set<string>();
  for (const value of raw) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const text = String(value).trim().replace(/[\s,"'`\p{Cc}]+/gu, '-').replace(/^-+|-+$/g, '');
    if (!text) continue;
    try {
      tags.add(normaliseTag(text));
    } catch {
      // a tag Engram cannot hold (too long, nothing left) is dropped; the note still imports
    }
  }
  return [...tags].sort().slice(0, MAX_TAGS);
}

/** Front-matter style tag values: a list, or one string of tags separated by commas or spaces. */
export function tagList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
  if (typeof value === 'string') return value.split(/[,\s]+/);
  return [];
}
