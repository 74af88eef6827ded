// Turning what the storage layer throws into errors a person can act on (a full disk) and a stopped database.
import { diskFullError } from './data-dir-access';
import type { FatalGuardState } from './pglite-fatal-guard';

/** Postgres's SQLSTATE for "disk full" (raised e.g. when a table file cannot grow). */
const PG_DISK_FULL = '53100';

/** True when an error says the disk (or the quota) is full: Postgres's 53100, or a file-system ENOSPC/EDQUOT. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === PG_DISK_FULL || code === 'ENOSPC' || code === 'EDQUOT';
}

/**
 * What to report for an error from the database or the data directory: DISK_FULL (free space; nothing saved was
 * lost) when the disk is full, or when Postgres stopped after a write met a full disk; otherwise the error itself.
 */
export function storageError(error: unknown, dataDir: string, guard: FatalGuardState | null): unknown {
  if (isDiskFull(error) || (guard?.stopped && guard.diskFull)) return diskFullError(dataDir);
  return guard?.stopped ?? error;
}
