import type { EmbeddingChoice, ReembedPlan, ReembedStatus, SpaceSummary } from '../../shared/models';
import { databaseDir } from '../db/data-dir';
import { ensureFreeSpace } from '../db/free-space';
import { directorySize } from '../db/directory-size';
import type { Database } from '../db/queryable';
import { ChunksRepository } from '../db/repositories/chunks-repository';
import { EmbeddingQueueRepository } from '../db/repositories/embedding-queue-repository';
import type { SearchRepository } from '../db/repositories/search-repository';
import { SettingsRepository } from '../db/repositories/settings-repository';
import { SpacesRepository, type SpaceRecord } from '../db/repositories/spaces-repository';
import type { EmbeddingModelInfo } from '../embedding/embedding-provider';
import { lookupOllamaModel } from '../embedding/ollama';
import { providerForChoice, validateChoice } from '../embedding/provider-for-choice';
import { EngramError } from '../errors';
import { validateSpace, type SpaceValidation } from './space-validation';

/** What the re-embed service needs. */
export interface ReembedDeps {
  readonly db: Database;
  readonly dataDir: string;
  readonly search: SearchRepository;
  readonly ollamaHost: () => string | null;
  /** Wakes the embedding queue runner. */
  readonly notify: () => void;
  /** Called after the active space changed (caches keyed on it must go). */
  readonly onSwitched: () => void;
  /** How long a replaced space is kept for undo. Default 7 days. */
  readonly undoPeriodMs?: number;
  /** Awaited between the validation's queries so recall goes first (see ForegroundGate). */
  readonly foregroundQuiet?: () => Promise<void>;
}

const PROBE_TEXTS = 16;
const LAST_SWITCH_KEY = 'reembed.lastSwitch';
const LAST_RECLAIM_KEY = 'reembed.lastReclaim';
/** A vector row plus its share of the HNSW graph, roughly, per dimension and per row. */
const BYTES_PER_DIMENSION = 8;
const BYTES_PER_ROW = 120;

function sameIdentity(space: SpaceRecord, info: EmbeddingModelInfo): boolean {
  return space.provider === info.provider && space.model === info.model && space.dimensions === info.dimensions && space.digest === info.digest;
}

/**
 * Switches embedding models the way a database migrates online: a new space is built beside the active one (the
 * queue fills it in the background while recall keeps using the active space), validated, switched atomically,
 * and the old one kept for an undo period before its vectors are dropped and the disk reclaimed.
 */
export class ReembedService {
  private readonly spaces: SpacesRepository;
  private readonly queue: EmbeddingQueueRepository;
  private readonly chunks: ChunksRepository;
  private readonly settings: SettingsRepository;
  private rate: { at: number; embedded: number; perSecond: number | null } | null = null;
  private finishing: Promise<void> | null = null;

  constructor(private readonly deps: ReembedDeps) {
    this.spaces = new SpacesRepository(deps.db);
    this.queue = new EmbeddingQueueRepository(deps.db);
    this.chunks = new ChunksRepository(deps.db);
    this.settings = new SettingsRepository(deps.db);
  }

  /** Describes the model, counts the work, and times a short probe to estimate duration and disk. */
  async plan(raw: EmbeddingChoice): Promise<ReembedPlan> {
    const choice = validateChoice(raw);
    const provider = providerForChoice(choice, this.deps.ollamaHost());
    try {
      let info: EmbeddingModelInfo;
      try {
        info = await provider.describe();
      } catch (error) {
        throw new EngramError('EMBEDDING_UNAVAILABLE', `Cannot use that model: ${(error as Error).message}.`);
      }
      const active = await this.spaces.active();
      const chunks = await this.chunks.countLive();
      const chosen = { provider: info.provider, model: info.model, dimensions: info.dimensions, digest: info.digest };
      const estimatedBytes = chunks * (info.dimensions * BYTES_PER_DIMENSION + BYTES_PER_ROW);
      if (active && sameIdentity(active, info)) {
        return { chosen, chunks, sameAsActive: true, derived: false, estimatedSeconds: null, estimatedBytes: 0, message: `${info.model} (${info.dimensions}-d) is already the active space: nothing to re-embed.` };
      }
      if (active && this.derivable(active, info)) {
        return { chosen, chunks, sameAsActive: false, derived: true, estimatedSeconds: null, estimatedBytes, message: `${info.dimensions}-d vectors will be cut from the stored ${active.dimensions}-d ones: no model calls.` };
      }
      const estimatedSeconds = chunks ? await this.probeSeconds(provider, chunks) : 0;
      return {
        chosen,
        chunks,
        sameAsActive: false,
        derived: false,
        estimatedSeconds,
        estimatedBytes,
        message: `${chunks} passages will be embedded with ${info.model} (${info.dimensions}-d) while search keeps using the current model.`,
      };
    } finally {
      await provider.close();
    }
  }

  /** Starts building a new space beside the active one. Refuses when one is already building or nothing changes. */
  async start(raw: EmbeddingChoice): Promise<ReembedPlan> {
    const building = await this.spaces.building();
    if (building) {
      throw new EngramError('INVALID_INPUT', `A re-embed into ${building.model} is already running; resume, pause or cancel it (engram reembed --resume | --pause | --cancel).`);
    }
    const plan = await this.plan(raw);
    if (plan.sameAsActive) throw new EngramError('INVALID_INPUT', plan.message);
    ensureFreeSpace(this.deps.dataDir, plan.estimatedBytes, `Re-embedding ${plan.chunks} passages with ${plan.chosen.model}`);
    const choice = validateChoice(raw);
    const provider = providerForChoice(choice, this.deps.ollamaHost());
    let info: EmbeddingModelInfo & { truncatedFrom?: number | null; requestedDimensions?: number | null };
    try {
      info = await provider.describe();
    } finally {
      await provider.close();
    }
    const active = await this.spaces.active();
    await this.deps.db.transaction(async (tx) => {
      const spaces = this.spaces.with(tx);
      const requestedDimensions = choice.provider === 'ollama' ? (choice.dimensions ?? info.requestedDimensions ?? null) : null;
      const space = await spaces.create({ ...info, truncatedFrom: info.truncatedFrom ?? null, requestedDimensions }, 'building');
      const queue = this.queue.with(tx);
      if (plan.derived && active) await queue.deriveByTruncation(active.id, space.id, info.dimensions);
      // the index exists before vectors arrive, so it grows a batch at a time and never needs one long build
      await spaces.ensureIndex(space);
      await queue.enqueueAllLive(space.id);
    });
    this.rate = null;
    this.deps.notify();
    return plan;
  }

  /** Pauses embedding into the space being built. */
  async pause(): Promise<ReembedStatus> {
    const building = await this.requireBuilding();
    await this.spaces.setPaused(building.id, true);
    return this.status();
  }

  /** Resumes a paused (or interrupted) build. */
  async resume(): Promise<ReembedStatus> {
    const building = await this.requireBuilding();
    await this.spaces.setPaused(building.id, false);
    await this.queue.retryFailed(building.id);
    this.deps.notify();
    return this.status();
  }

  /** Cancels the build: drops the partial space with its vectors. */
  async cancel(): Promise<ReembedStatus> {
    const building = await this.requireBuilding();
    await this.deps.db.transaction((tx) => this.spaces.with(tx).delete(building.id));
    return this.status();
  }

  /** Brings back the previous space (during its undo period); the replaced one is kept for undo in turn. */
  async undo(): Promise<ReembedStatus> {
    const previous = await this.spaces.undoable();
    if (!previous) throw new EngramError('NOT_FOUND', 'There is no previous embedding space to go back to (its undo period is over).');
    await this.deps.db.transaction(async (tx) => {
      await this.spaces.with(tx).activate(previous.id, this.undoPeriod());
      await this.spaces.with(tx).ensureIndex(previous);
      await this.queue.with(tx).enqueueAllLive(previous.id); // notes added since the switch
    });
    this.deps.onSwitched();
    this.deps.notify();
    return this.status();
  }

  /** Called after every pass of the queue: switches to a finished space once it validates. */
  async afterDrain(): Promise<void> {
    this.finishing ??= this.finishIfComplete().finally(() => (this.finishing = null));
    await this.finishing;
  }

  /** Drops vectors of retired spaces whose undo period is over (or all retired ones with `all`), then vacuums. */
  async purgeRetired(all = false): Promise<{ spaces: number; reclaimedBytes: number }> {
    const targets = all ? (await this.spaces.list()).filter((s) => s.state === 'retired' && !s.purgedAt) : await this.spaces.expired();
    if (targets.length === 0) return { spaces: 0, reclaimedBytes: 0 };
    const before = directorySize(databaseDir(this.deps.dataDir));
    for (const space of targets) await this.deps.db.transaction((tx) => this.spaces.with(tx).purgeVectors(space.id));
    await this.spaces.compactVectors();
    const reclaimedBytes = Math.max(0, before - directorySize(databaseDir(this.deps.dataDir)));
    const result = { spaces: targets.length, reclaimedBytes, at: new Date().toISOString() };
    await this.settings.set(LAST_RECLAIM_KEY, result);
    return result;
  }

  /** Every space with coverage and size. */
  async list(): Promise<SpaceSummary[]> {
    const live = await this.chunks.countLive();
    const out: SpaceSummary[] = [];
    for (const space of await this.spaces.list()) out.push(await this.summary(space, live));
    return out;
  }

  /** The re-embed job's state, with an ETA from the rate measured since it (re)started. */
  async status(): Promise<ReembedStatus> {
    const live = await this.chunks.countLive();
    const [building, active, undo] = await Promise.all([this.spaces.building(), this.spaces.active(), this.spaces.undoable()]);
    const b = building ? await this.summary(building, live) : null;
    const a = active ? await this.summary(active, live) : null;
    const u = undo ? await this.summary(undo, live) : null;
    const phase = !b ? 'idle' : b.paused ? 'paused' : b.failed > 0 && b.pending === 0 ? 'blocked' : 'building';
    const etaSeconds = b ? this.eta(b) : null;
    const lastSwitch = await this.settings.get<{ from: string; to: string; at: string }>(LAST_SWITCH_KEY);
    const messages = {
      idle: lastSwitch ? `Last switch: ${lastSwitch.from} → ${lastSwitch.to} at ${lastSwitch.at}.` : 'No re-embed running.',
      building: b ? `Embedding ${b.model}: ${b.embedded} of ${b.embedded + b.pending} passages; search keeps using ${a?.model ?? 'the current model'}.` : '',
      paused: b ? `Paused at ${b.embedded} of ${b.embedded + b.pending} passages. Resume with engram reembed --resume.` : '',
      blocked: b ? `${b.failed} passages failed to embed; fix the cause (see engram status), then engram reembed --resume, or --cancel.` : '',
    };
    return { phase, building: b, active: a, undo: u, etaSeconds, message: messages[phase] };
  }

  private async finishIfComplete(): Promise<void> {
    const building = await this.spaces.building();
    if (!building || building.paused) return;
    const counts = await this.queue.counts(building.id);
    if (counts.pending > 0 || counts.failed > 0) return;
    const validation: SpaceValidation = await validateSpace(this.spaces, this.deps.search, building, undefined, this.deps.foregroundQuiet);
    if (!validation.ok) {
      if (validation.missing > 0) await this.queue.enqueueAllLive(building.id);
      return;
    }
    const active = await this.spaces.active();
    await this.deps.db.transaction((tx) => this.spaces.with(tx).activate(building.id, this.undoPeriod()));
    await this.settings.set(LAST_SWITCH_KEY, {
      from: active ? `${active.model} (${active.dimensions}-d)` : 'none',
      to: `${building.model} (${building.dimensions}-d)`,
      at: new Date().toISOString(),
      validation,
    });
    this.deps.onSwitched();
    await this.purgeRetired();
  }

  private derivable(active: SpaceRecord, info: EmbeddingModelInfo): boolean {
    return (
      active.provider === 'ollama' &&
      info.provider === 'ollama' &&
      active.model === info.model &&
      active.digest === info.digest &&
      info.dimensions < active.dimensions &&
      lookupOllamaModel(info.model)?.matryoshka === true
    );
  }

  private async probeSeconds(provider: { embedDocuments(texts: readonly string[]): Promise<Float32Array[]> }, chunks: number): Promise<number> {
    const texts = await this.chunks.sampleLiveTexts(PROBE_TEXTS);
    await provider.embedDocuments(texts.slice(0, 1)); // warm-up: model load is not throughput
    const started = performance.now();
    await provider.embedDocuments(texts);
    const perText = (performance.now() - started) / 1000 / Math.max(1, texts.length);
    return Math.round(perText * chunks);
  }

  private eta(space: SpaceSummary): number | null {
    const now = Date.now();
    if (!this.rate || now - this.rate.at > 60_000) {
      const perSecond = this.rate ? (space.embedded - this.rate.embedded) / ((now - this.rate.at) / 1000) : null;
      this.rate = { at: now, embedded: space.embedded, perSecond: perSecond ?? this.rate?.perSecond ?? null };
    }
    const perSecond = this.rate.perSecond;
    return perSecond && perSecond > 0 ? Math.round(space.pending / perSecond) : null;
  }

  private async summary(space: SpaceRecord, live: number): Promise<SpaceSummary> {
    await this.deps.foregroundQuiet?.(); // the wizard polls this every second: recall goes first
    const embedded = await this.queue.embeddedCount(space.id);
    const counts = space.purgedAt ? { pending: 0, failed: 0 } : await this.queue.counts(space.id);
    return {
      id: space.id,
      provider: space.provider,
      model: space.model,
      digest: space.digest,
      dimensions: space.dimensions,
      state: space.state,
      createdAt: space.createdAt,
      embedded,
      pending: counts.pending,
      failed: counts.failed,
      coverage: live ? Math.min(1, embedded / live) : 1,
      diskBytes: await this.spaces.diskBytes(space.id, embedded),
      paused: space.paused,
      retiredAt: space.retiredAt,
      purgeAfter: space.purgeAfter,
      purgedAt: space.purgedAt,
    };
  }

  private async requireBuilding(): Promise<SpaceRecord> {
    const building = await this.spaces.building();
    if (!building) throw new EngramError('NOT_FOUND', 'No re-embed is running. Start one with engram reembed --provider P --model M.');
    return building;
  }

  private undoPeriod(): number {
    return this.deps.undoPeriodMs ?? 7 * 24 * 3600 * 1000;
  }
}
