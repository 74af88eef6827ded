// A consistent copy of an open PGlite database's files, taken in one synchronous step so no query runs in between.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PRIVATE_DIR_MODE } from '../db/data-dir-access';

/** What a snapshot cost: the bytes copied and how long the engine thread was held, in milliseconds. */
export interface SnapshotCost {
  readonly bytes: number;
  readonly heldMs: number;
}

/**
 * Copies an open database's folder into `target` while nothing else can touch it. PGlite runs Postgres on this very
 * thread and writes through synchronous file calls, so a synchronous copy sees the files exactly as at one instant:
 * what a crash at that instant would leave, which Postgres recovers from its write-ahead log on the next start
 * (committed work kept, the rest rolled back), the same guarantee as a file-system snapshot. No CHECKPOINT first: it
 * would hold the thread longer, writing out the buffer cache. The copy uses copy-on-write clones where the file
 * system has them (APFS, Btrfs, XFS).
 */
export function snapshotDatabase(databaseFolder: string, target: string): SnapshotCost {
  const started = performance.now();
  const bytes = copyTreeSync(databaseFolder, target);
  return { bytes, heldMs: performance.now() - started };
}

/** Copies a folder tree (folders private, files cloned where possible); returns the bytes copied. */
export function copyTreeSync(from: string, to: string): number {
  fs.mkdirSync(to, { recursive: true, mode: PRIVATE_DIR_MODE });
  let bytes = 0;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const destination = path.join(to, entry.name);
    if (entry.isDirectory()) {
      bytes += copyTreeSync(source, destination);
    } else if (entry.isFile()) {
      fs.copyFileSync(source, destination, fs.constants.COPYFILE_FICLONE);
      bytes += fs.statSync(destination).size;
    }
  }
  return bytes;
}
