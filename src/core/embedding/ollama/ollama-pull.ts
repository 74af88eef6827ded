// Pulls a model into Ollama with streamed progress (0..1), cancellable with an AbortSignal.
import { EngramError } from '../../errors';
import { createOllamaClient } from './ollama-client';
import { asOllamaHttpError, connectionErrorCode } from './ollama-errors';

/** One progress report of a pull. `value` is the downloaded share of all layers seen so far (0..1). */
export interface OllamaPullProgress {
  readonly kind: 'progress';
  /** Ollama's status line: `pulling manifest`, `pulling 970aa74c0a90`, `verifying sha256 digest`, `success`... */
  readonly status: string;
  readonly digest: string | null;
  /** Bytes done and total of the layer being downloaded, when Ollama reports them. */
  readonly completed: number | null;
  readonly total: number | null;
  /** Share of all bytes done, never decreasing; 1 on success. */
  readonly value: number;
}

/** How a pull ended (failures throw EngramError). */
export interface OllamaPullResult {
  readonly outcome: 'success' | 'cancelled';
  readonly model: string;
}

/** Which model to pull from which Ollama, and how to follow and stop it. */
export interface OllamaPullOptions {
  readonly host: string;
  readonly model: string;
  /** Aborting ends the pull; the result is then `cancelled` (Ollama keeps partial downloads and resumes later). */
  readonly signal?: AbortSignal;
  /** Called for every progress line. */
  readonly onProgress?: (progress: OllamaPullProgress) => void;
}

/**
 * Streams a pull's progress. The generator's return value says whether it succeeded or was cancelled; Ollama
 * being down, an unknown model or a failed download throw EngramError with what to do.
 */
export async function* streamOllamaPull(
  options: Omit<OllamaPullOptions, 'onProgress'>,
): AsyncGenerator<OllamaPullProgress, OllamaPullResult, void> {
  const { host, model, signal } = options;
  const cancelled: OllamaPullResult = { outcome: 'cancelled', model };
  if (signal?.aborted) return cancelled;
  const client = createOllamaClient({ host, signal });
  const layers = new Map<string, { completed: number; total: number }>();
  let value = 0;
  try {
    const stream = await client.pull({ model, stream: true });
    for await (const part of stream) {
      const status = typeof part.status === 'string' ? part.status : '';
      const digest = typeof part.digest === 'string' && part.digest !== '' ? part.digest : null;
      const total = typeof part.total === 'number' ? part.total : null;
      const completed = typeof part.completed === 'number' ? part.completed : total !== null ? 0 : null;
      if (digest && total && total > 0) layers.set(digest, { completed: Math.min(completed ?? 0, total), total });
      let done = 0;
      let all = 0;
      for (const layer of layers.values()) {
        done += layer.completed;
        all += layer.total;
      }
      if (all > 0) value = Math.max(value, done / all);
      if (status === 'success') value = 1;
      yield { kind: 'progress', status, digest, completed, total, value };
      if (status === 'success') return { outcome: 'success', model };
    }
  } catch (error) {
    if (signal?.aborted) return cancelled;
    throw pullError(error, host, model);
  }
  if (signal?.aborted) return cancelled;
  throw new EngramError('EMBEDDING_UNAVAILABLE', `pulling ${model} ended before Ollama reported success; run it again`);
}

/** Pulls a model, reporting progress to a callback; resolves when it succeeded or was cancelled. */
export async function pullOllamaModel(options: OllamaPullOptions): Promise<OllamaPullResult> {
  const stream = streamOllamaPull(options);
  for (;;) {
    const next = await stream.next();
    if (next.done) return next.value;
    options.onProgress?.(next.value);
  }
}

function pullError(error: unknown, host: string, model: string): EngramError {
  const http = asOllamaHttpError(error);
  const message = http ? http.message : error instanceof Error ? error.message : String(error);
  if (!http && connectionErrorCode(error)) {
    return new EngramError('EMBEDDING_UNAVAILABLE', `cannot reach Ollama at ${host}: start it with \`ollama serve\``);
  }
  if (/file does not exist|not found|manifest unknown/i.test(message)) {
    return new EngramError('NOT_FOUND', `Ollama cannot find a model called ${model} to pull (${message}); check the name on ollama.com/library`);
  }
  return new EngramError('EMBEDDING_UNAVAILABLE', `pulling ${model} failed: ${message}`);
}
