// `engram forget ID`: soft-delete a note (reversible with `engram restore`).
import type { Command } from 'commander';
import { contextFor, type CliDeps } from '../cli-context';
import { parseId } from '../parse-args';
import { withEngine } from '../with-engine';

/** Registers `forget ID`: hides a note from recall and lists (reversible with restore). */
export function registerForget(program: Command, deps: CliDeps): void {
  program
    .command('forget')
    .summary('forget a note (reversible with `engram restore`)')
    .description('Forget a note: it no longer appears in recall or lists, but `engram restore ID` brings it back.')
    .argument('<id>', 'the note ID (a positive whole number)', parseId)
    .action(async (id: number, _options: unknown, command: Command) => {
      const ctx = contextFor(command, deps);
      const note = await withEngine(ctx, (engine) => engine.forgetNote(id));
      if (ctx.json) ctx.out.printJson(note);
      else ctx.out.print(`Forgot note ${note.id}: ${ctx.out.styles.bold(note.title)} (undo with \`engram restore ${note.id}\`)`);
    });
}
