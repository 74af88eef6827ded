import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EngramError } from '../errors';
import { dataDirError, prepareDataDir, PRIVATE_FILE_MODE } from './data-dir-access';

/** What a lock file records about its holder. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  readonly holder: string;
  /** The holder serves the memory on the memory socket (the app, `engram mcp`): others may connect once it is up. */
  readonly serves?: boolean;
}

/** A held data-directory lock; release it when the database closes. */
export interface DataDirLock {
  readonly file: string;
  release(): void;
}

const LOCK_NAME = 'engram.lock';

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return null; // unreadable or half-written: treated as stale
  }
}

function isStale(owner: LockOwner | null): boolean {
  if (!owner || typeof owner.pid !== 'number') return true;
  if (owner.host !== os.hostname()) return false; // cannot check another machine's processes: assume it is alive
  return !isProcessAlive(owner.pid);
}

/** Creates the lock file (only if absent: false when it exists); a write that fails half-way leaves nothing behind. */
function writeLockFile(file: string, owner: LockOwner, dataDir: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw dataDirError(error, dataDir) ?? error;
  }
  try {
    fs.writeSync(fd, JSON.stringify(owner));
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw dataDirError(error, dataDir) ?? error;
  }
  fs.closeSync(fd);
  return true;
}

/**
 * Takes the data directory's lock (PGlite allows one process per directory), creating the directory (private) if
 * needed. A lock whose process is gone (a crash) is taken over; a live one raises DATA_DIR_LOCKED naming the holder.
 * A path that cannot hold a memory raises DATA_DIR_UNUSABLE, a full disk DISK_FULL.
 */
export function acquireDataDirLock(dataDir: string, holder: string, serves = false): DataDirLock {
  prepareDataDir(dataDir);
  const file = path.join(dataDir, LOCK_NAME);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), holder, ...(serves ? { serves } : {}) };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (writeLockFile(file, me, dataDir)) return makeLock(file);
    const owner = readOwner(file);
    if (!isStale(owner)) {
      throw new EngramError(
        'DATA_DIR_LOCKED',
        `The memory in ${dataDir} is open in another process (${owner!.holder}, pid ${owner!.pid}). ` +
          'Close it (or use the running app) and try again.',
      );
    }
    // Stale: move it aside atomically so two processes taking over cannot both win.
    const aside = `${file}.stale-${process.pid}-${attempt}`;
    try {
      fs.renameSync(file, aside);
      fs.rmSync(aside, { force: true });
    } catch {
      // another process moved it first; loop and race for the fresh lock
    }
  }
  throw new EngramError('DATA_DIR_LOCKED', `Could not take the lock on ${dataDir}; another process keeps taking it. Try again.`);
}

/** True while a live process holds the lock and said it serves the memory on the socket (it may still be opening). */
export function lockHolderServes(dataDir: string): boolean {
  const owner = readOwner(path.join(dataDir, LOCK_NAME));
  return owner !== null && !isStale(owner) && owner.serves === true;
}

function makeLock(file: string): DataDirLock {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    const owner = readOwner(file);
    if (owner?.pid === process.pid && owner.host === os.hostname()) fs.rmSync(file, { force: true });
  };
  process.on('exit', release);
  return { file, release };
}
