import path from 'node:path';
import { deriveTitle } from '../notes/derive-title';
import { dailyNoteDate } from './daily-note-date';
import { decodeText } from './decode-text';
import { readFrontMatter } from './front-matter';
import { importTags } from './import-tags';
import type { ImportedNote, ImportFormat, SourceFile } from './import-types';
import { inlineTags, wikilinks } from './inline-tags';

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
  const title = front.title ?? (titleRule === 'heading-then-file-name' ? (headingTitle(content) ?? fileName) : fileName);
  const body = front.aliases.length ? `${content.trimEnd()}\n\nAliases: ${front.aliases.join(', ')}\n` : content;
  return {
    title,
    body,
    tags: importTags([...front.tags, ...inlineTags(content)]),
    // front matter's date first, then a daily note's name (2026-11-30.md), then the file's time
    createdAt: front.createdAt ?? dailyNoteDate(fileName) ?? file.mtime.toISOString(),
    source: { kind, path: file.absPath },
    links: wikilinks(content),
    warnings: [...decoding, ...front.warnings],
  };
}

/** The first heading, when the text starts with one (after blank lines). */
function headingTitle(content: string): string | null {
  const first = content.split('\n').find((line) => line.trim() !== '');
  return first && /^\s{0,3}#{1,6}\s+\S/.test(first) ? deriveTitle(first) : null;
}
