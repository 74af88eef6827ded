import type { SpaceRecord } from '../db/repositories/spaces-repository';
import { EmbeddingError } from '../errors';
import { BuiltinProvider } from './builtin/builtin-provider';
import type { EmbeddingProvider } from './embedding-provider';

/** Builds a provider able to fill or query a given space. */
export type ProviderFactory = (space: SpaceRecord) => EmbeddingProvider;

/**
 * Hands out one provider per embedding space, created on first use from the factory registered for the space's
 * provider name ('builtin' is always there). Closing the registry closes every provider it made.
 */
export class ProviderRegistry {
  private readonly factories = new Map<string, ProviderFactory>([['builtin', () => new BuiltinProvider()]]);
  private readonly bySpace = new Map<number, EmbeddingProvider>();
  /** The built-in provider made by prewarmBuiltin() and not yet claimed by a space. */
  private prewarmed: EmbeddingProvider | null = null;

  /** Adds or replaces the factory for a provider name. */
  register(name: string, factory: ProviderFactory): void {
    this.factories.set(name, factory);
  }

  /** The provider for a space; throws a non-retryable EmbeddingError when no factory knows the space's provider. */
  forSpace(space: SpaceRecord): EmbeddingProvider {
    const existing = this.bySpace.get(space.id);
    if (existing) return existing;
    const factory = this.factories.get(space.provider);
    if (!factory) throw new EmbeddingError(`no embedding provider named "${space.provider}" is available in this version of Engram`, false);
    const claimed = space.provider === 'builtin' ? this.prewarmed : null;
    if (claimed) this.prewarmed = null;
    const provider = claimed ?? factory(space);
    this.bySpace.set(space.id, provider);
    return provider;
  }

  /**
   * Starts loading the built-in model before the active space is known (while the database opens); the next
   * forSpace() of a built-in space takes it over. A failed warm-up is not an error here: the first real request
   * reports it.
   */
  prewarmBuiltin(): void {
    if (this.prewarmed || [...this.bySpace.values()].some((p) => p instanceof BuiltinProvider)) return;
    const provider = new BuiltinProvider();
    this.prewarmed = provider;
    provider.warmUp().catch(() => undefined);
  }

  /** Whether a prewarmed built-in provider is waiting for its space to claim it. */
  get holdsPrewarmed(): boolean {
    return this.prewarmed !== null;
  }

  /** Closes the prewarmed built-in provider if no space claimed it (the active space uses another provider). */
  async discardPrewarmed(): Promise<void> {
    const unused = this.prewarmed;
    this.prewarmed = null;
    await unused?.close();
  }

  /** Closes the providers handed out so far; the next request builds fresh ones (after a settings change). */
  async reset(): Promise<void> {
    await this.close();
  }

  /** Closes every provider handed out. */
  async close(): Promise<void> {
    const providers = [...this.bySpace.values(), ...(this.prewarmed ? [this.prewarmed] : [])];
    this.bySpace.clear();
    this.prewarmed = null;
    await Promise.all(providers.map((p) => p.close()));
  }
}
