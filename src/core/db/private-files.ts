// Keeping a memory private to its owner: folders 0700 and files 0600, repaired when something made them wider.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './data-dir-access';

/** What a repair changed: how many folders and files were readable or writable by others before. */
export interface PrivacyRepair {
  readonly dirs: number;
  readonly files: number;
}

/** True on systems whose permission bits mean something here (not Windows, where ACLs govern and chmod is a no-op). */
export function hasPosixModes(platform: NodeJS.Platform = process.platform): boolean {
  return platform !== 'win32';
}

/**
 * Makes a folder and everything under it private to this user: folders 0700, files 0600, only where the mode is
 * wider (so an untouched tree costs one lstat per entry). Symbolic links are not followed, entries owned by someone
 * else are left alone, and nothing is done on Windows.
 */
export function makeTreePrivate(root: string): PrivacyRepair {
  const counts = { dirs: 0, files: 0 };
  if (!hasPosixModes() || !fs.existsSync(root)) return counts;
  const uid = process.getuid?.() ?? -1;
  const visit = (entry: string): void => {
    const stat = fs.lstatSync(entry, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink() || (uid !== 0 && stat.uid !== uid)) return;
    if (stat.isDirectory()) {
      if ((stat.mode & 0o777) !== PRIVATE_DIR_MODE) {
        fs.chmodSync(entry, PRIVATE_DIR_MODE);
        counts.dirs += 1;
      }
      for (const name of fs.readdirSync(entry)) visit(path.join(entry, name));
    } else if (stat.isFile() && (stat.mode & 0o077) !== 0) {
      fs.chmodSync(entry, PRIVATE_FILE_MODE);
      counts.files += 1;
    }
  };
  visit(root);
  return counts;
}

/**
 * Makes the data directory itself private (0700). A shared folder someone pointed --data-dir at is left alone: one
 * with the sticky bit (like /tmp), one owned by another user, or the home folder itself.
 */
export function makeDirPrivate(dir: string): boolean {
  if (!hasPosixModes()) return false;
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory() || (stat.mode & 0o777) === PRIVATE_DIR_MODE) return false;
  const uid = process.getuid?.() ?? -1;
  const shared = (stat.mode & 0o1000) !== 0 || (uid !== 0 && stat.uid !== uid) || path.resolve(dir) === path.resolve(os.homedir());
  if (shared) return false;
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
  return true;
}
