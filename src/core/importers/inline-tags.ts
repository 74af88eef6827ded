/** Fenced code blocks (``` or ~~~) and inline code spans, where '#' is not a tag. */
const CODE = /^(?:```|~~~)[^\n]*\n[\s\S]*?(?:^(?:```|~~~)[ \t]*$|(?![\s\S]))|`[^`\n]*`/gm;
/** Obsidian's tag syntax: '#' after the start or whitespace, then letters, digits, '_', '-' and '/' for nesting. */
const TAG = /(?:^|(?<=\s))#([\p{L}\p{N}_\-/]+)/gu;
/** [[target]], [[target|label]], [[target#heading]] and ![[embed]]. */
const WIKILINK = /!?\[\[([^\]|#\n]+)(?:#[^\]|\n]*)?(?:\|[^\]\n]*)?\]\]/g;

/** Removes code (fenced blocks and inline spans) so '#' and '[[' inside it are not read as tags or links. */
export function withoutCode(markdown: string): string {
  return markdown.replace(CODE, ' ');
}

/**
 * Inline #tags, including nested ones (#area/sub), outside code. A heading's '#' is not a tag (it is followed by a
 * space), nor is a purely numeric one (#1), as in Obsidian.
 */
export function inlineTags(markdown: string): string[] {
  const tags: string[] = [];
  for (const match of withoutCode(markdown).matchAll(TAG)) {
    const tag = match[1]!.replace(/\/+$/, '');
    if (tag && /[^\d/]/.test(tag)) tags.push(tag);
  }
  return tags;
}

/** Targets of [[wikilinks]] and ![[embeds]] outside code, in order of first appearance. */
export function wikilinks(markdown: string): string[] {
  const links = new Set<string>();
  for (const match of withoutCode(markdown).matchAll(WIKILINK)) links.add(match[1]!.trim());
  return [...links];
}
