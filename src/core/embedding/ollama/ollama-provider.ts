// The Ollama embedding provider: batched /api/embed through the `ollama` client, several requests in flight,
// Matryoshka widths, over-long texts split and merged, every fault mapped to a retryable or permanent EmbeddingError.
import type { Ollama, EmbedResponse } from 'ollama';
import { EmbeddingError } from '../../errors';
import type { EmbeddingModelInfo, EmbeddingProvider } from '../embedding-provider';
import { toUnitVector, truncateVector } from '../vector-checks';
import { createOllamaClient } from './ollama-client';
import { isContextLengthError, isNonFiniteError, toOllamaEmbeddingError } from './ollama-errors';
import type { OllamaErrorContext } from './ollama-errors';
import { resolveOllamaHost } from './ollama-host';
import { lookupOllamaModel, sameModelName } from './model-registry';
import { readModelShow } from './ollama-model-info';
import { runBounded } from './run-bounded';
import { combinePieceVectors, splitInHalf } from './split-text';

/** Widest vector a pgvector `vector` HNSW index accepts; wider vectors are cut (Matryoshka) and renormalised. */
export const MAX_INDEX_DIMENSIONS = 2000;

/** Settings of an Ollama provider; everything but `model` has a sensible default. */
export interface OllamaProviderOptions {
  /** Ollama model name, e.g. `nomic-embed-text` or `qwen3-embedding:0.6b`. */
  readonly model: string;
  /** Base URL or OLLAMA_HOST-style value; defaults to OLLAMA_HOST, else http://127.0.0.1:11434. */
  readonly host?: string | null;
  /** Width to ask Ollama for (its `dimensions` option, Matryoshka truncation). */
  readonly dimensions?: number | null;
  /** Widest vector to store; wider ones are cut and renormalised. Default 2000 (pgvector HNSW limit). */
  readonly maxIndexDimensions?: number;
  /** Texts per /api/embed request. Default 32. */
  readonly batchSize?: number;
  /** Requests in flight at once, so Ollama always has the next batch queued. Default 2. */
  readonly concurrency?: number;
  /** Milliseconds one request may take before it counts as a (retryable) timeout. Default 120000. */
  readonly requestTimeoutMs?: number;
  /** Ollama `keep_alive` for the model (e.g. '10m'); server default when omitted. */
  readonly keepAlive?: string | number;
  /** Override the registry's query prefix (needed for unknown models that expect one). */
  readonly queryPrefix?: string;
  /** Override the registry's document prefix. */
  readonly documentPrefix?: string;
  /**
   * Ollama's `truncate`. Default false: an over-long text makes Ollama answer 400, and the provider splits the
   * text and merges the halves' vectors, so no part of a note is silently dropped. True lets Ollama cut it.
   */
  readonly truncate?: boolean;
  /** How many times a text may be halved to fit the context (default 6, i.e. into at most 64 pieces). */
  readonly maxSplitDepth?: number;
}

/** What describe() returns for Ollama: the shared model info plus how the stored vectors were shaped. */
export interface OllamaEmbeddingModelInfo extends EmbeddingModelInfo {
  readonly provider: 'ollama';
  /** Base URL the model was described from. */
  readonly host: string;
  /** Context length in tokens (registry or /api/show), null when unknown. */
  readonly contextLength: number | null;
  /** Width the user asked Ollama for (`dimensions` option), null when none. */
  readonly requestedDimensions: number | null;
  /** Width Ollama returned before Engram cut it to `dimensions`; null when nothing was cut. */
  readonly truncatedFrom: number | null;
  /** True when the model is in Engram's registry of known embedding models. */
  readonly known: boolean;
  /** Whether the model was trained for Matryoshka truncation (null when unknown). */
  readonly matryoshka: boolean | null;
}

/** One text's outcome in embedDocumentsSettled: its vector, or why it has none. */
export type OllamaEmbedOutcome = Float32Array | EmbeddingError;

const CHARS_PER_TOKEN = 3;
const DEFAULT_MAX_INPUT_CHARS = 2000;

/** Longest text (characters) to send for a context length, leaving room for the prefix and non-English text. */
export function maxInputCharsFor(contextLength: number | null, prefix: string): number {
  const budget = contextLength && contextLength > 0 ? contextLength * CHARS_PER_TOKEN : DEFAULT_MAX_INPUT_CHARS;
  return Math.max(256, budget - prefix.length);
}

/** Embeds through a running Ollama (see docs/OLLAMA.md). */
export class OllamaEmbeddingProvider implements EmbeddingProvider {
  private readonly client: Ollama;
  private readonly closer = new AbortController();
  private readonly host: string;
  private readonly model: string;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly maxSplitDepth: number;
  private described: Promise<OllamaEmbeddingModelInfo> | null = null;
  private info: OllamaEmbeddingModelInfo | null = null;
  /** Width to send as `dimensions` once describe() knows it (requested or the index cut), else undefined. */
  private sendDimensions: number | undefined;
  private closed = false;

  constructor(private readonly options: OllamaProviderOptions) {
    if (!options.model.trim()) throw new EmbeddingError('no Ollama model configured', false);
    this.model = options.model.trim();
    this.host = resolveOllamaHost(options.host).url;
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? 32));
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
    this.timeoutMs = options.requestTimeoutMs ?? 120_000;
    this.maxSplitDepth = options.maxSplitDepth ?? 6;
    this.client = createOllamaClient({ host: this.host, timeoutMs: this.timeoutMs, signal: this.closer.signal });
    this.sendDimensions = options.dimensions ?? undefined;
  }

  /** Probes the model (tags for the digest, show for context and capabilities, one embed for the width). */
  describe(): Promise<OllamaEmbeddingModelInfo> {
    if (this.closed) return Promise.reject(this.closedError());
    if (!this.described) {
      this.described = this.probe().then(
        (info) => (this.info = info),
        (error: unknown) => {
          this.described = null;
          throw error;
        },
      );
    }
    return this.described;
  }

  /** Embeds document chunks (document prefix applied); throws the first failure. */
  async embedDocuments(texts: readonly string[]): Promise<Float32Array[]> {
    const outcomes = await this.embedDocumentsSettled(texts);
    const failure = outcomes.find((o): o is EmbeddingError => o instanceof EmbeddingError);
    if (failure) throw failure;
    return outcomes as Float32Array[];
  }

  /**
   * Embeds document chunks and reports each text's outcome separately, so one poisonous text (NaN, too long even
   * after splitting) fails alone instead of failing its whole batch. Systemic faults (Ollama down, model missing,
   * timeouts) stop further requests and are reported for every text not embedded.
   */
  async embedDocumentsSettled(texts: readonly string[]): Promise<OllamaEmbedOutcome[]> {
    const info = await this.describe();
    return this.embedAll(texts, info.documentPrefix);
  }

  /** Embeds a search query (query prefix applied). */
  async embedQuery(text: string): Promise<Float32Array> {
    const info = await this.describe();
    const [outcome] = await this.embedAll([text], info.queryPrefix);
    if (outcome instanceof EmbeddingError || !outcome) throw outcome ?? new EmbeddingError('no vector returned', true);
    return outcome;
  }

  /** Cancels requests in flight; later calls fail. */
  async close(): Promise<void> {
    this.closed = true;
    this.closer.abort();
  }

  private get errorContext(): OllamaErrorContext {
    return { host: this.host, model: this.model, timeoutMs: this.timeoutMs };
  }

  private closedError(): EmbeddingError {
    return new EmbeddingError('the Ollama provider is closed', true);
  }

  private async probe(): Promise<OllamaEmbeddingModelInfo> {
    const ctx = this.errorContext;
    let digest: string | null = null;
    try {
      const list = await this.client.list();
      const entry = (Array.isArray(list?.models) ? list.models : []).find((m) => sameModelName(m.name ?? m.model, this.model));
      digest = typeof entry?.digest === 'string' ? entry.digest : null;
    } catch (error) {
      throw toOllamaEmbeddingError(error, ctx);
    }
    const show = await readModelShow(this.client, this.model).catch((error: unknown) => {
      throw toOllamaEmbeddingError(error, ctx);
    });
    if (show.capabilities.length > 0 && !show.capabilities.includes('embedding')) {
      throw new EmbeddingError(
        `${this.model} is not an embedding model (it offers ${show.capabilities.join(', ')}): choose one such as nomic-embed-text`,
        false,
      );
    }
    const spec = lookupOllamaModel(this.model);
    const requested = this.options.dimensions ?? null;
    const response = await this.request(['Engram probe'], requested ?? undefined);
    const first = response.embeddings[0];
    if (!Array.isArray(first) || first.length === 0) {
      throw new EmbeddingError(`Ollama returned no vector for ${this.model}`, true);
    }
    const returned = first.length;
    if (requested !== null && requested > returned) {
      throw new EmbeddingError(`${this.model} returns ${returned} dimensions; it cannot give ${requested}`, false);
    }
    const maxIndex = this.options.maxIndexDimensions ?? MAX_INDEX_DIMENSIONS;
    const dimensions = Math.min(requested ?? returned, maxIndex);
    this.sendDimensions = dimensions < returned || requested !== null ? dimensions : undefined;
    const contextLength = show.contextLength ?? spec?.contextLength ?? null;
    const effectiveContext = spec && contextLength ? Math.min(spec.contextLength, contextLength) : contextLength;
    const queryPrefix = this.options.queryPrefix ?? spec?.queryPrefix ?? '';
    const documentPrefix = this.options.documentPrefix ?? spec?.documentPrefix ?? '';
    return {
      provider: 'ollama',
      model: this.model,
      digest,
      dimensions,
      maxInputChars: maxInputCharsFor(effectiveContext, documentPrefix),
      queryPrefix,
      documentPrefix,
      host: this.host,
      contextLength: effectiveContext,
      requestedDimensions: requested,
      truncatedFrom: dimensions < returned ? returned : null,
      known: spec !== undefined,
      matryoshka: spec?.matryoshka ?? null,
    };
  }

  /** One /api/embed call; the response is checked for shape (a malformed one is a retryable error). */
  private async request(inputs: readonly string[], dimensions: number | undefined): Promise<{ embeddings: unknown[] }> {
    if (this.closed) throw this.closedError();
    const body = {
      model: this.model,
      input: [...inputs],
      truncate: this.options.truncate ?? false,
      ...(dimensions !== undefined ? { dimensions } : {}),
      ...(this.options.keepAlive !== undefined ? { keep_alive: this.options.keepAlive } : {}),
    };
    let response: EmbedResponse;
    try {
      response = await this.client.embed(body);
    } catch (error) {
      if (this.closed) throw this.closedError();
      throw error;
    }
    const embeddings = (response as { embeddings?: unknown } | null)?.embeddings;
    if (!Array.isArray(embeddings) || embeddings.length !== inputs.length) {
      throw new EmbeddingError(
        `Ollama at ${this.host} sent a malformed response (expected ${inputs.length} vectors); will retry`,
        true,
      );
    }
    return { embeddings };
  }

  private async embedAll(texts: readonly string[], prefix: string): Promise<OllamaEmbedOutcome[]> {
    if (this.closed) throw this.closedError();
    const outcomes: OllamaEmbedOutcome[] = new Array<OllamaEmbedOutcome>(texts.length);
    const pending: number[] = [];
    texts.forEach((text, i) => {
      if (text.trim() === '') outcomes[i] = new EmbeddingError('an empty text has no embedding', false);
      else pending.push(i);
    });
    const batches: number[][] = [];
    for (let i = 0; i < pending.length; i += this.batchSize) batches.push(pending.slice(i, i + this.batchSize));
    let systemic: EmbeddingError | null = null;
    await runBounded(
      batches.length,
      this.concurrency,
      async (b) => {
        const indexes = batches[b]!;
        try {
          const results = await this.embedBatch(indexes.map((i) => texts[i]!), prefix, 0);
          indexes.forEach((textIndex, k) => (outcomes[textIndex] = results[k]!));
        } catch (error) {
          const mapped = toOllamaEmbeddingError(error, this.errorContext);
          systemic ??= mapped;
          for (const textIndex of indexes) outcomes[textIndex] = mapped;
        }
      },
      () => systemic !== null,
      (b) => {
        for (const textIndex of batches[b]!) outcomes[textIndex] = systemic!;
      },
    );
    return outcomes;
  }

  /**
   * Embeds raw texts (prefix added here so split pieces keep it). Per-text faults come back as EmbeddingErrors in
   * their slot; systemic faults (connection, 5xx, timeout, missing model) are thrown for the caller to fan out.
   */
  private async embedBatch(texts: readonly string[], prefix: string, depth: number): Promise<OllamaEmbedOutcome[]> {
    let response: { embeddings: unknown[] };
    try {
      response = await this.request(
        texts.map((t) => prefix + t),
        this.sendDimensions,
      );
    } catch (error) {
      if (isContextLengthError(error)) {
        if (texts.length > 1) return this.bisect(texts, prefix, depth);
        return [await this.embedSplit(texts[0]!, prefix, depth)];
      }
      // NaN/Inf is tied to one text: find it by halving the batch rather than failing its neighbours.
      if (isNonFiniteError(error)) {
        if (texts.length > 1) return this.bisect(texts, prefix, depth);
        return [toOllamaEmbeddingError(error, this.errorContext)];
      }
      throw error;
    }
    return response.embeddings.map((values) => {
      try {
        return this.toVector(values);
      } catch (error) {
        return toOllamaEmbeddingError(error, this.errorContext);
      }
    });
  }

  private async bisect(texts: readonly string[], prefix: string, depth: number): Promise<OllamaEmbedOutcome[]> {
    const middle = Math.ceil(texts.length / 2);
    const left = await this.embedBatch(texts.slice(0, middle), prefix, depth);
    const right = await this.embedBatch(texts.slice(middle), prefix, depth);
    return [...left, ...right];
  }

  /** Halves a text that exceeds the context, embeds both halves, and merges them (length-weighted mean). */
  private async embedSplit(text: string, prefix: string, depth: number): Promise<OllamaEmbedOutcome> {
    if (depth >= this.maxSplitDepth || text.length < 2) {
      return new EmbeddingError(
        `a ${text.length}-character text exceeds ${this.model}'s context even after splitting it ${depth} times`,
        false,
      );
    }
    const halves = splitInHalf(text);
    const results = await this.embedBatch(halves, prefix, depth + 1);
    const failure = results.find((r): r is EmbeddingError => r instanceof EmbeddingError);
    if (failure) return failure;
    return combinePieceVectors(
      results.map((vector, i) => ({ vector: vector as Float32Array, weight: halves[i]!.length })),
      this.info!.dimensions,
    );
  }

  /** Checks one returned vector: finite, of the space's width (or the pre-cut width, then cut), renormalised. */
  private toVector(values: unknown): Float32Array {
    const info = this.info!;
    if (!Array.isArray(values)) {
      throw new EmbeddingError(`Ollama at ${this.host} sent a malformed vector; will retry`, true);
    }
    if (info.truncatedFrom !== null && values.length === info.truncatedFrom) {
      return truncateVector(values as number[], info.dimensions);
    }
    return toUnitVector(values as number[], info.dimensions);
  }
}

/** Creates an Ollama provider (no request is made until describe() or an embed). */
export function createOllamaProvider(options: OllamaProviderOptions): OllamaEmbeddingProvider {
  return new OllamaEmbeddingProvider(options);
}
