// `engram restore-backup NAME`: put a backup back, keeping the current state as a backup first.
import type { Command } from 'commander';
import { findBackup } from '../../core/backup/backup-store';
import { restoreBackup } from '../../core/backup/restore-backup';
import { CliUsageError } from '../cli-error';
import { contextFor, type CliDeps } from '../cli-context';
import { formatDateTime } from '../format';
import { confirm } from '../prompt';

interface RestoreOptions {
  readonly yes?: boolean;
}

/** Registers `restore-backup NAME [--yes]`. */
export function registerRestoreBackup(program: Command, deps: CliDeps): void {
  program
    .command('restore-backup')
    .summary('replace the memory with a backup (the current state is kept as a backup first)')
    .description(
      'Replace the memory with one of its backups (`engram backups` lists them). The current database is first kept as a ' +
        '"before-restore" backup, so a restore can itself be undone; the backup is unpacked beside it and swapped in. ' +
        'The memory must be closed (quit the app). Asks first on a terminal, unless --yes.',
    )
    .argument('<name>', 'the backup to restore, as `engram backups` lists it')
    .option('-y, --yes', 'restore without asking (needed when not on a terminal)')
    .action(async (name: string, options: RestoreOptions, command: Command) => {
      const ctx = contextFor(command, deps);
      const chosen = findBackup(ctx.dataDir, name);
      if (!options.yes) {
        if (ctx.deps.stdin.isTTY !== true) throw new CliUsageError('Restoring needs a confirmation: run it on a terminal to be asked, or pass --yes.');
        const question = `Replace the memory in ${ctx.dataDir} with ${chosen.name} (taken ${formatDateTime(chosen.createdAt)})? The current state is kept as a backup.`;
        if (!(await confirm(question, ctx.deps.stdin, ctx.deps.stderr))) {
          ctx.out.print('Nothing was changed.');
          return;
        }
      }
      const result = await restoreBackup(ctx.dataDir, chosen.name, 'engram restore-backup');
      if (ctx.json) {
        ctx.out.printJson(result);
        return;
      }
      ctx.out.print(`Restored ${result.restored.name} (taken ${formatDateTime(result.restored.createdAt)}).`);
      if (result.safetyBackup) ctx.out.print(`The state it replaced is kept as ${result.safetyBackup.name}; \`engram restore-backup ${result.safetyBackup.name}\` goes back to it.`);
    });
}
