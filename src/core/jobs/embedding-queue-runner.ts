import type { EmbeddingProgress } from '../../shared/models';
import type { EmbeddingProvider } from '../embedding/embedding-provider';
import { toUnitVector } from '../embedding/vector-checks';
import { EmbeddingError } from '../errors';
import type { Database } from '../db/queryable';
import type { DueEmbedding, EmbeddingQueueRepository } from '../db/repositories/embedding-queue-repository';
import type { SpaceRecord, SpacesRepository } from '../db/repositories/spaces-repository';
import { MAX_EMBEDDING_ATTEMPTS, retryDelayMs } from './retry-delay';

/** What the runner needs: the database, its repositories, a provider per space, and where to report progress. */
export interface EmbeddingQueueRunnerDeps {
  readonly db: Database;
  readonly queue: EmbeddingQueueRepository;
  readonly spaces: SpacesRepository;
  readonly providerFor: (space: SpaceRecord) => EmbeddingProvider;
  readonly onProgress: (progress: EmbeddingProgress) => void;
  readonly batchSize?: number;
  /** Runs after each pass over the queue with the number of vectors it stored (re-embed checks, statistics). */
  readonly afterDrain?: (embedded: number) => Promise<void>;
  /** Resolves when no recall is running (see ForegroundGate); awaited before each write so recall goes first. */
  readonly foregroundQuiet?: () => Promise<void>;
}

/**
 * How long one write transaction should hold the database. PGlite runs one statement at a time, so a request
 * from the window that arrives mid-write waits for the rest of it; HNSW inserts cost from under a millisecond to
 * tens of milliseconds as the index grows and the machine gets busy, so the slice is sized by time, not count.
 */
const WRITE_SLICE_TARGET_MS = 12;
const MAX_WRITE_SLICE = 32;

/**
 * The next write transaction's size in vectors, from how long the last one took per vector: what fits in
 * WRITE_SLICE_TARGET_MS, changing by at most a factor of two per step, between 1 and MAX_WRITE_SLICE.
 */
export function nextWriteSlice(current: number, written: number, elapsedMs: number): number {
  const perVector = elapsedMs / Math.max(1, written);
  const fits = Math.floor(WRITE_SLICE_TARGET_MS / Math.max(perVector, 0.01));
  return Math.min(MAX_WRITE_SLICE, Math.max(1, Math.ceil(current / 2), Math.min(fits, current * 2)));
}

type Outcome = { vectors: (Float32Array | EmbeddingError)[] } | { error: EmbeddingError };
interface InFlight {
  readonly batch: DueEmbedding[];
  readonly outcome: Promise<Outcome>;
}

/**
 * Works through the durable embedding queue in batches. The next batch is embedded (in the provider's own thread or
 * server) while the previous one is written, so the model never waits for the database. Failures never lose a note:
 * retryable ones come back later with exponential backoff and jitter, permanent ones are marked with their reason,
 * and one bad text in a batch is isolated rather than failing its neighbours.
 */
export class EmbeddingQueueRunner {
  private running: Promise<number> | null = null;
  private rerun = false;
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;
  /** Vectors per write transaction, adapted so one takes about WRITE_SLICE_TARGET_MS. */
  private writeSlice = 4;
  private autoRun = false;
  private done = 0;
  private total = 0;

  constructor(private readonly deps: EmbeddingQueueRunnerDeps) {}

  /** Embeds in the background from now on, whenever work is queued or a retry comes due. */
  startBackground(): void {
    this.autoRun = true;
    this.notify();
  }

  /** Tells the runner new work was queued. */
  notify(): void {
    if (!this.autoRun || this.stopping) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.clearTimer();
    this.timer = setTimeout(() => void this.drain().catch(() => undefined), 0);
  }

  /**
   * Embeds until nothing is due; resolves with how many chunks were embedded, counting those of a run already going
   * when it was called (the background's, which it joins rather than competing with). Concurrent calls share one run.
   */
  async drain(batchSize = this.deps.batchSize ?? 32): Promise<number> {
    let joined = 0;
    if (this.running) {
      this.rerun = true;
      joined = await this.running;
    }
    if (this.stopping) return joined;
    this.running = this.runUntilEmpty(batchSize);
    try {
      return joined + (await this.running);
    } finally {
      this.running = null;
      await this.scheduleNext();
    }
  }

  /** Lets the batch in progress finish and be written (a checkpoint), then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.clearTimer();
    await this.running?.catch(() => undefined);
  }

  private async runUntilEmpty(batchSize: number): Promise<number> {
    let embedded = 0;
    do {
      this.rerun = false;
      let pass = 0;
      for (const space of await this.deps.spaces.receiving()) {
        if (space.paused) continue;
        pass += await this.drainSpace(space, batchSize);
      }
      embedded += pass;
      await this.deps.afterDrain?.(pass);
    } while (this.rerun && !this.stopping);
    const active = await this.deps.spaces.active();
    const counts = active ? await this.deps.queue.counts(active.id) : { pending: 0, failed: 0 };
    this.done = 0;
    this.total = 0;
    this.deps.onProgress({ kind: 'idle', pending: counts.pending, failed: counts.failed });
    return embedded;
  }

  private async drainSpace(space: SpaceRecord, batchSize: number): Promise<number> {
    const provider = this.deps.providerFor(space);
    const counts = await this.deps.queue.counts(space.id);
    this.total = this.done + counts.pending;
    let embedded = 0;
    let inFlight: InFlight | null = null;
    for (;;) {
      const exclude = new Set<number>(inFlight ? inFlight.batch.map((b) => b.chunkId) : []);
      if (inFlight) await this.deps.foregroundQuiet?.(); // recall first between batches too: fetching one costs queries
      // a pause (or cancel) of a building space takes effect here, between batches: what the model already has is
      // written below, and nothing more is sent; the rest stays queued for resume
      const feed = !this.stopping && (space.state !== 'building' || (await this.deps.spaces.receivesNow(space.id)));
      const batch: DueEmbedding[] = !feed ? [] : (await this.deps.queue.due(space.id, batchSize + exclude.size)).filter((b) => !exclude.has(b.chunkId)).slice(0, batchSize);
      const next: InFlight | null = batch.length ? { batch, outcome: this.embed(provider, batch) } : null;
      if (inFlight) embedded += await this.store(space, provider, inFlight.batch, await inFlight.outcome);
      if (!next) break;
      inFlight = next;
    }
    return embedded;
  }

  private async embed(provider: EmbeddingProvider, batch: readonly DueEmbedding[]): Promise<Outcome> {
    try {
      const texts = batch.map((b) => b.searchText);
      return { vectors: provider.embedDocumentsSettled ? await provider.embedDocumentsSettled(texts) : await provider.embedDocuments(texts) };
    } catch (error) {
      return { error: error instanceof EmbeddingError ? error : new EmbeddingError(error instanceof Error ? error.message : String(error), true) };
    }
  }

  private async store(space: SpaceRecord, provider: EmbeddingProvider, batch: readonly DueEmbedding[], outcome: Outcome): Promise<number> {
    if ('error' in outcome) {
      if (this.stopping && outcome.error.retryable) return 0; // interrupted by shutdown: not the texts' fault, stays due
      if (!outcome.error.retryable && batch.length > 1) return this.isolate(space, provider, batch);
      await this.fail(space, batch, outcome.error);
      return 0;
    }
    const good: { chunkId: number; vector: Float32Array }[] = [];
    const bad: { item: DueEmbedding; error: EmbeddingError }[] = [];
    batch.forEach((item, i) => {
      try {
        const raw = outcome.vectors[i];
        if (raw instanceof EmbeddingError) throw raw;
        if (!raw) throw new EmbeddingError('the model returned fewer vectors than texts', true);
        good.push({ chunkId: item.chunkId, vector: toUnitVector(raw, space.dimensions) });
      } catch (error) {
        bad.push({ item, error: error as EmbeddingError });
      }
    });
    // short transactions, and the window's requests first between them (see ForegroundGate)
    for (let i = 0; i < good.length; ) {
      const slice = good.slice(i, i + this.writeSlice);
      await this.deps.foregroundQuiet?.();
      const started = performance.now();
      await this.deps.db.transaction((tx) => this.deps.queue.with(tx).complete(space.id, slice));
      this.resizeWriteSlice(slice.length, performance.now() - started);
      i += slice.length;
    }
    for (const { item, error } of bad) await this.fail(space, [item], error);
    this.advance(good.length + bad.length);
    return good.length;
  }

  private resizeWriteSlice(written: number, elapsedMs: number): void {
    this.writeSlice = nextWriteSlice(this.writeSlice, written, elapsedMs);
  }

  /** Embeds a failed batch one text at a time, so only the texts that really fail are marked. */
  private async isolate(space: SpaceRecord, provider: EmbeddingProvider, batch: readonly DueEmbedding[]): Promise<number> {
    let embedded = 0;
    for (const item of batch) embedded += await this.store(space, provider, [item], await this.embed(provider, [item]));
    return embedded;
  }

  private async fail(space: SpaceRecord, batch: readonly DueEmbedding[], error: EmbeddingError): Promise<void> {
    const attempts = Math.max(...batch.map((b) => b.attempts)) + 1;
    const permanent = !error.retryable || attempts >= MAX_EMBEDDING_ATTEMPTS;
    const reason = permanent && error.retryable ? `gave up after ${attempts} attempts: ${error.message}` : error.message;
    await this.deps.queue.recordFailure(space.id, batch.map((b) => b.chunkId), reason, permanent ? null : retryDelayMs(attempts - 1));
    if (permanent) this.advance(batch.length);
  }

  private advance(count: number): void {
    this.done += count;
    this.total = Math.max(this.total, this.done);
    this.deps.onProgress({ kind: 'embedding', done: this.done, total: this.total, value: this.total ? this.done / this.total : 1 });
  }

  private async scheduleNext(): Promise<void> {
    if (!this.autoRun || this.stopping) return;
    if (this.rerun) return this.notify();
    const active = await this.deps.spaces.active();
    const at = active ? await this.deps.queue.nextDueAt(active.id) : null;
    if (!at) return;
    this.clearTimer();
    this.timer = setTimeout(() => this.notify(), Math.max(1_000, at.getTime() - Date.now()));
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
