// Math as Obsidian writes it: $inline$ (no space just inside the dollars) and $$display$$ blocks. Their text is
// TeX, never tags or links; the display shows it as code.
import type { MarkdownIt, StateBlock, StateInline } from './markdown-it-types';
import { findCloser } from './closer-search';

/** Adds 'math_inline' and 'math_block' tokens. */
export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.after('escape', 'math_inline', mathInline);
  md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09;
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  if (src.charCodeAt(pos) !== 0x24) return false;
  const display = src.charCodeAt(pos + 1) === 0x24;
  const marker = display ? '$$' : '$';
  const open = pos + marker.length;
  const first = src.charCodeAt(open);
  if (Number.isNaN(first) || (!display && isSpace(first))) return false;
  const close = findCloser(src, marker, open);
  if (close === -1 || close === open || close + marker.length > posMax) return false;
  const before = src.charCodeAt(close - 1);
  if (!display && (isSpace(before) || before === 0x5c)) return false;
  if (!silent) {
    const token = state.push('math_inline', 'code', 0);
    token.markup = marker;
    token.content = src.slice(open, close);
  }
  state.pos = close + marker.length;
  return true;
}

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const lineEnd = state.eMarks[startLine]!;
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  if (state.src.slice(start, start + 2) !== '$$') return false;
  if (silent) return true;
  let closed = state.src.slice(start + 2, lineEnd).trimEnd().endsWith('$$');
  let next = startLine + 1;
  while (!closed && next < endLine) {
    const text = state.src.slice(state.bMarks[next]! + state.tShift[next]!, state.eMarks[next]!);
    if (state.sCount[next]! < state.blkIndent && text) break; // the container (quote, list item) ended
    closed = text.trimEnd().endsWith('$$');
    next++;
  }
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.markup = '$$';
  token.map = [startLine, next];
  token.content = state.getLines(startLine, next, state.blkIndent, false).trim().replace(/^\$\$|\$\$$/g, '').trim();
  state.line = next;
  return true;
}
