import matter from 'gray-matter';
import { parseDate } from './parse-date';
import { tagList } from './import-tags';

/** What Engram uses from a markdown file's front matter. */
export interface FrontMatter {
  readonly title?: string;
  readonly tags: readonly unknown[];
  readonly aliases: readonly string[];
  readonly createdAt?: string;
  /** The text after the front matter. */
  readonly content: string;
}

const DATE_KEYS = ['created', 'date', 'created_at', 'createdAt', 'creation_date', 'creation date', 'date created'];

/**
 * Splits YAML front matter (gray-matter) from the text and reads title, tags, aliases and the creation date.
 * Front matter that is not valid YAML is left in the text, so nothing the user wrote is lost.
 */
export function readFrontMatter(text: string): FrontMatter {
  let parsed: { data: Record<string, unknown>; content: string };
  try {
    // an options object turns off gray-matter's global cache, which would otherwise keep every file in memory
    parsed = matter(text, {}) as unknown as { data: Record<string, unknown>; content: string };
  } catch {
    return { tags: [], aliases: [], content: text };
  }
  const data = parsed.data ?? {};
  const title = typeof data.title === 'string' && data.title.trim() ? data.title.trim() : undefined;
  const aliases = [...tagList(data.aliases), ...tagList(data.alias)].filter((a): a is string => typeof a === 'string' && a.trim() !== '').map((a) => a.trim());
  const createdAt = DATE_KEYS.map((k) => parseDate(data[k])).find((d) => d !== undefined);
  return { title, tags: [...tagList(data.tags), ...tagList(data.tag)], aliases, createdAt, content: parsed.content };
}
