// Everything the core reads from a note's Markdown, from one parse: #tags, [[wikilinks]], headings and the block
// boundaries chunks are cut at. Nothing inside code (fenced, indented, inline), math, HTML (blocks, inline tags,
// comments), %%comments%%, link text or link targets counts as a tag or link. Links to notes (wikilinks, embeds,
// relative Markdown links) come with the line around them, for backlinks.
import type { Token } from '../../shared/markdown/markdown-it-types';
import { createAnalysisParser } from '../../shared/markdown/markdown-parser';
import { inlineText, tagsInText } from './inline-text';
import type { MarkdownLink } from './markdown-link';

/** A block chunks may start or end at, with its [start, end) offsets in the source (trailing blanks excluded). */
export interface MarkdownBlock {
  readonly kind: 'heading' | 'code' | 'paragraph';
  readonly start: number;
  readonly end: number;
  /** Heading level 1..6 (headings only). */
  readonly level?: number;
  /** The heading's text, without its markers (headings only). */
  readonly text?: string;
}

/** What one parse of a note gives. */
export interface MarkdownAnalysis {
  /** Inline #tags in order of appearance (repeats kept; callers normalise). */
  readonly tags: readonly string[];
  /** Targets of [[wikilinks]] and ![[embeds]], in order of first appearance, without repeats. */
  readonly links: readonly string[];
  /** Every link to a note (wikilinks, embeds, relative Markdown links), in order, repeats kept, with context lines. */
  readonly noteLinks: readonly MarkdownLink[];
  /** Top-level blocks in source order, covering all its text; a top-level list gives one block per item. */
  readonly blocks: readonly MarkdownBlock[];
}

/** Options for {@link analyseMarkdown}. */
export interface AnalysisOptions {
  /** Read tags and links only from lines before this one (text appended after the note's own is not its text). */
  readonly tagLines?: number;
}

const parser = createAnalysisParser();

/** Parses `markdown` once and reads its tags, links and block boundaries from the tokens. */
export function analyseMarkdown(markdown: string, options: AnalysisOptions = {}): MarkdownAnalysis {
  const tokens = parser.parse(markdown, {});
  const tagLines = options.tagLines ?? Infinity;
  const tags: string[] = [];
  const links = new Set<string>();
  const noteLinks: MarkdownLink[] = [];
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.children || (token.map && token.map[0] >= tagLines)) continue;
    const inline = inlineText(token.children);
    tagsInText(inline.text, tags);
    for (const link of inline.wikilinks) if (link.target) links.add(link.target);
    noteLinks.push(...inline.links);
  }
  return { tags, links: [...links], noteLinks, blocks: blocksOf(tokens, markdown) };
}

function blocksOf(tokens: readonly Token[], source: string): MarkdownBlock[] {
  const lines = lineStarts(source);
  const range = (map: [number, number]): { start: number; end: number } => {
    const start = lines[map[0]] ?? source.length;
    let end = map[1] < lines.length ? lines[map[1]]! : source.length;
    while (end > start && isBlank(source.charCodeAt(end - 1))) end--;
    return { start, end };
  };
  const blocks: MarkdownBlock[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.map || token.nesting === -1) continue;
    const top = token.level === 0;
    const listItem = token.level === 1 && token.type === 'list_item_open';
    if (!top && !listItem) continue;
    if (top && (token.type === 'bullet_list_open' || token.type === 'ordered_list_open')) continue; // its items are blocks
    if (token.type === 'heading_open') {
      const text = tokens[i + 1]?.type === 'inline' ? tokens[i + 1]!.content.trim() : '';
      blocks.push({ kind: 'heading', ...range(token.map), level: Number(token.tag.slice(1)), text });
    } else {
      const code = token.type === 'fence' || token.type === 'code_block' || token.type === 'math_block';
      blocks.push({ kind: code ? 'code' : 'paragraph', ...range(token.map) });
    }
  }
  return withGaps(blocks, source);
}

/**
 * The blocks plus a paragraph for any text between them that no block holds (link reference definitions, which
 * the parser keeps as no token), so chunks still cover every visible character.
 */
function withGaps(blocks: MarkdownBlock[], source: string): MarkdownBlock[] {
  const all: MarkdownBlock[] = [];
  let at = 0;
  const gap = (end: number): void => {
    let start = at;
    while (start < end && isBlank(source.charCodeAt(start))) start++;
    let stop = end;
    while (stop > start && isBlank(source.charCodeAt(stop - 1))) stop--;
    if (stop > start) all.push({ kind: 'paragraph', start, end: stop });
  };
  for (const block of blocks) {
    if (block.start > at) gap(block.start);
    all.push(block);
    at = Math.max(at, block.end);
  }
  gap(source.length);
  return all;
}

/** Offsets where each line starts; line breaks as the parser counts them (\n, \r\n, \r). */
function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) starts.push(i + 1);
    else if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}
