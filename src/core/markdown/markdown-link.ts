// One link as the Markdown analysis reads it: a [[wikilink]], an ![[embed]] or a relative Markdown link to a note.
import type { LinkKind } from '../../shared/connection-models';
import type { WikilinkMeta } from '../../shared/markdown/wikilink-rule';

/** A link to another note written in a note, with the plain-text line around it. */
export interface MarkdownLink {
  readonly kind: LinkKind;
  /** The target without its `#heading` / `#^block` part (a Markdown link's path percent-decoded). */
  readonly target: string;
  readonly heading: string | null;
  readonly blockRef: string | null;
  /** The shown text, when it differs from the target. */
  readonly label: string | null;
  /** The line holding the link, as plain text (a window of it when long). */
  readonly context: string;
}

/** A link before its context is known. */
export type LinkWithoutContext = Omit<MarkdownLink, 'context'>;

/** Attachments a wikilink or embed may name (`![[diagram.png]]`): files that are never notes. */
const MEDIA_ENDING = /\.(png|jpe?g|gif|bmp|svg|webp|avif|heic|tiff?|mp3|wav|m4a|ogg|flac|webm|mp4|mov|mkv|ogv)$/i;

/** A wikilink token's meta as a link; null for a link into the same note (`[[#Heading]]`) or to an image or media file. */
export function wikilinkLink(meta: WikilinkMeta): LinkWithoutContext | null {
  if (!meta.target || MEDIA_ENDING.test(meta.target)) return null;
  const block = meta.heading.startsWith('^');
  return {
    kind: meta.embed ? 'embed' : 'wikilink',
    target: meta.target,
    heading: meta.heading && !block ? meta.heading : null,
    blockRef: block ? meta.heading.slice(1) || null : null,
    label: meta.label || null,
  };
}

/** A URL scheme (`http:`, `mailto:`, `obsidian:`, a Windows drive `C:` too): not a relative note link. */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** File endings that are notes; a path without an ending is taken as a note name, as Obsidian does. */
const NOTE_ENDING = /\.(md|markdown)$/i;
const ANY_ENDING = /\.[^./]+$/;

/**
 * A Markdown link's destination as a link to a note, or null: only relative paths (no scheme, not `//host`, not an
 * `#anchor` alone) to `.md` files or to names without an ending count; images, PDFs and URLs do not.
 */
export function markdownLinkTarget(href: string): Pick<LinkWithoutContext, 'target' | 'heading' | 'blockRef'> | null {
  const trimmed = href.trim();
  if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith('//') || SCHEME.test(trimmed)) return null;
  const hash = trimmed.indexOf('#');
  const target = decode(hash === -1 ? trimmed : trimmed.slice(0, hash));
  const fragment = hash === -1 ? '' : decode(trimmed.slice(hash + 1));
  const name = target.split('/').pop() ?? '';
  if (!name || (ANY_ENDING.test(name) && !NOTE_ENDING.test(name))) return null;
  const block = fragment.startsWith('^');
  return { target, heading: fragment && !block ? fragment : null, blockRef: block ? fragment.slice(1) || null : null };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray '%' is kept as written
  }
}

/** Longest context kept, in characters: a window around the link on a long line. */
const CONTEXT_CHARS = 240;
/** How much of a long line is kept before the link: little, so the link shows in the two lines a backlink gets. */
const CONTEXT_BEFORE = 80;

/**
 * The line of `plain` holding offset `at`, whitespace collapsed; a long line, or one whose link comes late, is cut to a
 * window from a little before `at`.
 */
export function contextLine(plain: string, at: number): string {
  const start = plain.lastIndexOf('\n', at - 1) + 1;
  const newline = plain.indexOf('\n', at);
  const line = plain.slice(start, newline === -1 ? plain.length : newline);
  const from = Math.max(0, at - start - CONTEXT_BEFORE);
  const to = Math.min(line.length, from + CONTEXT_CHARS);
  return `${from > 0 ? '…' : ''}${line.slice(from, to)}${to < line.length ? '…' : ''}`.replace(/\s+/g, ' ').trim();
}
