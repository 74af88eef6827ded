import path from 'node:path';
import { acquireDataDirLock } from '../db/data-dir-lock';
import { migrate } from '../db/migrate';
import { openDatabase } from '../db/open-database';
import type { Database } from '../db/queryable';
import { SpacesRepository } from '../db/repositories/spaces-repository';
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
  /** A prepared database tarball to start a new data directory from (tests). */
  readonly seed?: Blob;
  /** Overrides reciprocal rank fusion settings (evaluation). */
  readonly fusion?: FusionWeights;
  /** How long a replaced embedding space is kept for undo (default 7 days). */
  readonly undoPeriodMs?: number;
}

/** Session settings for recall: enough HNSW candidates for recall@10 ≥ 0.95, and complete results under filters. */
async function tuneSession(db: Database): Promise<void> {
  await db.exec(`set hnsw.ef_search = 100; set hnsw.iterative_scan = strict_order;`);
}

/** Makes sure an active embedding space exists: on a new memory, the built-in model's. */
async function ensureActiveSpace(db: Database): Promise<void> {
  const spaces = new SpacesRepository(db);
  const active = await spaces.active();
  const space = active ?? (await spaces.create(builtinModelInfo(), 'active'));
  await spaces.ensureIndex(space);
}

/**
 * Opens the memory in a data directory in this thread: takes the directory lock, opens PGlite with pgvector and
 * BM25, migrates the schema, and makes sure an embedding space is active. Anything that fails releases the lock.
 */
export async function openEngram(options: OpenEngramOptions): Promise<Engram> {
  const dataDir = path.resolve(options.dataDir);
  const lock = acquireDataDirLock(dataDir, options.holder ?? `engram (pid ${process.pid})`);
  let db: Database | null = null;
  try {
    db = await openDatabase(dataDir, { seed: options.seed });
    const schemaVersion = await migrate(db);
    await tuneSession(db);
    await ensureActiveSpace(db);
    const providers = new ProviderRegistry();
    const engram = new Engram({ dataDir, db, lock, providers, schemaVersion, fusion: options.fusion, undoPeriodMs: options.undoPeriodMs });
    await engram.reembed.purgeRetired();
    await engram.statistics.ensureAnalysed();
    await engram.setup.init();
    if (options.autoEmbed) engram.startBackgroundEmbedding();
    return engram;
  } catch (error) {
    await db?.close().catch(() => undefined);
    lock.release();
    throw error;
  }
}
