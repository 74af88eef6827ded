// The "Aliases:" line the Markdown importer appends to a note's body, so keyword search finds a note by its
// front-matter aliases; the link index reads the aliases back from it, so that line is where they are kept.

const ALIASES_LINE = '\n\nAliases: ';

/** The note's text with its front-matter aliases appended as one "Aliases: a, b" line (unchanged without aliases). */
export function withAliasesLine(content: string, aliases: readonly string[]): string {
  return aliases.length ? `${content.trimEnd()}${ALIASES_LINE}${aliases.join(', ')}\n` : content;
}

/** The aliases of a body that ends with the importer's "Aliases:" line, else none. */
export function aliasesFromBody(body: string): string[] {
  const at = body.lastIndexOf(ALIASES_LINE);
  if (at === -1) return [];
  const line = body.slice(at + ALIASES_LINE.length).trimEnd();
  if (line.includes('\n')) return [];
  return line.split(',').map((alias) => alias.trim()).filter(Boolean);
}
