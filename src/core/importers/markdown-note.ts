import path from 'node:path';
import { analyseMarkdown } from '../markdown/markdown-analysis';
import { withAliasesLine } from './aliases-line';
import { deriveTitle } from '../notes/derive-title';
import { dailyNoteDate } from './daily-note-date';
import { decodeText } from './decode-text';
import { readFrontMatter } from './front-matter';
import { importTags } from './import-tags';
import type { ImportedNote, ImportFormat, SourceFile } from './import-types';

/** How a markdown file's title is chosen when front matter has none. */
export type TitleRule = 'file-name' | 'heading-then-file-name';

/**
 * One markdown file as a note: front-matter title, tags, aliases and date; inline #tags; [[wikilinks]] and
 * ![[embeds]] left in the body as written (and listed). Aliases are appended as an "Aliases:" line so keyword
 * search finds the note by them.
 */
export function markdownNote(file: SourceFile, kind: ImportFormat, titleRule: TitleRule): ImportedNote {
  const { text, warnings: decoding } = decodeText(file.bytes);
  const front = readFrontMatter(text);
  const content = front.content.replace(/^\s*\n/, '');
  const fileName = path.basename(file.absPath).replace(/\.(md|markdown)$/i, '');
  const body = withAliasesLine(content, front.aliases);
  // One parse of the body gives tags, links and the blocks chunking needs; the aliases line is not the note's text.
  const markdown = analyseMarkdown(body, { tagLines: front.aliases.length ? lineCount(content.trimEnd()) : undefined });
  const first = markdown.blocks[0];
  const heading = first?.kind === 'heading' && first.text ? deriveTitle(first.text) : null;
  const title = front.title ?? (titleRule === 'heading-then-file-name' ? (heading ?? fileName) : fileName);
  return {
    title,
    body,
    tags: importTags([...front.tags, ...markdown.tags]),
    // front matter's date first, then a daily note's name (2026-11-30.md), then the file's time
    createdAt: front.createdAt ?? dailyNoteDate(fileName) ?? file.mtime.toISOString(),
    source: { kind, path: file.absPath },
    links: [...markdown.links],
    noteLinks: markdown.noteLinks,
    blocks: markdown.blocks,
    warnings: [...decoding, ...front.warnings],
  };
}

/** Lines in a text, as the parser counts them. */
function lineCount(text: string): number {
  return (text.match(/\r\n?|\n/g)?.length ?? 0) + 1;
}
