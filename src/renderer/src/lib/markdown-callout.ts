import type { MarkdownIt, Token } from '../../../shared/markdown/markdown-it-types';
import type { TokenNode } from './markdown-tree';

/** Callout kinds with a style of their own; others show as 'note'. */
export const CALLOUT = new Set(['note', 'info', 'tip', 'success', 'question', 'warning', 'failure', 'danger', 'bug', 'example', 'quote', 'abstract', 'todo']);

/** An Obsidian callout read from a quote: its kind, its title's inline tokens and the blocks below the title. */
export interface Callout {
  readonly kind: string;
  readonly title: readonly Token[];
  readonly body: readonly TokenNode[];
}

const MARKER = /^\[!([\w-]+)\][+-]?[ \t]*([^\n]*)(?:\n([\s\S]*))?$/;

/** The callout a quote is (`> [!tip] Title` on its first line), or null for a plain quote. */
export function calloutOf(quote: TokenNode, parser: MarkdownIt): Callout | null {
  const [first, ...rest] = quote.children;
  const inline = first?.token.type === 'paragraph_open' ? first.children[0]?.token : undefined;
  const match = inline?.type === 'inline' ? MARKER.exec(inline.content) : null;
  if (!first || !match) return null;
  const title = match[2]!.trim() ? (parser.parseInline(match[2]!.trim(), {})[0]?.children ?? []) : [];
  const body: TokenNode[] = [];
  if (match[3]?.trim()) {
    const lines = parser.parseInline(match[3], {})[0];
    if (lines) body.push({ token: first.token, children: [{ token: lines, children: [] }] });
  }
  body.push(...rest);
  return { kind: match[1]!.toLowerCase(), title, body };
}
