import path from 'node:path';
import { deriveTitle } from '../notes/derive-title';
import { decodeText } from './decode-text';
import { parsedNotes, type Importer } from './import-types';

/** Plain text files (.txt): the first line is the title, else the file name; dated by modification time. */
export const textImporter: Importer = {
  format: 'text',
  parse: async (file) => {
    const { text: body, warnings } = decodeText(file.bytes);
    const title = deriveTitle(body) ?? path.basename(file.absPath);
    return parsedNotes([{ title, body, tags: [], createdAt: file.mtime.toISOString(), source: { kind: 'text', path: file.absPath }, warnings }]);
  },
};
