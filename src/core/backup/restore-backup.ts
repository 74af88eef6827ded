// Putting a backup back: the current database is kept as a backup first, the chosen one is unpacked beside it, and
// the two folders are swapped by renames, so there is never a moment without a whole database on disk.
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo, RestoreResult } from '../../shared/models';
import { databaseDir } from '../db/data-dir';
import { acquireDataDirLock } from '../db/data-dir-lock';
import { ensureFreeSpace } from '../db/free-space';
import { directorySize } from '../db/directory-size';
import { makeTreePrivate } from '../db/private-files';
import { PRIVATE_DIR_MODE } from '../db/data-dir-access';
import { EngramError } from '../errors';
import {
  archivePath,
  ensureBackupsDir,
  findBackup,
  listStoredBackups,
  newBackupName,
  publicBackup,
  readBackupSettings,
  rotateBackups,
  writeManifest,
} from './backup-store';
import { packDirectory, unpackArchive } from './tar-archive';

/** The folder a backup is unpacked into before the swap. */
function restoringDir(dataDir: string): string {
  return `${databaseDir(dataDir)}.restoring`;
}

/** Where the replaced database waits during the swap. */
function replacedDir(dataDir: string): string {
  return `${databaseDir(dataDir)}.replaced`;
}

/** Files every Postgres data folder has; a backup without them is not one. */
const REQUIRED_FILES = ['PG_VERSION', path.join('global', 'pg_control')];

/**
 * Finishes or undoes a restore that was interrupted (power cut, crash): if the database folder is missing but the
 * replaced one is there, it goes back; leftovers are removed. Call with the data directory's lock held.
 */
export function recoverInterruptedRestore(dataDir: string): void {
  const current = databaseDir(dataDir);
  const replaced = replacedDir(dataDir);
  if (fs.existsSync(replaced)) {
    if (!fs.existsSync(current) || fs.readdirSync(current).length === 0) {
      fs.rmSync(current, { recursive: true, force: true });
      fs.renameSync(replaced, current);
    } else {
      fs.rmSync(replaced, { recursive: true, force: true });
    }
  }
  fs.rmSync(restoringDir(dataDir), { recursive: true, force: true });
}

/**
 * Archives a closed database folder into the backups folder as `kind` (used for the state a restore replaces; it
 * may be a database that cannot be opened, so nothing reads it).
 */
async function archiveClosedDatabase(dataDir: string): Promise<BackupInfo | null> {
  const source = databaseDir(dataDir);
  if (!fs.existsSync(source) || fs.readdirSync(source).length === 0) return null;
  const dir = ensureBackupsDir(dataDir);
  const name = newBackupName(dataDir, 'before-restore');
  const partial = `${archivePath(dataDir, name)}.partial`;
  try {
    await packDirectory(source, partial);
    fs.renameSync(partial, archivePath(dataDir, name));
  } finally {
    fs.rmSync(partial, { force: true });
  }
  writeManifest(dataDir, { name, kind: 'before-restore', createdAt: new Date().toISOString(), notes: null, marker: null });
  makeTreePrivate(dir);
  rotateBackups(dataDir, 'before-restore', readBackupSettings(dataDir).keep);
  return publicBackup(listStoredBackups(dataDir).find((b) => b.name === name)!);
}

/**
 * Restores the named backup into a data directory whose memory is closed (it takes the lock: DATA_DIR_LOCKED while
 * the app or another command has it open). The current database is archived as a `before-restore` backup first,
 * the backup is unpacked beside it and checked, and then the folders are swapped.
 */
export async function restoreBackup(dataDir: string, name: string, holder = 'a restore'): Promise<RestoreResult> {
  const lock = acquireDataDirLock(dataDir, holder);
  try {
    recoverInterruptedRestore(dataDir);
    const chosen = findBackup(dataDir, name);
    const current = databaseDir(dataDir);
    // The safety archive, and the unpacked backup beside the current database until the swap.
    ensureFreeSpace(dataDir, directorySize(current) + 4 * chosen.bytes, `Restoring ${chosen.name}`);
    const safetyBackup = await archiveClosedDatabase(dataDir);
    const restoring = restoringDir(dataDir);
    fs.rmSync(restoring, { recursive: true, force: true });
    fs.mkdirSync(restoring, { mode: PRIVATE_DIR_MODE });
    try {
      await unpackChecked(chosen.path, restoring, chosen.name);
      makeTreePrivate(restoring);
      const replaced = replacedDir(dataDir);
      fs.rmSync(replaced, { recursive: true, force: true });
      if (fs.existsSync(current)) fs.renameSync(current, replaced);
      fs.renameSync(restoring, current);
      fs.rmSync(replaced, { recursive: true, force: true });
    } finally {
      fs.rmSync(restoring, { recursive: true, force: true });
    }
    return { restored: publicBackup(chosen), safetyBackup };
  } finally {
    lock.release();
  }
}

/** Unpacks an archive and checks it holds a Postgres data folder; a clear error for a damaged archive. */
async function unpackChecked(file: string, dir: string, name: string): Promise<void> {
  try {
    await unpackArchive(file, dir);
  } catch (error) {
    throw new EngramError('DATABASE_DAMAGED', `The backup ${name} cannot be read (${(error as Error).message}); nothing was changed. Choose another backup.`);
  }
  const missing = REQUIRED_FILES.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length) {
    throw new EngramError('DATABASE_DAMAGED', `The backup ${name} is incomplete (${missing.join(', ')} missing); nothing was changed. Choose another backup.`);
  }
}
