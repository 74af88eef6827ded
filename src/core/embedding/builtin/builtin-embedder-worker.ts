// Worker thread that hosts the built-in model, so inference never blocks the thread that serves the database.
import { parentPort } from 'node:worker_threads';
import type { EmbeddingsModel } from '@energetic-ai/embeddings';
import { loadBuiltinModel } from './load-builtin-model';
import type { EmbedRequest, EmbedResponse } from './embedder-messages';

if (!parentPort) throw new Error('builtin-embedder-worker must run as a worker thread');
const port = parentPort;

// A failed load is never kept: the next request tries again.
let model: Promise<EmbeddingsModel> | null = null;
const loadModel = (): Promise<EmbeddingsModel> =>
  (model ??= loadBuiltinModel().catch((error: unknown) => {
    model = null;
    throw error;
  }));

port.on('message', async (request: EmbedRequest) => {
  let response: EmbedResponse;
  try {
    const loaded = await loadModel();
    const raw = request.texts.length ? await loaded.embed([...request.texts]) : [];
    response = { id: request.id, vectors: raw.map((v) => Float32Array.from(v)) };
  } catch (error) {
    response = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  const transfer = 'vectors' in response ? response.vectors.map((v) => v.buffer as ArrayBuffer) : [];
  port.postMessage(response, transfer);
});
