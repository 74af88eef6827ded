// The window's way to the backups: the list and the automatic setting come from the backups folder (so they work
// while the memory cannot open), and a restore closes the memory, restores, and opens it again.
import { backupOverview, updateBackupSettings } from '../core/backup/backup-store';
import { restoreBackup } from '../core/backup/restore-backup';
import type { EngineHolder } from './engine-holder';
import type { BackupsAccess } from './ipc-handlers';

/** Backups of the memory in `dataDir`, whose engine `holder` keeps. */
export function createBackupsAccess(dataDir: string, holder: EngineHolder): BackupsAccess {
  return {
    list: async () => backupOverview(dataDir),
    setAutomatic: async (on) => {
      updateBackupSettings(dataDir, { automatic: on, lastError: null });
      return backupOverview(dataDir);
    },
    restore: (name) => holder.replace(() => restoreBackup(dataDir, name, 'the Engram app (restoring a backup)')),
  };
}
