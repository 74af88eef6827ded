import type { Token } from '../../shared/markdown/markdown-it-types';
import type { WikilinkMeta } from '../../shared/markdown/wikilink-rule';
import { contextLine, markdownLinkTarget, wikilinkLink, type LinkWithoutContext, type MarkdownLink } from './markdown-link';

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
  // what a person reads (link text, labels, code), for the context line of each link
  let plain = '';
  const wikilinks: WikilinkMeta[] = [];
  const found: { link: LinkWithoutContext; at: number }[] = [];
  let inLink = 0;
  let markdownLink: { target: ReturnType<typeof markdownLinkTarget>; at: number; label: string } | null = null;
  for (const child of children) {
    switch (child.type) {
      case 'text':
        if (inLink === 0) text += child.content;
        else if (markdownLink) markdownLink.label += child.content;
        plain += child.content;
        break;
      case 'text_special':
        // an escape (\#) or entity (&#35;) is its character after a backslash, so neither starts a tag
        if (inLink === 0) text += `\\${child.content}`;
        else if (markdownLink) markdownLink.label += child.content;
        plain += child.content;
        break;
      case 'code_inline':
      case 'math_inline':
        if (markdownLink) markdownLink.label += child.content;
        plain += child.content;
        text += ' ';
        break;
      case 'softbreak':
      case 'hardbreak':
        text += '\n';
        plain += '\n';
        break;
      case 'link_open':
        if (inLink === 0) markdownLink = { target: markdownLinkTarget(child.attrGet('href') ?? ''), at: plain.length, label: '' };
        inLink++;
        text += ' ';
        break;
      case 'link_close':
        inLink--;
        if (inLink === 0 && markdownLink) {
          const { target, at, label } = markdownLink;
          if (target) found.push({ link: { kind: 'markdown', ...target, label: label.trim() && label.trim() !== target.target ? label.trim() : null }, at });
          markdownLink = null;
        }
        text += ' ';
        break;
      case 'wikilink': {
        const meta = child.meta as WikilinkMeta;
        const link = inLink === 0 ? wikilinkLink(meta) : null;
        if (inLink === 0) wikilinks.push(meta);
        if (link) found.push({ link, at: plain.length });
        plain += meta.label || meta.target || meta.heading;
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
        text += ' '; // html_inline, obsidian_comment, image, entity ...
    }
  }
  const links = found.map(({ link, at }) => ({ ...link, context: contextLine(plain, at) }));
  return { text, wikilinks, links };
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
