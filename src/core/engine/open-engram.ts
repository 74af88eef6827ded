import path from 'node:path';
import { recoverInterruptedRestore } from '../backup/restore-backup';
import { databaseDir } from '../db/data-dir';
import { acquireDataDirLock } from '../db/data-dir-lock';
import { migrate } from '../db/migrate';
import { explainOpenFailure } from '../db/open-failure';
import { BRIEF_BUFFER_CACHE_FLOOR_MB, openDatabase } from '../db/open-database';
import { RECALL_EF_SEARCH } from '../db/hnsw-search';
import { installFatalGuard, type FatalGuardState } from '../db/pglite-fatal-guard';
import { makeDirPrivate, makeTreePrivate } from '../db/private-files';
import type { Database } from '../db/queryable';
import { isDiskFull, storageError } from '../db/storage-errors';
import { SpacesRepository, type SpaceRecord } from '../db/repositories/spaces-repository';
import { builtinModelInfo } from '../embedding/builtin/builtin-model-info';
import { ProviderRegistry } from '../embedding/provider-registry';
import type { Fusion } from '../recall/fusion-defaults';
import { Engram } from './engram';

/** How to open a memory. */
export interface OpenEngramOptions {
  /** The data directory (see defaultDataDir()). */
  readonly dataDir: string;
  /** Embed queued chunks in the background (the app); false leaves it to drainQueue() (the CLI). Default false. */
  readonly autoEmbed?: boolean;
  /**
   * A short command that reads a few rows (`engram status`, `list`, `get`): the buffer cache
   * starts from a smaller floor, which holds less memory (see BRIEF_BUFFER_CACHE_FLOOR_MB).
   */
  readonly brief?: boolean;
  /** Who holds the lock, shown to a second process that is refused ("the Engram app", "engram CLI"). */
  readonly holder?: string;
  /** This process will serve the memory on the memory socket (the app, `engram mcp`): a CLI finding it busy waits. */
  readonly serves?: boolean;
  /** A prepared database tarball to start a new data directory from (tests). */
  readonly seed?: Blob;
  /** Overrides how hybrid recall fuses its two legs (evaluation). */
  readonly fusion?: Fusion;
  /**
   * How many recent query vectors recall keeps (default QUERY_VECTOR_CACHE_SIZE). Benchmarks that time a query's
   * embedding pass 0, so a query they repeat is embedded every time, as a person's new query is.
   */
  readonly queryVectorCacheSize?: number;
  /** How long a replaced embedding space is kept for undo (default 7 days). */
  readonly undoPeriodMs?: number;
  /**
   * Load the built-in model while the database opens, so the first semantic recall does not wait for it (about a
   * second). Dropped again when the active space uses another provider. Default: the value of autoEmbed.
   */
  readonly warmUpEmbedder?: boolean;
  /**
   * Watch every connected folder and catch each up at open (in the background): the app, `engram sources watch`,
   * `engram mcp`. Default: the value of autoEmbed (short CLI commands neither embed nor watch).
   */
  readonly watchSources?: boolean;
  /** Quiet time before a connected folder's changes are read (default 150 ms; tests and benchmarks). */
  readonly settleMs?: number;
  /**
   * Take the daily automatic backup while the memory is open (the app, `engram mcp`), when automatic backups are on.
   * Default false (a CLI command is too short-lived).
   */
  readonly autoBackup?: boolean;
  /** How long after opening the first automatic-backup check runs (default 2 minutes, so start-up is not slowed). */
  readonly autoBackupDelayMs?: number;
}

/**
 * Session settings for vector searches: complete results under filters, and recall's HNSW candidate list for any
 * search that does not set its own (recall and related notes set theirs in their transaction: see hnsw-search.ts).
 */
async function tuneSession(db: Database): Promise<void> {
  await db.exec(`set hnsw.ef_search = ${RECALL_EF_SEARCH}; set hnsw.iterative_scan = strict_order;`);
}

/** Makes sure an active embedding space exists: on a new memory, the built-in model's. */
async function ensureActiveSpace(db: Database): Promise<SpaceRecord> {
  const spaces = new SpacesRepository(db);
  const active = await spaces.active();
  const space = active ?? (await spaces.create(builtinModelInfo(), 'active'));
  await spaces.ensureIndex(space);
  return space;
}

/**
 * Runs open-time upkeep that writes (purging retired spaces, statistics) and carries on when the disk is full, so a
 * memory on a full disk still opens for reading; anything else, or a database that stopped, is raised.
 */
async function upkeep(work: () => Promise<unknown>, guard: FatalGuardState | null): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!isDiskFull(error) || guard?.stopped) throw error;
  }
}

/**
 * Opens the memory in a data directory in this thread: takes the directory lock, opens PGlite with pgvector and
 * BM25, migrates the schema, and makes sure an embedding space is active. The data directory is made private to
 * this user (folders 0700, files 0600) and a restore interrupted by a crash is finished first. A database that will
 * not start raises DATABASE_DAMAGED naming the cause and the newest backup (or DISK_FULL). Anything that fails
 * releases the lock.
 */
export async function openEngram(options: OpenEngramOptions): Promise<Engram> {
  const dataDir = path.resolve(options.dataDir);
  const lock = acquireDataDirLock(dataDir, options.holder ?? `engram (pid ${process.pid})`, options.serves);
  let db: Database | null = null;
  let guard: FatalGuardState | null = null;
  const providers = new ProviderRegistry();
  try {
    recoverInterruptedRestore(dataDir);
    if (options.warmUpEmbedder ?? options.autoEmbed) providers.prewarmBuiltin();
    db = await openDatabase(dataDir, { seed: options.seed, ...(options.brief ? { cacheFloorMb: BRIEF_BUFFER_CACHE_FLOOR_MB } : {}) }).catch((error: unknown) => {
      throw explainOpenFailure(error, dataDir);
    });
    makeDirPrivate(dataDir);
    makeTreePrivate(databaseDir(dataDir));
    guard = installFatalGuard(db);
    const schemaVersion = await migrate(db);
    await tuneSession(db);
    const active = await ensureActiveSpace(db);
    if (active.provider !== 'builtin') await providers.discardPrewarmed();
    const engram = new Engram({ dataDir, db, lock, providers, schemaVersion, fusion: options.fusion, queryVectorCacheSize: options.queryVectorCacheSize, undoPeriodMs: options.undoPeriodMs, settleMs: options.settleMs, guard });
    const fatal = guard;
    await upkeep(() => engram.reembed.purgeRetired(), fatal);
    await upkeep(() => engram.statistics.ensureAnalysed(), fatal);
    await engram.setup.init();
    await engram.agents.upgradePolicy();
    engram.startLinkBackfill();
    if (options.autoEmbed) engram.startBackgroundEmbedding();
    if (options.watchSources ?? options.autoEmbed) await engram.startSources();
    if (options.autoBackup) engram.startAutomaticBackups(options.autoBackupDelayMs);
    return engram;
  } catch (error) {
    await providers.close().catch(() => undefined);
    await db?.close().catch(() => undefined);
    lock.release();
    throw storageError(error, dataDir, guard);
  }
}
