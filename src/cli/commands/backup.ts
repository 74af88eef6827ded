// `engram backup`: back up the memory now into its data directory's backups folder.
import type { Command } from 'commander';
import { contextFor, type CliDeps } from '../cli-context';
import { formatBytes } from '../format';
import { withEngine } from '../with-engine';

/** Registers `backup`. */
export function registerBackup(program: Command, deps: CliDeps): void {
  program
    .command('backup')
    .summary('back up the memory now (a consistent copy in the data directory)')
    .description(
      "Back up the memory now: a consistent copy of its database, packed into the data directory's backups folder. " +
        'The app (and `engram mcp`) also take one automatically each day the memory changes; `engram backups` lists them.',
    )
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextFor(command, deps);
      const backup = await withEngine(ctx, (engine) => engine.createBackup());
      if (ctx.json) {
        ctx.out.printJson(backup);
        return;
      }
      ctx.out.print(
        `Backed up ${backup.notes ?? 0} note${backup.notes === 1 ? '' : 's'} as ${backup.name} (${formatBytes(backup.bytes)}): ${backup.path}`,
        `Restore it with \`engram restore-backup ${backup.name}\`.`,
      );
    });
}
