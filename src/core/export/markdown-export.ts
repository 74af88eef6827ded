// Every live note as a Markdown file with YAML front matter, so a person can always leave with their notes (and
// `engram import` reads the folder back).
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { MarkdownExportResult, Note } from '../../shared/models';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../db/data-dir-access';
import { EngramError } from '../errors';

/** Options of an export. */
export interface MarkdownExportOptions {
  /** Write into a folder that already has files (never over one of them). Default false: refuse a non-empty folder. */
  readonly intoNonEmpty?: boolean;
}

/** Longest file name stem, in characters (well under every file system's 255-byte limit, even in UTF-8). */
const MAX_STEM = 80;
/** Names Windows reserves for devices, whatever the extension. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A file name stem from a title: characters no file system (or Obsidian link) accepts become spaces, runs of space
 * collapse, leading dots and trailing dots or spaces go, long titles are cut; an empty or reserved result falls back
 * to `note-ID`.
 */
export function fileStem(title: string, id: number): string {
  const cleaned = title
    .normalize('NFC')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/[<>:"/\\|?*#^[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  const stem = Array.from(cleaned).slice(0, MAX_STEM).join('').trim();
  return stem && !WINDOWS_DEVICE.test(stem) ? stem : `note-${id}`;
}

/** The front matter written for a note: what `engram import` reads back (title, tags, created) and the rest. */
function frontMatter(note: Note): Record<string, unknown> {
  return {
    title: note.title,
    ...(note.tags.length ? { tags: [...note.tags] } : {}),
    created: note.createdAt,
    updated: note.updatedAt,
    source: note.source.kind,
    ...(note.source.path ? { source_path: note.source.path } : {}),
    author: note.author,
    engram_id: note.id,
  };
}

/** The whole file for a note. */
export function noteAsMarkdown(note: Note): string {
  const body = note.body.endsWith('\n') ? note.body : `${note.body}\n`;
  // YAML 1.1 quoting ("yes", "2026-01-02...") so readers of either YAML version read the same values back
  return `---\n${stringify(frontMatter(note), { version: '1.1' })}---\n${body}`;
}

/** Checks the target folder: a folder (or nothing yet), and empty unless told otherwise. */
function prepareTarget(dir: string, options: MarkdownExportOptions): void {
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) throw new EngramError('INVALID_INPUT', `${dir} is a file; export into a folder (a new one is created).`);
  if (stat && !options.intoNonEmpty && fs.readdirSync(dir).length > 0) {
    throw new EngramError(
      'INVALID_INPUT',
      `${dir} is not empty. Export into an empty or new folder, or pass --force to add the notes beside what is there (no file is overwritten).`,
    );
  }
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Writes every note from `notes` into `dir` as `TITLE.md` (unique, case-insensitively, within the folder and never
 * over an existing file), files private to this user.
 */
export async function exportMarkdown(notes: AsyncIterable<Note>, dir: string, options: MarkdownExportOptions = {}): Promise<MarkdownExportResult> {
  prepareTarget(dir, options);
  const taken = new Set(fs.readdirSync(dir).map((name) => name.toLowerCase()));
  let written = 0;
  for await (const note of notes) {
    const stem = fileStem(note.title, note.id);
    let name = `${stem}.md`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem} ${n}.md`;
    taken.add(name.toLowerCase());
    await fs.promises.writeFile(path.join(dir, name), noteAsMarkdown(note), { flag: 'wx', mode: PRIVATE_FILE_MODE });
    written += 1;
  }
  return { dir, notes: written };
}
