// Obsidian's %%comments%%: hidden in reading view, so neither shown nor read for tags or links. Inline ones (within
// a paragraph, across its lines) become 'obsidian_comment' inline tokens; a block starting with '%%' whose comment
// is not closed on that line is a block comment up to the line holding the closing '%%' (or the end of the text).
import type { MarkdownIt, StateBlock, StateInline } from './markdown-it-types';
import { findCloser } from './closer-search';

/** Adds the inline and block %%comment%% rules. */
export function commentPlugin(md: MarkdownIt): void {
  md.inline.ruler.before('emphasis', 'obsidian_comment', commentInline);
  md.block.ruler.before('paragraph', 'obsidian_comment', commentBlock);
}

function commentInline(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  if (src.charCodeAt(pos) !== 0x25 || src.charCodeAt(pos + 1) !== 0x25) return false;
  const close = findCloser(src, '%%', pos + 2);
  if (close === -1 || close + 2 > posMax) return false;
  if (!silent) state.push('obsidian_comment', '', 0).content = src.slice(pos + 2, close);
  state.pos = close + 2;
  return true;
}

function commentBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const lineEnd = state.eMarks[startLine]!;
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  if (state.src.charCodeAt(start) !== 0x25 || state.src.charCodeAt(start + 1) !== 0x25) return false;
  const sameLine = state.src.indexOf('%%', start + 2);
  if (sameLine !== -1 && sameLine < lineEnd) return false; // closed on its own line: the inline rule's
  if (silent) return true;
  let line = startLine + 1;
  while (line < endLine) {
    const from = state.bMarks[line]! + state.tShift[line]!;
    const close = state.src.indexOf('%%', from);
    line++;
    if (close !== -1 && close < state.eMarks[line - 1]!) break;
  }
  const token = state.push('obsidian_comment_block', '', 0);
  token.map = [startLine, line];
  token.content = state.getLines(startLine, line, 0, true);
  state.line = line;
  return true;
}
