// Making sure a data directory can hold a memory, and saying clearly why it cannot (a file, no permission, read-only).
import fs from 'node:fs';
import { EngramError } from '../errors';
import { databaseDir } from './data-dir';

/** Mode of the data directory and every folder in it: only the person who owns it may enter. */
export const PRIVATE_DIR_MODE = 0o700;
/** Mode of every file in the data directory: only the person who owns it may read or write. */
export const PRIVATE_FILE_MODE = 0o600;

/** The message for a full disk, shared by every place that can meet one. */
export function diskFullError(dataDir: string, detail?: string): EngramError {
  return new EngramError(
    'DISK_FULL',
    `The disk holding ${dataDir} is full${detail ? ` (${detail})` : ''}, so Engram could not save. ` +
      'Free some space and try again; nothing you saved before was lost.',
  );
}

/**
 * Turns a file-system error met while using the data directory into a clear EngramError (a file where a folder
 * should be, no permission, a read-only disk, a full disk), or returns null for anything else (a real fault).
 */
export function dataDirError(error: unknown, dataDir: string): EngramError | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return new EngramError(
        'DATA_DIR_UNUSABLE',
        `The data directory ${dataDir} is a file (or inside one), not a folder. Point --data-dir (or ENGRAM_DATA_DIR) at a folder; a missing one is created.`,
      );
    case 'EACCES':
    case 'EPERM':
      return new EngramError(
        'DATA_DIR_UNUSABLE',
        `Engram may not write in the data directory ${dataDir} (permission denied). Use a folder you can write to, or give yourself write permission on it.`,
      );
    case 'EROFS':
      return new EngramError(
        'DATA_DIR_UNUSABLE',
        `The data directory ${dataDir} is on a read-only file system. Use a folder on a disk Engram can write to.`,
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return diskFullError(dataDir, code === 'EDQUOT' ? 'your disk quota is used up' : undefined);
    default:
      return null;
  }
}

/** Runs a file-system step on the data directory, translating the errors a person can fix (see dataDirError). */
export function onDataDir<T>(dataDir: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw dataDirError(error, dataDir) ?? error;
  }
}

/**
 * Creates the data directory and its database folder if missing, private to this user (0700), and checks it is a
 * folder Engram can write in. Raises DATA_DIR_UNUSABLE (or DISK_FULL) with what to do; other faults pass through.
 */
export function prepareDataDir(dataDir: string): void {
  onDataDir(dataDir, () => {
    const existed = fs.existsSync(dataDir);
    if (existed && !fs.statSync(dataDir).isDirectory()) {
      throw Object.assign(new Error(`${dataDir} is not a directory`), { code: 'ENOTDIR' });
    }
    fs.mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    // Create the database folder ourselves, private: PGlite would make it 0755.
    fs.mkdirSync(databaseDir(dataDir), { recursive: true, mode: PRIVATE_DIR_MODE });
    fs.accessSync(dataDir, fs.constants.W_OK);
  });
}
