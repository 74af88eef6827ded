// A note's Markdown as the plain text a person reads: what search snippets show (issue 20, point 2).
import { createTextParser } from '../../shared/markdown/markdown-parser';
import type { Token } from '../../shared/markdown/markdown-it-types';
import type { WikilinkMeta } from '../../shared/markdown/wikilink-rule';

const parser = createTextParser();

/** One top-level block's plain text and the source lines it spans, [startLine, endLine). */
export interface PlainBlock {
  readonly startLine: number;
  readonly endLine: number;
  readonly text: string;
}

/** An Obsidian callout's marker at the start of a quote: `[!tip]`, `[!warning]-`. */
const CALLOUT_MARKER = /^\[![\w-]+\][+-]?[ \t]*/;

/** The text of an inline run: marks dropped, links by their text, wikilinks by their label, HTML and comments gone. */
function inlinePlain(children: readonly Token[]): string {
  return readableInline(children).text;
}

/** An inline run as a person reads it (see inlinePlain), with the offset in that text where each token starts. */
export function readableInline(children: readonly Token[]): { text: string; offsets: number[] } {
  let text = '';
  const offsets: number[] = [];
  for (const child of children) {
    offsets.push(text.length);
    switch (child.type) {
      case 'text':
      case 'text_special':
      case 'code_inline':
      case 'math_inline':
        text += child.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += '\n';
        break;
      case 'image':
        text += child.content;
        break;
      case 'wikilink': {
        const meta = child.meta as WikilinkMeta;
        text += meta.label || meta.target || meta.heading;
        break;
      }
      default:
        break; // emphasis and link marks, html_inline, comments, footnote references
    }
  }
  return { text, offsets };
}

/**
 * The top-level blocks of some Markdown as plain text, in order: headings without '#', quotes without '>' (a
 * callout without its `[!kind]`), list items one per line, table rows as cells joined by ' · ' (no separator row),
 * code as its content; HTML blocks, comments and front-matter-like rules give nothing.
 */
export function plainBlocks(markdown: string): PlainBlock[] {
  const tokens = parser.parse(markdown, {});
  const blocks: PlainBlock[] = [];
  let depth = 0;
  let current: { startLine: number; endLine: number; lines: string[]; row: string[] | null; quoteStart: boolean } | null = null;
  for (const token of tokens) {
    if (depth === 0 && token.nesting >= 0 && token.map) current = { startLine: token.map[0], endLine: token.map[1], lines: [], row: null, quoteStart: false };
    if (!current) continue;
    switch (token.type) {
      case 'blockquote_open':
        current.quoteStart = true;
        break;
      case 'inline': {
        let text = inlinePlain(token.children ?? []);
        if (current.quoteStart) text = text.replace(CALLOUT_MARKER, '');
        current.quoteStart = false;
        if (current.row) current.row.push(text.trim());
        else if (text.trim()) current.lines.push(text.trim());
        break;
      }
      case 'fence':
      case 'code_block':
      case 'math_block':
        current.lines.push(token.content.replace(/\n$/, ''));
        break;
      case 'tr_open':
        current.row = [];
        break;
      case 'tr_close':
        if (current.row?.some(Boolean)) current.lines.push(current.row.filter(Boolean).join(' · '));
        current.row = null;
        break;
      default:
        break;
    }
    depth += token.nesting;
    if (depth === 0 && token.nesting <= 0) {
      const text = current.lines.map((line) => line.replace(/[ \t]+/g, ' ').trim()).join('\n');
      if (text) blocks.push({ startLine: current.startLine, endLine: current.endLine, text });
      current = null;
    }
  }
  return blocks;
}
