import path from 'node:path';
import { decodeText } from './decode-text';
import { parsedNotes, type Importer } from './import-types';
import { parseDate } from './parse-date';

/** HTML files (.html, .htm): readable text via html-to-text; <title> (or the first <h1>) is the title. */
export const htmlImporter: Importer = {
  format: 'html',
  parse: async (file) => {
    const { htmlHead, htmlToText } = await import('./html-text'); // html-to-text loads with the first HTML file
    const { text: html, warnings } = decodeText(file.bytes);
    const head = htmlHead(html);
    const title = head.title ?? path.basename(file.absPath).replace(/\.x?html?$/i, '');
    const created = head.created;
    return parsedNotes([
      { title, body: htmlToText(html), tags: [], createdAt: parseDate(created) ?? file.mtime.toISOString(), source: { kind: 'html', path: file.absPath }, warnings },
    ]);
  },
};
