// Worker thread that hosts the built-in model, so inference never blocks the thread that serves the database.
import { parentPort } from 'node:worker_threads';
import type { EmbeddingsModel } from '@energetic-ai/embeddings';
import { loadBuiltinModel } from './load-builtin-model';
import { EmbedLanes } from './embed-lanes';
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

const lanes = new EmbedLanes(async (texts) => {
  const loaded = await loadModel(); // also for no texts: that is the warm-up
  const raw = texts.length ? await loaded.embed(texts) : [];
  return raw.map((v) => Float32Array.from(v));
});

port.on('message', (request: EmbedRequest) => {
  // an empty request only loads the model (warm-up); it still waits in its lane like any other
  lanes.add(request.lane, request.texts, (answer) => {
    if ('error' in answer) return port.postMessage({ id: request.id, error: answer.error } satisfies EmbedResponse);
    const vectors = answer.vectors;
    port.postMessage({ id: request.id, vectors } satisfies EmbedResponse, vectors.map((v) => v.buffer as ArrayBuffer));
  });
});
