import fs from 'node:fs/promises';
import path from 'node:path';
import { chatgptImporter } from './chatgpt-importer';
import { enexImporter } from './enex-importer';
import { htmlImporter } from './html-importer';
import { readRegularFileHead } from '../files/read-regular-file';
import { decodeText } from './decode-text';
import type { Importer, ImportFormat } from './import-types';
import { jsonImporter } from './json-importer';
import { markdownImporter } from './markdown-importer';
import { obsidianImporter } from './obsidian-importer';
import { pdfImporter } from './pdf-importer';
import { textImporter } from './text-importer';
import type { WalkedFile } from './walk-source';

/** The format asked for: one of the formats, or 'auto' (detect). */
export type RequestedFormat = ImportFormat | 'auto';

/** How a source is read: one format for every file, or 'mixed' (a plain folder: each file by its extension). */
export type SourceFormat = ImportFormat | 'mixed';

/** What to do with one file: parse it with an importer, or skip it (attachments are counted apart). */
export type FileRoute = { readonly importer: Importer } | { readonly skip: string; readonly attachment: boolean };

/** Each format's importer. */
export const importers: Readonly<Record<ImportFormat, Importer>> = {
  markdown: markdownImporter,
  obsidian: obsidianImporter,
  text: textImporter,
  html: htmlImporter,
  pdf: pdfImporter,
  json: jsonImporter,
  enex: enexImporter,
  chatgpt: chatgptImporter,
};

const EXTENSIONS: Readonly<Record<ImportFormat, readonly string[]>> = {
  markdown: ['.md', '.markdown', '.mdown', '.mkd'],
  obsidian: ['.md', '.markdown'],
  text: ['.txt', '.text'],
  html: ['.html', '.htm', '.xhtml'],
  pdf: ['.pdf'],
  json: ['.json', '.jsonl', '.ndjson'],
  enex: ['.enex'],
  chatgpt: ['.json'],
};

const SNIFF_BYTES = 64 * 1024;

/**
 * Settles the source format: an explicit one is kept; 'auto' makes a folder with `.obsidian/` an Obsidian vault,
 * any other folder 'mixed', and a single file the format of its extension (a .json holding ChatGPT conversations is
 * 'chatgpt'). Returns null for a single file of no known format.
 */
export async function resolveFormat(root: string, isDirectory: boolean, requested: RequestedFormat): Promise<SourceFormat | null> {
  if (requested !== 'auto') return requested;
  if (isDirectory) {
    const vault = await fs.stat(path.join(root, '.obsidian')).then((s) => s.isDirectory(), () => false);
    return vault ? 'obsidian' : 'mixed';
  }
  return formatOfFile(root);
}

/** Where each file goes under a source format. A single file given explicitly is parsed whatever its extension. */
export async function routeFile(file: WalkedFile, format: SourceFormat, singleFile: boolean): Promise<FileRoute> {
  const ext = path.extname(file.absPath).toLowerCase();
  if (format === 'mixed') {
    const detected = await formatOfFile(file.absPath);
    return detected ? { importer: importers[detected] } : { skip: `unsupported file type${ext ? ` (${ext})` : ''}`, attachment: false };
  }
  if (singleFile || EXTENSIONS[format].includes(ext)) return { importer: importers[format] };
  if (format === 'obsidian') return { skip: 'attachment (not imported)', attachment: true };
  return { skip: `not a ${format} file${ext ? ` (${ext})` : ''}`, attachment: false };
}

/** The note kinds a source format can produce (the kinds a re-import compares against). */
export function kindsOf(format: SourceFormat): ImportFormat[] {
  return format === 'mixed' ? ['markdown', 'text', 'html', 'pdf', 'json', 'enex', 'chatgpt'] : [format];
}

/** The format of a file by its extension; a .json is sniffed for ChatGPT's conversations. */
async function formatOfFile(absPath: string): Promise<ImportFormat | null> {
  const ext = path.extname(absPath).toLowerCase();
  if (ext === '.json') return (await looksLikeChatGptFile(absPath)) ? 'chatgpt' : 'json';
  const order: ImportFormat[] = ['markdown', 'text', 'html', 'pdf', 'json', 'enex'];
  return order.find((f) => EXTENSIONS[f].includes(ext)) ?? null;
}

/** A cheap look at the start of a .json file for ChatGPT's conversation shape (a regular file only: never a pipe). */
async function looksLikeChatGptFile(absPath: string): Promise<boolean> {
  const head = await readRegularFileHead(absPath, SNIFF_BYTES).catch(() => null);
  if (!head) return false;
  let text: string;
  try {
    text = decodeText(head).text; // a byte-order mark (UTF-16) is read as in the import itself
  } catch {
    return false;
  }
  return /^\s*\[/.test(text) && text.includes('"mapping"');
}
