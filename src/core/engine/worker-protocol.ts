import type { EmbeddingProgress } from '../../shared/models';
import type { EngramApi } from './engram-api';

/** EngramApi methods callable across the worker boundary. */
export type RemoteMethod = Exclude<keyof EngramApi, 'onProgress'>;

/** A call from the client to the engine worker. */
export interface CallMessage {
  readonly type: 'call';
  readonly id: number;
  readonly method: RemoteMethod;
  readonly args: unknown[];
}

/** An error as it crosses the boundary; EngramErrors keep their code. */
export interface SerialisedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly stack?: string;
}

/** Messages from the engine worker to its client. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'open-failed'; readonly error: SerialisedError }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: SerialisedError }
  | { readonly type: 'progress'; readonly progress: EmbeddingProgress };

/** Flattens an error for postMessage. */
export function serialiseError(error: unknown): SerialisedError {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, code: (error as { code?: string }).code, stack: error.stack };
  }
  return { name: 'Error', message: String(error) };
}
