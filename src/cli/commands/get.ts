// `engram get ID`: print one note in full.
import type { Command } from 'commander';
import type { Note } from '../../shared/models';
import { contextFor, type CliDeps } from '../cli-context';
import { formatDateTime, formatSource, formatTags } from '../format';
import type { Styles } from '../output';
import { parseId } from '../parse-args';
import { withEngine } from '../with-engine';

/** Registers `get ID`. */
export function registerGet(program: Command, deps: CliDeps): void {
  program
    .command('get')
    .summary('print one note in full')
    .description('Print a note: its title, dates, tags, source and body. Forgotten notes can be read too.')
    .argument('<id>', 'the note ID (a positive whole number)', parseId)
    .action(async (id: number, _options: unknown, command: Command) => {
      const ctx = contextFor(command, deps);
      const note = await withEngine(ctx, (engine) => engine.getNote(id), { brief: true });
      if (ctx.json) ctx.out.printJson(note);
      else ctx.out.print(...formatNote(note, ctx.out.styles));
    });
}

/** A note as lines of human text: a header block, a blank line, then the body. */
export function formatNote(note: Note, styles: Styles): string[] {
  const lines = [`${styles.bold(note.title)}`, styles.dim(`note ${note.id}`)];
  lines.push(`created  ${formatDateTime(note.createdAt)}`);
  if (note.updatedAt !== note.createdAt) lines.push(`updated  ${formatDateTime(note.updatedAt)}`);
  if (note.tags.length) lines.push(`tags     ${formatTags(note.tags)}`);
  lines.push(`source   ${formatSource(note.source)}`);
  if (note.deletedAt) lines.push(`forgotten ${formatDateTime(note.deletedAt)} (engram restore ${note.id})`);
  lines.push('', note.body.replace(/\s+$/, ''));
  return lines;
}
