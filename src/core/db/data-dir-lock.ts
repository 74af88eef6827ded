import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EngramError } from '../errors';

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

/**
 * Takes the data directory's lock (PGlite allows one process per directory). A lock whose process is gone (a crash)
 * is taken over; a live one raises DATA_DIR_LOCKED naming the holder.
 */
export function acquireDataDirLock(dataDir: string, holder: string, serves = false): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_NAME);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), holder, ...(serves ? { serves } : {}) };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
      return makeLock(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
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
