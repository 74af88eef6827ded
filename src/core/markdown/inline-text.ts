import type { Token } from '../../shared/markdown/markdown-it-types';
import type { WikilinkMeta } from '../../shared/markdown/wikilink-rule';
import { contextLine, markdownLinkTarget, wikilinkLink, type LinkWithoutContext, type MarkdownLink } from './markdown-link';
import { readableInline } from './plain-text';

/** What an inline run says for analysis: its text where tags may be, its wikilinks, and its links to notes. */
export interface InlineText {
  /** Plain text of the run: code, math, HTML, comments, links (text and target) and images stand as a space. */
  readonly text: string;
  readonly wikilinks: readonly WikilinkMeta[];
  /** Wikilinks, embeds and relative Markdown links to notes, in order, each with the line around it. */
  readonly links: readonly MarkdownLink[];
}

/** The text of an inline token's children that may hold #tags, its wikilinks and note links (outside links and code). */
export function inlineText(children: readonly Token[]): InlineText {
  let text = '';
  const wikilinks: WikilinkMeta[] = [];
  // links found, by the index of the token where each starts; their context is read only when there are some
  const found: { link: LinkWithoutContext; at: number }[] = [];
  let inLink = 0;
  let markdownLink: { target: ReturnType<typeof markdownLinkTarget>; at: number; label: string } | null = null;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    switch (child.type) {
      case 'text':
        if (inLink === 0) text += child.content;
        else if (markdownLink) markdownLink.label += child.content;
        break;
      case 'text_special':
        // an escape (\#) or entity (&#35;) is its character after a backslash, so neither starts a tag
        if (inLink === 0) text += `\\${child.content}`;
        else if (markdownLink) markdownLink.label += child.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += '\n';
        break;
      case 'link_open':
        if (inLink === 0) markdownLink = { target: markdownLinkTarget(child.attrGet('href') ?? ''), at: i, label: '' };
        inLink++;
        text += ' ';
        break;
      case 'link_close':
        inLink--;
        if (inLink === 0 && markdownLink) {
          const { target, at, label } = markdownLink;
          const shown = label.trim();
          if (target) found.push({ link: { kind: 'markdown', ...target, label: shown && shown !== target.target ? shown : null }, at });
          markdownLink = null;
        }
        text += ' ';
        break;
      case 'wikilink': {
        const meta = child.meta as WikilinkMeta;
        if (inLink === 0) {
          wikilinks.push(meta);
          const link = wikilinkLink(meta);
          if (link) found.push({ link, at: i });
        }
        text += ' ';
        break;
      }
      case 'strong_open':
      case 'strong_close':
      case 'em_open':
      case 'em_close':
      case 's_open':
      case 's_close':
        break; // markup around text: **#tag** is a tag
      default:
        if (markdownLink && (child.type === 'code_inline' || child.type === 'math_inline')) markdownLink.label += child.content;
        text += ' '; // code_inline, math_inline, html_inline, obsidian_comment, image, entity ...
    }
  }
  if (found.length === 0) return { text, wikilinks, links: [] };
  const readable = readableInline(children);
  return { text, wikilinks, links: found.map(({ link, at }) => ({ ...link, context: contextLine(readable.text, readable.offsets[at]!) })) };
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
