import type { EmbeddingChoice, EmbeddingChoiceResult, EngramSettings, ProviderHealth } from '../../shared/models';
import type { Database } from '../db/queryable';
import { SettingsRepository } from '../db/repositories/settings-repository';
import { publicSpace, SpacesRepository, type SpaceRecord } from '../db/repositories/spaces-repository';
import { EngramError } from '../errors';
import { builtinModelInfo } from './builtin/builtin-model-info';
import { checkOllamaDigest, parseOllamaHost, resolveOllamaHost, runOllamaDoctor, type OllamaDoctorReport } from './ollama';
import { choiceForSpace, providerForChoice, validateChoice } from './provider-for-choice';
import type { ProviderRegistry } from './provider-registry';

const OLLAMA_HOST_KEY = 'ollama.host';
const HEALTH_TTL_MS = 5_000;

/** What the setup service needs. */
export interface EmbeddingSetupDeps {
  readonly db: Database;
  readonly registry: ProviderRegistry;
  /** Counts chunks that would need embedding in a new space. */
  readonly liveChunkCount: () => Promise<number>;
}

/**
 * Settings and model choice: where Ollama is, which model fills the active space, whether that model is reachable
 * and unchanged (digest drift). Switching models on a memory that has notes is refused with the re-embed to run,
 * so vectors of two models never mix.
 */
export class EmbeddingSetupService {
  private readonly settingsRepo: SettingsRepository;
  private readonly spaces: SpacesRepository;
  private ollamaHost: string | null = null;
  private healthCache: { spaceId: number; at: number; health: ProviderHealth } | null = null;

  constructor(private readonly deps: EmbeddingSetupDeps) {
    this.settingsRepo = new SettingsRepository(deps.db);
    this.spaces = new SpacesRepository(deps.db);
  }

  /** Loads settings and registers the Ollama provider factory; call once after opening. */
  async init(): Promise<void> {
    this.ollamaHost = (await this.settingsRepo.get<string>(OLLAMA_HOST_KEY)) ?? null;
    this.deps.registry.register('ollama', (space) => providerForChoice(choiceForSpace(space), this.ollamaHost));
  }

  /** The configured Ollama host (null: OLLAMA_HOST or the default). */
  ollamaHostSetting(): string | null {
    return this.ollamaHost;
  }

  /** Drops the cached health (after the active space changed). */
  forgetHealth(): void {
    this.healthCache = null;
  }

  /** The current settings. */
  async settings(): Promise<EngramSettings> {
    return { ollamaHost: this.ollamaHost };
  }

  /** Changes settings; a new Ollama host is validated and providers are rebuilt to use it. */
  async updateSettings(patch: Partial<EngramSettings>): Promise<EngramSettings> {
    if (patch.ollamaHost !== undefined) {
      const host = patch.ollamaHost === null || patch.ollamaHost.trim() === '' ? null : parseOllamaHost(patch.ollamaHost);
      await this.settingsRepo.set(OLLAMA_HOST_KEY, host);
      this.ollamaHost = host;
      this.healthCache = null;
      await this.deps.registry.reset();
    }
    return this.settings();
  }

  /** The Ollama doctor's report for the configured host, checking `model` (default: the active space's model) and Ask's chat model. */
  async doctor(model?: string, chatModel?: string | null): Promise<OllamaDoctorReport> {
    const active = await this.spaces.active();
    const wanted = model ?? (active?.provider === 'ollama' ? active.model : undefined);
    // The setting itself (null: OLLAMA_HOST or the default), so the report names where the address came from.
    return runOllamaDoctor({ host: this.ollamaHost, model: wanted, chatModel });
  }

  /**
   * Picks the model for the active space. Probes it first (so a missing model or a stopped Ollama is reported now,
   * not at the first note). Same identity: nothing to do. Empty memory: switches at once. Otherwise says that a
   * re-embed is needed and changes nothing.
   */
  async choose(raw: EmbeddingChoice): Promise<EmbeddingChoiceResult> {
    const choice = validateChoice(raw);
    const provider = providerForChoice(choice, this.ollamaHost);
    let info;
    try {
      info = await provider.describe();
    } catch (error) {
      throw new EngramError('EMBEDDING_UNAVAILABLE', `Cannot use that model: ${(error as Error).message}.`);
    } finally {
      await provider.close();
    }
    const extra = info as typeof info & { truncatedFrom?: number | null; requestedDimensions?: number | null };
    const chosen = { provider: info.provider, model: info.model, dimensions: info.dimensions, digest: info.digest };
    const active = await this.spaces.active();
    const same = active && active.provider === info.provider && active.model === info.model && active.dimensions === info.dimensions && active.digest === info.digest;
    if (active && same) return { outcome: 'unchanged', activeSpace: publicSpace(active), chosen, message: `Already using ${describe(active)}.` };
    const chunks = await this.deps.liveChunkCount();
    if (active && chunks > 0) {
      const dims = choice.provider === 'ollama' && choice.dimensions ? ` --dimensions ${choice.dimensions}` : '';
      const model = choice.provider === 'ollama' ? ` --model ${choice.model}` : '';
      return {
        outcome: 'reembed-needed',
        activeSpace: publicSpace(active),
        chosen,
        message:
          `Your ${chunks} passages are embedded with ${describe(active)}; vectors of ${info.model} (${info.dimensions}-d) cannot be mixed with them. ` +
          `Nothing was changed. Re-embed to switch: engram reembed --provider ${choice.provider}${model}${dims}`,
      };
    }
    const space = await this.deps.db.transaction(async (tx) => {
      const spaces = this.spaces.with(tx);
      const created = await spaces.create({ ...info, truncatedFrom: extra.truncatedFrom ?? null, requestedDimensions: extra.requestedDimensions ?? null }, 'building');
      await spaces.activate(created.id);
      await spaces.ensureIndex(created);
      return { ...created, state: 'active' as const };
    });
    this.healthCache = null;
    return { outcome: 'switched', activeSpace: publicSpace(space), chosen, message: `Now using ${describe(space)}.` };
  }

  /** Whether the active space's model is reachable and unchanged; Ollama is asked at most every 5 s. */
  async health(): Promise<ProviderHealth> {
    const active = await this.spaces.active();
    const checkedAt = new Date().toISOString();
    if (!active) return { reachable: null, drift: null, currentDigest: null, message: null, checkedAt };
    if (this.healthCache && this.healthCache.spaceId === active.id && Date.now() - this.healthCache.at < HEALTH_TTL_MS) return this.healthCache.health;
    const health = active.provider === 'builtin' ? builtinHealth(active, checkedAt) : await this.ollamaHealth(active, checkedAt);
    this.healthCache = { spaceId: active.id, at: Date.now(), health };
    return health;
  }

  private async ollamaHealth(space: SpaceRecord, checkedAt: string): Promise<ProviderHealth> {
    const host = resolveOllamaHost(this.ollamaHost).url;
    const check = await checkOllamaDigest({ host, model: space.model, recordedDigest: space.digest });
    const messages: Record<typeof check.state, string | null> = {
      same: null,
      drifted: `${space.model} changed since your notes were embedded (it was re-pulled or updated); re-embed so old and new vectors are not compared.`,
      missing: `${space.model} is not installed in Ollama at ${host}: run \`ollama pull ${space.model}\`. Keyword search still works.`,
      unreachable: `Nothing answers at ${host} — Ollama is not running there. Start it with \`ollama serve\`; notes are still saved and found by keyword, embeddings wait.`,
    };
    return { reachable: check.state !== 'unreachable', drift: check.state, currentDigest: check.currentDigest, message: messages[check.state], checkedAt };
  }
}

function builtinHealth(space: SpaceRecord, checkedAt: string): ProviderHealth {
  const current = builtinModelInfo().digest;
  const drifted = space.digest !== current;
  return {
    reachable: true,
    drift: drifted ? 'drifted' : 'same',
    currentDigest: current,
    message: drifted ? `The built-in model was updated (${space.digest} → ${current}); re-embed so old and new vectors are not compared.` : null,
    checkedAt,
  };
}

function describe(space: { provider: string; model: string; dimensions: number }): string {
  return `${space.provider === 'builtin' ? 'the built-in model' : `Ollama ${space.model}`} (${space.dimensions}-d)`;
}

