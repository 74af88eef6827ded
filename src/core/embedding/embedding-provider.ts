// The contract every embedding provider (built-in model, Ollama, ...) fulfils.
import type { EmbeddingError } from '../errors';

/** The identity and limits of a provider's model; recorded in the embedding space it fills. */
export interface EmbeddingModelInfo {
  /** 'builtin' | 'ollama' | ... */
  readonly provider: string;
  readonly model: string;
  /** A fingerprint of the exact weights (Ollama digest, package version for the built-in model). */
  readonly digest: string | null;
  readonly dimensions: number;
  /** Longest text, in characters, the model embeds well; chunks are sized to fit. */
  readonly maxInputChars: number;
  readonly queryPrefix: string;
  readonly documentPrefix: string;
}

/** How a query is asked for. */
export interface QueryEmbedOptions {
  /**
   * The query comes from a person typing (search as you type): a provider that shares its model with background
   * work may hold that work back for the next keystroke. Agents' and other one-off queries leave it unset.
   */
  readonly typing?: boolean;
}

/**
 * Turns text into unit-length vectors. Providers apply their own query/document prefixes. They throw
 * `EmbeddingError` (retryable or not) and never return a vector they did not compute.
 */
export interface EmbeddingProvider {
  /** Loads or probes the model and reports its identity. */
  describe(): Promise<EmbeddingModelInfo>;
  /** Embeds document chunks, one vector per text, in order. */
  embedDocuments(texts: readonly string[]): Promise<Float32Array[]>;
  /**
   * Optional: embeds chunks and reports each text's outcome on its own (a vector, or the error for that text),
   * so one bad text fails alone. The queue prefers it when present.
   */
  embedDocumentsSettled?(texts: readonly string[]): Promise<(Float32Array | EmbeddingError)[]>;
  /** Embeds a search query. */
  embedQuery(text: string, options?: QueryEmbedOptions): Promise<Float32Array>;
  /** Optional: loads the model ahead of the first request, so that request does not wait for it. */
  warmUp?(): Promise<void>;
  /** Releases workers, sockets and memory. */
  close(): Promise<void>;
}
