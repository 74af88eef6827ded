// How much room is left on the disk holding the memory, and refusing work that obviously will not fit.
import fs from 'node:fs';
import path from 'node:path';
import { formatBytes } from '../../shared/byte-size';
import { EngramError } from '../errors';

/**
 * Room kept free beyond an estimate: Postgres writes its log in 16 MB segments and a checkpoint can need a few of
 * them at once, so work that leaves less than this would likely stop half-way with the disk full.
 */
export const SPACE_RESERVE_BYTES = 64 * 1024 * 1024;

/** Bytes available to this user on the disk holding `target` (its nearest existing folder), or null when unknown. */
export function freeBytes(target: string): number | null {
  let dir = path.resolve(target);
  while (!fs.existsSync(dir)) {
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
  try {
    const stats = fs.statfsSync(dir);
    return Number(stats.bavail) * Number(stats.bsize);
  } catch {
    return null; // a file system that cannot say: do not refuse on a guess
  }
}

/**
 * Refuses (NOT_ENOUGH_SPACE, nothing changed) when the disk holding `dir` has less than `neededBytes` plus the
 * reserve free. `what` names the work in the message ("Importing 1,200 files").
 */
export function ensureFreeSpace(dir: string, neededBytes: number, what: string): void {
  const free = freeBytes(dir);
  if (free === null) return;
  const needed = Math.ceil(neededBytes) + SPACE_RESERVE_BYTES;
  if (free >= needed) return;
  throw new EngramError(
    'NOT_ENOUGH_SPACE',
    `${what} needs about ${formatBytes(needed)} free on the disk holding ${dir} (with ${formatBytes(SPACE_RESERVE_BYTES)} to spare), ` +
      `but only ${formatBytes(free)} is free. Free some space and try again; nothing was changed.`,
  );
}
