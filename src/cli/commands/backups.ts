// `engram backups`: list the memory's backups (newest first) and turn the automatic daily backup on or off.
// Reads the backups folder only, so it works while the app has the memory open or when the database cannot open.
import type { Command } from 'commander';
import { backupOverview, updateBackupSettings } from '../../core/backup/backup-store';
import type { BackupInfo, BackupOverview } from '../../shared/models';
import { CliUsageError } from '../cli-error';
import { contextFor, type CliDeps } from '../cli-context';
import { formatBytes, formatDateTime, formatTable } from '../format';
import type { Styles } from '../output';

interface BackupsOptions {
  readonly automatic?: string;
}

/** Registers `backups [--automatic on|off]`. */
export function registerBackups(program: Command, deps: CliDeps): void {
  program
    .command('backups')
    .summary('list the backups of the memory; --automatic on|off sets the daily backup')
    .description(
      "List the backups in the data directory's backups folder, newest first, with what `engram restore-backup` takes. " +
        'The last 7 of each kind (automatic, manual, before-restore) are kept. --automatic on|off turns the daily backup the app takes on or off.',
    )
    .option('--automatic <on|off>', 'turn the automatic daily backup on or off')
    .action(async (options: BackupsOptions, command: Command) => {
      const ctx = contextFor(command, deps);
      if (options.automatic !== undefined) {
        if (options.automatic !== 'on' && options.automatic !== 'off') throw new CliUsageError(`--automatic takes on or off, not "${options.automatic}".`);
        updateBackupSettings(ctx.dataDir, { automatic: options.automatic === 'on', lastError: null });
      }
      const overview = backupOverview(ctx.dataDir);
      if (ctx.json) ctx.out.printJson(overview);
      else ctx.out.print(...formatBackups(overview, ctx.out.styles));
    });
}

/** The overview as a table with the settings and what to do. */
export function formatBackups(overview: BackupOverview, styles: Styles): string[] {
  const lines = [`Automatic daily backup: ${overview.automatic ? 'on' : 'off'} (keeping the last ${overview.keep} of each kind in ${overview.dir})`];
  if (overview.lastError) lines.push(`The last automatic backup failed: ${overview.lastError}`);
  if (overview.backups.length === 0) return [...lines, '', 'No backups yet. `engram backup` makes one now.'];
  const rows = overview.backups.map((b: BackupInfo) => [b.name, b.kind, formatDateTime(b.createdAt), b.notes === null ? '-' : String(b.notes), formatBytes(b.bytes)]);
  return [...lines, '', ...formatTable(['name', 'kind', 'taken', 'notes', 'size'], rows, styles), '', 'Restore one with `engram restore-backup NAME`.'];
}
