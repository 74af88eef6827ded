// `engram add`: store a note from text, a file, or stdin.
import path from 'node:path';
import type { Command } from 'commander';
import { deriveTitle } from '../../core/notes/derive-title';
import type { NewNote } from '../../shared/models';
import { CliUsageError } from '../cli-error';
import { contextFor, type CliDeps } from '../cli-context';
import { formatTags } from '../format';
import { collect } from '../parse-args';
import { readNoteFile, readStdin } from '../read-input';
import { withEngine } from '../with-engine';

interface AddOptions {
  readonly file?: string;
  readonly title?: string;
  readonly tag?: string[];
}

/** Registers `add [text...]` with --file, --title and repeatable --tag. */
export function registerAdd(program: Command, deps: CliDeps): void {
  program
    .command('add')
    .summary('store a note (text, --file PATH, or stdin)')
    .description(
      'Store a note. The text comes from the arguments, from --file PATH, or from stdin when neither is given. ' +
        'Its embedding is queued: run `engram wait` (or open the app) to make it searchable by meaning.',
    )
    .argument('[text...]', 'the note text (several words are joined with spaces)')
    .option('--file <path>', "read the note from a text file; the file's absolute path is recorded as its source")
    .option('--title <title>', 'the title (default: first heading or line; for --file, else the file name)')
    .option('--tag <tag>', 'tag the note; repeat for several tags (hierarchical: work/project)', collect)
    .action(async (words: string[], options: AddOptions, command: Command) => {
      const ctx = contextFor(command, deps);
      const { note, warnings } = await readNewNote(words, options, deps);
      for (const warning of warnings) deps.stderr.write(`engram: warning: ${warning}\n`);
      const { note: stored, duplicate } = await withEngine(ctx, (engine) => engine.addNote(note));
      if (ctx.json) {
        ctx.out.printJson(warnings.length ? { note: stored, duplicate, warnings } : { note: stored, duplicate });
        return;
      }
      const { bold } = ctx.out.styles;
      const tags = stored.tags.length ? `  ${formatTags(stored.tags)}` : '';
      if (duplicate) {
        ctx.out.print(`Already stored as note ${stored.id}: ${bold(stored.title)}${tags}`);
        ctx.out.print('Identical content from the same source exists, so nothing new was added.');
        if (stored.deletedAt) ctx.out.print(`That note is forgotten; \`engram restore ${stored.id}\` brings it back.`);
        return;
      }
      ctx.out.print(`Added note ${stored.id}: ${bold(stored.title)}${tags}`);
      ctx.out.print(
        'Keyword search finds it now; its embedding is queued. Run `engram wait` (or open the app) to make it searchable by meaning.',
      );
    });
}

/** Gathers the note to store from the arguments, --file or stdin, before the database is opened; with how it was read. */
async function readNewNote(words: readonly string[], options: AddOptions, deps: CliDeps): Promise<{ note: NewNote; warnings: readonly string[] }> {
  const tags = options.tag ?? [];
  const explicitTitle = options.title?.trim() || undefined;
  if (words.length > 0 && options.file !== undefined) {
    throw new CliUsageError('Give the note either as text or with --file, not both.');
  }
  if (options.file !== undefined) {
    const { absPath, text, warnings } = await readNoteFile(options.file, deps.cwd);
    requireText(text, `--file ${absPath} is empty`);
    const title = explicitTitle ?? deriveTitle(text) ?? path.basename(absPath);
    return { note: { body: text, title, tags, source: { kind: 'file', path: absPath } }, warnings };
  }
  const { text, warnings } = words.length > 0 ? { text: words.join(' '), warnings: [] } : await readStdin(deps.stdin);
  requireText(text, words.length > 0 ? 'The note text is empty' : 'Nothing was read from stdin');
  return { note: { body: text, title: explicitTitle, tags, source: { kind: 'cli', path: null } }, warnings };
}

function requireText(text: string, what: string): void {
  if (!text.trim()) throw new CliUsageError(`${what}: there is nothing to add.`);
}
