import type { EmbeddingProvider } from '../embedding/embedding-provider';

/**
 * Measures a provider's document-embedding throughput in chunks per second on sample texts: one warm-up call (model
 * load, connection) is left out of the timing. Used for the preview's time estimate.
 */
export async function measureThroughput(provider: EmbeddingProvider, texts: readonly string[]): Promise<number> {
  const sample = texts.filter((t) => t.trim() !== '');
  if (sample.length === 0) throw new Error('no text to measure with');
  await provider.embedDocuments(sample.slice(0, 1));
  const started = performance.now();
  await provider.embedDocuments(sample);
  const seconds = Math.max((performance.now() - started) / 1000, 1e-3);
  return sample.length / seconds;
}
