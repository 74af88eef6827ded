// Where a note came from, as the note view says it: who wrote it, and what an importer added that is not the file's.
import type { Note } from '../../../shared/models';

/** Source kinds the importers (and connected folders) give notes: their text was written elsewhere, not here. */
const IMPORTED_KINDS = new Set(['markdown', 'obsidian', 'text', 'html', 'pdf', 'json', 'enex', 'chatgpt', 'mixed']);

/** Who a note is credited to in its header: "You", an agent's name, or "Imported" (never "You" for a file's text). */
export interface Credit {
  readonly label: string;
  readonly title: string;
  readonly agent: boolean;
}

/** The credit for a note, or null when the note carries no author. */
export function creditOf(note: Note): Credit | null {
  if (!note.author) return null;
  if (note.author !== 'you') return { label: note.author, title: `Written by the agent ${note.author}`, agent: true };
  if (IMPORTED_KINDS.has(note.source.kind)) {
    return { label: 'Imported', title: note.source.path ? `Imported from ${note.source.path}` : 'Imported', agent: false };
  }
  return { label: 'You', title: 'Written by you', agent: false };
}

/**
 * The markdown importer appends a note's front-matter aliases to its body as a last "Aliases: a, b" line, so
 * keyword search finds the note by them (docs/IMPORT.md). That line is not in the file: the note view shows the
 * aliases beside the title instead and the body as the file has it. Only the importer's exact suffix on an imported
 * note is taken off; any other text stays as written.
 */
export function importedAliases(note: Note): { body: string; aliases: readonly string[] } {
  if (!IMPORTED_KINDS.has(note.source.kind)) return { body: note.body, aliases: [] };
  const match = /\n\nAliases: ([^\n]+)\n$/.exec(note.body);
  if (!match?.[1]) return { body: note.body, aliases: [] };
  return { body: note.body.slice(0, match.index), aliases: match[1].split(', ').filter((a) => a.trim() !== '') };
}
