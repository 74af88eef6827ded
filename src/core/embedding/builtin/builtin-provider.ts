import { Worker } from 'node:worker_threads';
import { EmbeddingError } from '../../errors';
import { workerScript } from '../../engine/worker-script';
import type { EmbeddingModelInfo, EmbeddingProvider, QueryEmbedOptions } from '../embedding-provider';
import { toUnitVector } from '../vector-checks';
import { builtinModelInfo } from './builtin-model-info';
import type { EmbedLane } from './embed-lanes';
import type { EmbedRequest, EmbedResponse } from './embedder-messages';

/** Texts longer than this are cut before inference: USE-lite slows down sharply on very long input. */
const HARD_INPUT_LIMIT = 4000;

/**
 * The embedded default provider: Universal Sentence Encoder lite (512-d) in a worker thread, loaded from the npm
 * package with no network. Queries go ahead of document batches (see EmbedLanes); a crashed worker is restarted on
 * the next call.
 */
export class BuiltinProvider implements EmbeddingProvider {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }>();
  private readonly info = builtinModelInfo();

  /** Reports the model's identity (no inference needed). */
  async describe(): Promise<EmbeddingModelInfo> {
    return this.info;
  }

  /** Embeds chunks; empty texts are refused rather than sent (one empty text fails the model's whole batch). */
  async embedDocuments(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.some((t) => t.trim().length === 0)) throw new EmbeddingError('cannot embed an empty text', false);
    return this.embed(texts, 'document');
  }

  /** Embeds a query, ahead of any document batches waiting for the model (and holding them back while a person types). */
  async embedQuery(text: string, options: QueryEmbedOptions = {}): Promise<Float32Array> {
    if (text.trim().length === 0) throw new EmbeddingError('cannot embed an empty text', false);
    const [vector] = await this.embed([text], options.typing ? 'typing' : 'query');
    return vector!;
  }

  /** Starts the worker and loads the model (about a second) without embedding anything. */
  async warmUp(): Promise<void> {
    await this.request([], 'query');
  }

  private async embed(texts: readonly string[], lane: EmbedLane): Promise<Float32Array[]> {
    const vectors = await this.request(texts.map((t) => t.slice(0, HARD_INPUT_LIMIT)), lane);
    return vectors.map((v) => toUnitVector(v, this.info.dimensions));
  }

  /** Stops the worker thread. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new EmbeddingError('the built-in model was closed', true));
    if (worker) await worker.terminate();
  }

  private request(texts: string[], lane: EmbedLane): Promise<Float32Array[]> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.ref(); // keep the process alive while an answer is owed
      worker.postMessage({ id, texts, lane } satisfies EmbedRequest);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerScript('builtin-embedder-worker'));
    worker.unref();
    worker.on('message', (response: EmbedResponse) => {
      const waiter = this.waiting.get(response.id);
      if (!waiter) return;
      this.waiting.delete(response.id);
      if (this.waiting.size === 0) worker.unref();
      if ('error' in response) waiter.reject(new EmbeddingError(`the built-in model failed: ${response.error}`, true));
      else waiter.resolve(response.vectors);
    });
    const onDeath = (reason: string): void => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new EmbeddingError(`the built-in model's worker stopped (${reason})`, true));
    };
    worker.on('error', (error) => onDeath(error.message));
    worker.on('exit', (code) => onDeath(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
