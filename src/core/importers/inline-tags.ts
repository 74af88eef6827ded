import { analyseMarkdown } from '../markdown/markdown-analysis';

/**
 * Inline #tags, including nested ones (#area/sub), as Obsidian reads them: not in code, math, HTML, comments or
 * links, not a heading's '#', not a purely numeric one (#1). Callers that also chunk the text should call
 * analyseMarkdown once instead.
 */
export function inlineTags(markdown: string): string[] {
  return [...analyseMarkdown(markdown).tags];
}

/** Targets of [[wikilinks]] and ![[embeds]] outside code, in order of first appearance. */
export function wikilinks(markdown: string): string[] {
  return [...analyseMarkdown(markdown).links];
}
