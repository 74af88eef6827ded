// Why a memory's database would not open, in words a person can act on: a full disk, or which file is damaged and
// which backup to restore.
import fs from 'node:fs';
import path from 'node:path';
import { listStoredBackups } from '../backup/backup-store';
import { EngramError } from '../errors';
import { databaseDir } from './data-dir';
import { diskFullError } from './data-dir-access';
import { SPACE_RESERVE_BYTES, freeBytes } from './free-space';
import { isDiskFull } from './storage-errors';

/** Postgres's control file is one 8 KB page. */
const PG_CONTROL_BYTES = 8192;
/** What the start-up check writes: Postgres needs at least this much to start (its caches, the log on recovery). */
const PROBE_BYTES = 1024 * 1024;

/**
 * True when a write of PROBE_BYTES into the data directory fails for lack of space. Postgres hides why it could
 * not start ("failed to initialize"); a full disk is the common cause that is not damage, so it is tried first.
 */
function cannotWrite(dataDir: string): boolean {
  const probe = path.join(dataDir, '.engram-space-check');
  let fd: number | null = null;
  try {
    fd = fs.openSync(probe, 'w', 0o600);
    fs.writeSync(fd, Buffer.alloc(PROBE_BYTES));
    return false;
  } catch (error) {
    return isDiskFull(error);
  } finally {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(probe, { force: true });
  }
}

/** What looks wrong with the files of a Postgres data folder, or null when nothing obvious does. */
export function inspectDatabaseFiles(dir: string): string | null {
  const version = path.join(dir, 'PG_VERSION');
  if (!fs.existsSync(version)) return 'its PG_VERSION file is missing';
  const control = path.join(dir, 'global', 'pg_control');
  const stat = fs.statSync(control, { throwIfNoEntry: false });
  if (!stat) return 'its control file (global/pg_control) is missing';
  if (stat.size !== PG_CONTROL_BYTES) return `its control file (global/pg_control) has the wrong size (${stat.size} bytes, not ${PG_CONTROL_BYTES})`;
  if (fs.readFileSync(control).every((byte) => byte === 0)) return 'its control file (global/pg_control) has been blanked (all zeros)';
  if (!fs.existsSync(path.join(dir, 'pg_wal'))) return 'its write-ahead log folder (pg_wal) is missing';
  if (!fs.existsSync(path.join(dir, 'base'))) return 'its table folder (base) is missing';
  return null;
}

/** "The newest backup is … restore it with …", or what to do when there is none. */
export function newestBackupAdvice(dataDir: string): string {
  const newest = listStoredBackups(dataDir)[0];
  if (!newest) return 'There is no backup of it in this data directory to restore.';
  return (
    `The newest backup is ${newest.name} (${newest.createdAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}); ` +
    `restore it with \`engram restore-backup ${newest.name}\` or in the app under Settings → Backups (the damaged files are kept as a backup first).`
  );
}

/**
 * Turns a failure to start PGlite on a data directory into DISK_FULL (little space left: Postgres needs room to
 * replay its log at start) or DATABASE_DAMAGED (naming the damaged file when it can tell, and the newest backup).
 * Anything that is not a start-up failure of the database is returned unchanged.
 */
export function explainOpenFailure(error: unknown, dataDir: string): unknown {
  if (error instanceof EngramError) return error;
  if (isDiskFull(error)) return diskFullError(dataDir);
  const message = error instanceof Error ? error.message : String(error);
  const startFailed = /failed to initialize|Aborted\(|RuntimeError|unreachable/i.test(message) || (error instanceof Error && error.name === 'RuntimeError');
  if (!startFailed) return error;
  const free = freeBytes(dataDir);
  if ((free !== null && free < SPACE_RESERVE_BYTES) || cannotWrite(dataDir)) return diskFullError(dataDir, 'Postgres needs some room to start');
  const dir = databaseDir(dataDir);
  const cause = inspectDatabaseFiles(dir) ?? 'Postgres refused to start on its files (one of them is damaged)';
  return new EngramError('DATABASE_DAMAGED', `The memory's database in ${dir} cannot be opened: ${cause}. ${newestBackupAdvice(dataDir)}`);
}
