// Stops PGlite from spinning forever after Postgres dies inside a query (a PANIC or FATAL, e.g. the disk filling up
// while the write-ahead log is written), and notes whether the file system said "no space left" first.
import type { Database } from './queryable';

/** PGlite's status for an ordinary ERROR long-jump out of Postgres's main loop (pglitec.c POSTGRES_MAIN_LONGJMP). */
const POSTGRES_MAIN_LONGJMP = 100;
/** Emscripten's errno numbers for a full disk and an exceeded quota (its ERRNO_CODES table). */
const EMSCRIPTEN_DISK_FULL_ERRNOS: ReadonlySet<number> = new Set([51, 19]);

/** Raised for every query once Postgres has died inside this database handle; the handle cannot be used again. */
export class DatabaseStoppedError extends Error {
  override readonly name = 'DatabaseStoppedError';
  constructor(readonly reason: string) {
    super(`The database stopped: ${reason}`);
  }
}

/** What the guard saw: whether Postgres died, and whether a write had failed for lack of space. */
export interface FatalGuardState {
  /** Set once Postgres died inside a query. */
  readonly stopped: DatabaseStoppedError | null;
  /** True once the file system refused a write because the disk (or the quota) was full. */
  readonly diskFull: boolean;
}

/** The parts of PGlite's Emscripten module the guard wraps (not public API: checked before use). */
interface PgliteModule {
  _PostgresMainLoopOnce?: () => void;
  FS?: { filesystems?: { NODEFS?: { stream_ops?: { write?: (...args: unknown[]) => number } } } };
}

/** An object PGlite's catch block reads `.status` from: reading it throws, which carries the error out of its loop. */
function escaping(error: Error): object {
  return {
    get status(): never {
      throw error;
    },
  };
}

/**
 * Installs the guard on an open PGlite (0.5.x). Its query loop catches every exception from Postgres's main loop and,
 * when it is not an ordinary ERROR, calls the loop again; when the message was not consumed (a PANIC from a failed
 * write-ahead-log write, measured with extended-protocol queries) that is an endless loop at 100% CPU. The guard turns
 * such an exception into a DatabaseStoppedError that leaves the loop, and fails every later query at once. It also
 * watches PGlite's file writes for "no space left on device". Returns the live state; returns null (and changes
 * nothing) on a PGlite build without the expected internals, so an upgrade fails the disk-full test rather than here.
 */
export function installFatalGuard(db: Database): FatalGuardState | null {
  const mod = (db as unknown as { mod?: PgliteModule }).mod;
  const loopOnce = mod?._PostgresMainLoopOnce;
  if (!mod || typeof loopOnce !== 'function') return null;
  const state: { stopped: DatabaseStoppedError | null; diskFull: boolean } = { stopped: null, diskFull: false };

  mod._PostgresMainLoopOnce = function guardedLoopOnce(this: unknown): void {
    if (state.stopped) throw escaping(state.stopped);
    try {
      loopOnce.call(this);
    } catch (error) {
      if ((error as { status?: unknown } | null)?.status === POSTGRES_MAIN_LONGJMP) throw error;
      const detail = error instanceof Error ? error.message : String((error as { name?: unknown } | null)?.name ?? error);
      state.stopped = new DatabaseStoppedError(state.diskFull ? 'the disk is full' : detail);
      throw escaping(state.stopped);
    }
  };

  const ops = mod.FS?.filesystems?.NODEFS?.stream_ops;
  const write = ops?.write;
  if (ops && typeof write === 'function') {
    ops.write = function guardedWrite(this: unknown, ...args: unknown[]): number {
      try {
        return write.apply(this, args);
      } catch (error) {
        if (EMSCRIPTEN_DISK_FULL_ERRNOS.has((error as { errno?: number } | null)?.errno ?? -1)) state.diskFull = true;
        throw error;
      }
    };
  }
  return state;
}
