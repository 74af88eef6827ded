import type { EmbedLane } from './embed-lanes';

/** A request to the built-in embedder's worker thread: a query goes before background document batches. */
export interface EmbedRequest {
  readonly id: number;
  readonly texts: readonly string[];
  readonly lane: EmbedLane;
}

/** The worker's answer: one Float32Array per text, or an error message. */
export type EmbedResponse =
  | { readonly id: number; readonly vectors: Float32Array[] }
  | { readonly id: number; readonly error: string };
