import { parsedNotes, type Importer } from './import-types';
import { markdownNote } from './markdown-note';

/** Notes of an Obsidian vault: the file name is the title (wikilinks name it), unless front matter sets one. */
export const obsidianImporter: Importer = {
  format: 'obsidian',
  parse: async (file) => parsedNotes([markdownNote(file, 'obsidian', 'file-name')]),
};
