// The one Markdown parser of the app (markdown-it: CommonMark + GFM tables and strikethrough), with Obsidian's
// wikilinks, %%comments%%, $math$ and footnotes. The core reads tags, links, headings and chunk boundaries from its tokens; the
// window renders the same tokens. Chosen over micromark/mdast by measured speed: see docs/ARCHITECTURE.md.
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as Parser } from './markdown-it-types';
import footnote from 'markdown-it-footnote';
import { commentPlugin } from './comment-rule';
import { mathPlugin } from './math-rule';
import { wikilinkPlugin } from './wikilink-rule';

/**
 * The parser for reading a note's structure: HTML is recognised (so HTML blocks, inline tags and comments are not
 * read as text), no linkify (URLs stay in text, where a '#' after no space is no tag anyway). Inline runs are
 * parsed only where they may hold a tag or wikilink; headings keep their text in `content`.
 */
export function createAnalysisParser(): Parser {
  const md = withObsidianSyntax(new MarkdownIt('default', { html: true, linkify: false }));
  md.core.ruler.disable('text_join'); // keeps escapes (\#) apart from text, so an escaped '#' is no tag
  // Inline parsing is over half the time; a run with no '#' and no '[[' holds no tag and no wikilink, so only the
  // others are parsed (the same result, measured 25% faster on the import benchmark's vault). '[^' too: a
  // footnote's definition is kept only when a reference to it was parsed; '](' for Markdown links to notes.
  md.core.ruler.at('inline', (state) => {
    for (const token of state.tokens) {
      if (token.type === 'inline' && token.children && (token.content.includes('#') || token.content.includes('[[') || token.content.includes('[^') || token.content.includes(']('))) {
        state.md.inline.parse(token.content, state.md, state.env, token.children);
      }
    }
  });
  return md;
}

/**
 * The parser for display: the same syntax, with bare http(s) URLs as links; raw HTML is not
 * recognised, so it stays text. Every link destination is kept here and judged when rendered.
 */
export function createDisplayParser(): Parser {
  const md = withObsidianSyntax(new MarkdownIt('default', { html: false, linkify: true }));
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
  md.validateLink = () => true;
  return md;
}

/**
 * The parser for plain text (search snippets): every inline run parsed, HTML recognised so it can be dropped, no
 * linkify (a URL stays the text it is).
 */
export function createTextParser(): Parser {
  return withObsidianSyntax(new MarkdownIt('default', { html: true, linkify: false }));
}

function withObsidianSyntax(md: Parser): Parser {
  md.use(wikilinkPlugin).use(commentPlugin).use(mathPlugin).use(footnote);
  return md;
}
