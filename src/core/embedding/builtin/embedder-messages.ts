/** A request to the built-in embedder's worker thread. */
export interface EmbedRequest {
  readonly id: number;
  readonly texts: readonly string[];
}

/** The worker's answer: one Float32Array per text, or an error message. */
export type EmbedResponse =
  | { readonly id: number; readonly vectors: Float32Array[] }
  | { readonly id: number; readonly error: string };
