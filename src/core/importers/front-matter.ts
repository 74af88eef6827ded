import { isNode, parseDocument, visit } from 'yaml';
import { parseDate } from './parse-date';
import { tagList } from './import-tags';

/** What Engram uses from a markdown file's front matter. */
export interface FrontMatter {
  readonly title?: string;
  readonly tags: readonly unknown[];
  readonly aliases: readonly string[];
  readonly createdAt?: string;
  /** The text after the front matter (the whole text when the block was not read). */
  readonly content: string;
  /** Why a block at the top of the file was not read as front matter (it stays in the text). */
  readonly warnings: readonly string[];
}

const DATE_KEYS = ['created', 'date', 'created_at', 'createdAt', 'creation_date', 'creation date', 'date created'];

/** `---` alone on the first line opens YAML front matter (Obsidian's rule). */
const YAML_OPEN = /^---[ \t]*\r?\n/;
/** `---js`, `---coffee`, `---yaml` ...: another tool's front-matter "engine" (gray-matter runs some as code). */
const ENGINE_OPEN = /^---[ \t]*([A-Za-z][\w-]*)[ \t]*\r?\n/;
/** The line that closes the block: `---` (or YAML's document end `...`). */
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/m;
/** Tags a plain YAML document may carry: the core schema's own. Anything else (`!!js/function`, `!custom`) is refused. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));
/** Aliases a block may expand (a "billion laughs" block cannot blow up memory). */
const MAX_ALIASES = 50;

/** The front-matter block at the top of a text: what opened it, its source, and the text after it. */
interface Block {
  readonly engine: string | null;
  readonly source: string;
  readonly content: string;
}

const NONE = { tags: [], aliases: [] } as const;

/**
 * Splits YAML front matter from a note and reads title, tags, aliases and the creation date. Front matter is data,
 * never code: only YAML with the core schema is read (no other engines such as `---js`, no custom or language tags
 * such as `!!js/function`, bounded alias expansion). A block Engram will not read stays in the text, with a
 * warning saying why, so nothing the person wrote is lost.
 */
export function readFrontMatter(text: string): FrontMatter {
  const block = splitBlock(text);
  if (!block) return { ...NONE, content: text, warnings: [] };
  if (block.engine !== null) {
    return { ...NONE, content: text, warnings: [`its front matter is marked "---${block.engine}", which Engram does not read (only YAML); the block was kept as text`] };
  }
  const parsed = parseYaml(block.source);
  if ('problem' in parsed) return { ...NONE, content: text, warnings: [`its front matter was not read (${parsed.problem}); the block was kept as text`] };
  const data = parsed.data;
  const title = typeof data.title === 'string' && data.title.trim() ? data.title.trim() : undefined;
  const aliases = [...tagList(data.aliases), ...tagList(data.alias)].filter((a): a is string => typeof a === 'string' && a.trim() !== '').map((a) => a.trim());
  const createdAt = DATE_KEYS.map((k) => parseDate(data[k])).find((d) => d !== undefined);
  return { title, tags: [...tagList(data.tags), ...tagList(data.tag)], aliases, createdAt, content: block.content, warnings: [] };
}

/** The block at the very top of the text, or null when the text does not start with one. */
function splitBlock(text: string): Block | null {
  const open = YAML_OPEN.exec(text) ?? ENGINE_OPEN.exec(text);
  if (!open) return null;
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) return null;
  const after = rest.slice(close.index + close[0].length).replace(/^\r?\n/, '');
  return { engine: open[1] ?? null, source: rest.slice(0, close.index), content: after };
}

/** Parses a block as plain YAML data (core schema, no custom tags); the reason when it cannot be read that way. */
function parseYaml(source: string): { data: Record<string, unknown> } | { problem: string } {
  const doc = parseDocument(source, { schema: 'core', customTags: [], prettyErrors: false, uniqueKeys: false });
  const error = doc.errors[0];
  if (error) return { problem: `it is not valid YAML: ${firstLine(error.message)}` };
  let foreignTag: string | null = null;
  visit(doc, (_key, node) => {
    if (isNode(node) && node.tag && !CORE_TAGS.has(node.tag)) {
      foreignTag = node.tag;
      return visit.BREAK;
    }
    return undefined;
  });
  if (foreignTag !== null || doc.warnings.some((w) => w.code === 'TAG_RESOLVE_FAILED')) {
    return { problem: `it uses the YAML tag ${shortTag(foreignTag ?? 'unknown')}, which Engram does not read` };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (cause) {
    return { problem: `it is not plain YAML data: ${firstLine(cause instanceof Error ? cause.message : String(cause))}` };
  }
  if (value === null || value === undefined) return { data: {} };
  if (typeof value !== 'object' || Array.isArray(value)) return { problem: 'it is not a list of keys and values' };
  return { data: value as Record<string, unknown> };
}

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
