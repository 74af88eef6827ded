// `engram restore ID`: bring a forgotten note back.
import type { Command } from 'commander';
import { contextFor, type CliDeps } from '../cli-context';
import { parseId } from '../parse-args';
import { withEngine } from '../with-engine';

/** Registers `restore ID`: brings a forgotten note back. */
export function registerRestore(program: Command, deps: CliDeps): void {
  program
    .command('restore')
    .summary('bring back a forgotten note')
    .description('Restore a forgotten note, so it appears in recall and lists again.')
    .argument('<id>', 'the note ID (a positive whole number)', parseId)
    .action(async (id: number, _options: unknown, command: Command) => {
      const ctx = contextFor(command, deps);
      const note = await withEngine(ctx, (engine) => engine.restoreNote(id));
      if (ctx.json) ctx.out.printJson(note);
      else ctx.out.print(`Restored note ${note.id}: ${ctx.out.styles.bold(note.title)}`);
    });
}
