import path from 'node:path';
import { acquireDataDirLock } from '../db/data-dir-lock';
import { migrate } from '../db/migrate';
import { openDatabase } from '../db/open-database';
import type { Database } from '../db/queryable';
import { SpacesRepository, type SpaceRecord } from '../db/repositories/spaces-repository';
import { builtinModelInfo } from '../embedding/builtin/builtin-model-info';
import { ProviderRegistry } from '../embedding/provider-registry';
import type { FusionWeights } from '../recall/rank-fusion';
import { Engram } from './engram';

/** How to open a memory. */
export interface OpenEngramOptions {
  /** The data directory (see defaultDataDir()). */
  readonly dataDir: string;
  /** Embed queued chunks in the background (the app); false leaves it to drainQueue() (the CLI). Default false. */
  readonly autoEmbed?: boolean;
  /** Who holds the lock, shown to a second process that is refused ("the Engram app", "engram CLI"). */
  readonly holder?: string;
  /** This process will serve the memory on the memory socket (the app, `engram mcp`): a CLI finding it busy waits. */
  readonly serves?: boolean;
  /** A prepared database tarball to start a new data directory from (tests). */
  readonly seed?: Blob;
  /** Overrides reciprocal rank fusion settings (evaluation). */
  readonly fusion?: FusionWeights;
  /** How long a replaced embedding space is kept for undo (default 7 days). */
  readonly undoPeriodMs?: number;
  /**
   * Load the built-in model while the database opens, so the first semantic recall does not wait for it (about a
   * second). Dropped again when the active space uses another provider. Default: the value of autoEmbed.
   */
  readonly warmUpEmbedder?: boolean;
}

/**
 * HNSW candidates per search (pgvector's hnsw.ef_search). At 100k chunks with real query embeddings, 100 gave
 * recall@10 0.932 and 200 gave 0.980 for about 2 ms more at p50 (`npm run bench`, ef_search sweep).
 */
export const HNSW_EF_SEARCH = 200;

/** Session settings for recall: the HNSW candidate list, and complete results under filters. */
async function tuneSession(db: Database): Promise<void> {
  await db.exec(`set hnsw.ef_search = ${HNSW_EF_SEARCH}; set hnsw.iterative_scan = strict_order;`);
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
 * Opens the memory in a data directory in this thread: takes the directory lock, opens PGlite with pgvector and
 * BM25, migrates the schema, and makes sure an embedding space is active. Anything that fails releases the lock.
 */
export async function openEngram(options: OpenEngramOptions): Promise<Engram> {
  const dataDir = path.resolve(options.dataDir);
  const lock = acquireDataDirLock(dataDir, options.holder ?? `engram (pid ${process.pid})`, options.serves);
  let db: Database | null = null;
  const providers = new ProviderRegistry();
  try {
    if (options.warmUpEmbedder ?? options.autoEmbed) providers.prewarmBuiltin();
    db = await openDatabase(dataDir, { seed: options.seed });
    const schemaVersion = await migrate(db);
    await tuneSession(db);
    const active = await ensureActiveSpace(db);
    if (active.provider !== 'builtin') await providers.discardPrewarmed();
    const engram = new Engram({ dataDir, db, lock, providers, schemaVersion, fusion: options.fusion, undoPeriodMs: options.undoPeriodMs });
    await engram.reembed.purgeRetired();
    await engram.statistics.ensureAnalysed();
    await engram.setup.init();
    await engram.agents.upgradePolicy();
    if (options.autoEmbed) engram.startBackgroundEmbedding();
    return engram;
  } catch (error) {
    await providers.close().catch(() => undefined);
    await db?.close().catch(() => undefined);
    lock.release();
    throw error;
  }
}
