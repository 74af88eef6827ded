// Obsidian's [[wikilinks]]: [[Note]], [[Note|label]], [[Note#Heading]], [[#Heading]] and ![[embeds]], as inline
// tokens of type 'wikilink' (never a markdown link, so the parser's link rules don't see the brackets).
import type { MarkdownIt, StateInline } from './markdown-it-types';

/** What a wikilink token carries in `meta`. */
export type WikilinkMeta = {
  /** The linked note (or file) name, '' for a heading in the same note. */
  readonly target: string;
  /** The heading or block after '#', when given. */
  readonly heading: string;
  /** The text after '|', else ''. */
  readonly label: string;
  /** True for ![[embed]]. */
  readonly embed: boolean;
};

const BANG = 0x21;
const OPEN = 0x5b;

/** Adds the 'wikilink' inline rule (before links and images). */
export function wikilinkPlugin(md: MarkdownIt): void {
  md.inline.ruler.before('link', 'wikilink', wikilinkRule);
}

function wikilinkRule(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  const embed = src.charCodeAt(pos) === BANG;
  const open = embed ? pos + 1 : pos;
  if (src.charCodeAt(open) !== OPEN || src.charCodeAt(open + 1) !== OPEN) return false;
  // The inside ends at the first ']' and may not hold '[' or a line break: each scan stops at the next bracket,
  // so the rule stays linear on text full of unclosed '[['.
  let end = open + 2;
  while (end < posMax) {
    const c = src.charCodeAt(end);
    if (c === 0x5d || c === OPEN || c === 0x0a) break;
    end++;
  }
  if (src.charCodeAt(end) !== 0x5d || src.charCodeAt(end + 1) !== 0x5d || end + 2 > posMax) return false;
  const inner = src.slice(open + 2, end);
  if (!inner.trim()) return false;
  if (!silent) {
    const token = state.push('wikilink', '', 0);
    token.markup = embed ? '![[' : '[[';
    token.content = inner;
    token.meta = parseWikilink(inner, embed);
  }
  state.pos = end + 2;
  return true;
}

/** Splits the inside of [[...]] into target, heading and label. */
export function parseWikilink(inner: string, embed: boolean): WikilinkMeta {
  const bar = inner.indexOf('|');
  const ref = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? '' : inner.slice(bar + 1).trim();
  const hash = ref.indexOf('#');
  return {
    target: (hash === -1 ? ref : ref.slice(0, hash)).trim(),
    heading: hash === -1 ? '' : ref.slice(hash + 1).trim(),
    label,
    embed,
  };
}
