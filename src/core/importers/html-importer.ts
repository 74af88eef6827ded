import path from 'node:path';
import { decodeText } from './decode-text';
import { htmlTitle, htmlToText } from './html-text';
import { parsedNotes, type Importer } from './import-types';
import { parseDate } from './parse-date';

/** HTML files (.html, .htm): readable text via html-to-text; <title> (or the first <h1>) is the title. */
export const htmlImporter: Importer = {
  format: 'html',
  parse: async (file) => {
    const html = decodeText(file.bytes);
    const title = htmlTitle(html) ?? path.basename(file.absPath).replace(/\.html?$/i, '');
    const created = /<meta[^>]+(?:name|property)=["'](?:date|created|article:published_time)["'][^>]*content=["']([^"']+)["']/i.exec(html)?.[1];
    return parsedNotes([
      { title, body: htmlToText(html), tags: [], createdAt: parseDate(created) ?? file.mtime.toISOString(), source: { kind: 'html', path: file.absPath } },
    ]);
  },
};
