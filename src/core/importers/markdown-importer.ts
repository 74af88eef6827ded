import { parsedNotes, type Importer } from './import-types';
import { markdownNote } from './markdown-note';

/** Markdown files (.md, .markdown): front-matter title, else a leading heading, else the file name. */
export const markdownImporter: Importer = {
  format: 'markdown',
  parse: async (file) => parsedNotes([markdownNote(file, 'markdown', 'heading-then-file-name')]),
};
