import type { Token } from '../../shared/markdown/markdown-it-types';
import type { WikilinkMeta } from '../../shared/markdown/wikilink-rule';

/** What an inline run says for analysis: its text where tags may be, and the wikilinks in it. */
export interface InlineText {
  /** Plain text of the run: code, math, HTML, comments, links (text and target) and images stand as a space. */
  readonly text: string;
  readonly wikilinks: readonly WikilinkMeta[];
}

/** The text of an inline token's children that may hold #tags, and its wikilinks (outside links and code). */
export function inlineText(children: readonly Token[]): InlineText {
  let text = '';
  const wikilinks: WikilinkMeta[] = [];
  let inLink = 0;
  for (const child of children) {
    switch (child.type) {
      case 'text':
        if (inLink === 0) text += child.content;
        break;
      case 'text_special':
        // an escape (\#) or entity (&#35;) is its character after a backslash, so neither starts a tag
        if (inLink === 0) text += `\\${child.content}`;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += '\n';
        break;
      case 'link_open':
        inLink++;
        text += ' ';
        break;
      case 'link_close':
        inLink--;
        text += ' ';
        break;
      case 'wikilink':
        if (inLink === 0) wikilinks.push(child.meta as WikilinkMeta);
        text += ' ';
        break;
      case 'strong_open':
      case 'strong_close':
      case 'em_open':
      case 'em_close':
      case 's_open':
      case 's_close':
        break; // markup around text: **#tag** is a tag
      default:
        text += ' '; // code_inline, math_inline, html_inline, obsidian_comment, image, entity ...
    }
  }
  return { text, wikilinks };
}

/** Obsidian's tag syntax: '#' after the start or whitespace, then letters, digits, '_', '-' and '/' for nesting. */
const TAG = /(?:^|(?<=\s))#([\p{L}\p{N}_\-/]+)/gu;

/** The #tags in plain text; a purely numeric one (#1) is no tag, and a trailing '/' is dropped, as in Obsidian. */
export function tagsInText(text: string, into: string[]): void {
  if (!text.includes('#')) return;
  for (const match of text.matchAll(TAG)) {
    const tag = match[1]!.replace(/\/+$/, '');
    if (tag && /[^\d/]/.test(tag)) into.push(tag);
  }
}
