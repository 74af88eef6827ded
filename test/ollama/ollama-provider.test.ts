// The Ollama provider through the real `ollama` client over HTTP, against the stand-in server (not Ollama).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Ollama } from 'ollama';
import { createOllamaProvider } from '../../src/core/embedding/ollama/ollama-provider';
import type { OllamaEmbeddingProvider } from '../../src/core/embedding/ollama/ollama-provider';
import { truncateVector } from '../../src/core/embedding/vector-checks';
import { startFakeOllamaServer } from '../support/fake-ollama-server';
import type { FakeOllamaServer } from '../support/fake-ollama-server';

let server: FakeOllamaServer;
const providers: OllamaEmbeddingProvider[] = [];
const provider = (options: Omit<Parameters<typeof createOllamaProvider>[0], 'host'>) => {
  const p = createOllamaProvider({ host: server.url, ...options });
  providers.push(p);
  return p;
};

const norm = (v: Float32Array) => Math.hypot(...v);
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const embedInputs = () =>
  server.requests.filter((r) => r.path === '/api/embed').map((r) => (r.body as { input: string[] }).input);

beforeAll(async () => {
  server = await startFakeOllamaServer();
});
afterEach(async () => {
  await Promise.all(providers.splice(0).map((p) => p.close()));
  server.clearFaults();
  server.clearRequests();
  server.setSlow(0, 0);
});
afterAll(async () => {
  await server.close();
});

describe('the stand-in server follows the reference', () => {
  const client = () => new Ollama({ host: server.url });
  it('normalises /api/embed vectors, cuts to `dimensions`, and answers [] for empty input', async () => {
    const full = await client().embed({ model: 'nomic-embed-text', input: ['a cat sat on the mat'] });
    expect(full.embeddings[0]).toHaveLength(768);
    expect(Math.hypot(...full.embeddings[0]!)).toBeCloseTo(1, 5);
    const cut = await client().embed({ model: 'nomic-embed-text', input: ['a cat sat on the mat'], dimensions: 64 });
    expect(cut.embeddings[0]).toHaveLength(64);
    expect(Array.from(truncateVector(full.embeddings[0]!, 64))).toEqual(cut.embeddings[0]!.map((x) => expect.closeTo(x, 6)));
    expect((await client().embed({ model: 'nomic-embed-text', input: [] })).embeddings).toEqual([]);
  });
  it('returns unnormalised single vectors from /api/embeddings', async () => {
    const { embedding } = await client().embeddings({ model: 'nomic-embed-text', prompt: 'a cat sat on the mat' });
    expect(embedding).toHaveLength(768);
    expect(Math.abs(Math.hypot(...embedding) - 1)).toBeGreaterThan(0.01);
  });
  it('answers errors with Ollama status codes and bodies', async () => {
    const post = (path: string, body?: string) =>
      fetch(`${server.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    const missing = await post('/api/embed');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'missing request body' });
    const unknown = await post('/api/embed', JSON.stringify({ model: 'nope', input: ['x'] }));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "model 'nope' not found" });
    const long = await post('/api/embed', JSON.stringify({ model: 'paraphrase-tiny', input: ['x'.repeat(600)], truncate: false }));
    expect(long.status).toBe(400);
    expect(await long.json()).toEqual({ error: 'the input length exceeds the context length' });
    const truncated = await post('/api/embed', JSON.stringify({ model: 'paraphrase-tiny', input: ['x'.repeat(600)] }));
    expect(truncated.status).toBe(200);
  });
});

describe('OllamaEmbeddingProvider', () => {
  it('describes a known model: width from a probe, context, prefixes and the digest from /api/tags', async () => {
    const info = await provider({ model: 'nomic-embed-text' }).describe();
    expect(info).toMatchObject({
      provider: 'ollama',
      model: 'nomic-embed-text',
      digest: server.digestOf('nomic-embed-text'),
      dimensions: 768,
      contextLength: 2048,
      queryPrefix: 'search_query: ',
      documentPrefix: 'search_document: ',
      truncatedFrom: null,
      known: true,
      maxInputChars: 2048 * 3 - 'search_document: '.length,
    });
    expect(info.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('describes an unknown model from a probe embed and /api/show', async () => {
    const info = await provider({ model: 'paraphrase-tiny' }).describe();
    expect(info).toMatchObject({ dimensions: 256, contextLength: 128, known: false, queryPrefix: '', documentPrefix: '', maxInputChars: 384 });
  });

  it('refuses a chat model (no embedding capability) permanently', async () => {
    await expect(provider({ model: 'llama3.2' }).describe()).rejects.toMatchObject({
      name: 'EmbeddingError',
      retryable: false,
      message: expect.stringContaining('is not an embedding model'),
    });
  });

  it('applies the document and query prefixes the model needs', async () => {
    const p = provider({ model: 'nomic-embed-text' });
    await p.embedDocuments(['the cat sat on the mat']);
    await p.embedQuery('where did the cat sit?');
    const inputs = embedInputs().flat();
    expect(inputs).toContain('search_document: the cat sat on the mat');
    expect(inputs).toContain('search_query: where did the cat sit?');
  });

  it('keeps meaning: a query lands nearest the matching document', async () => {
    const p = provider({ model: 'nomic-embed-text' });
    const docs = await p.embedDocuments([
      'My cat loves to sleep in the sun on the windowsill.',
      'The quarterly tax return is due at the end of April.',
      'Tomatoes need lots of water and full sun to ripen.',
    ]);
    for (const v of docs) expect(norm(v)).toBeCloseTo(1, 5);
    const q = await p.embedQuery('when do I have to file taxes?');
    const scores = docs.map((d) => dot(d, q));
    expect(scores.indexOf(Math.max(...scores))).toBe(1);
  });

  it('batches texts and keeps several requests in flight, returning vectors in order', async () => {
    server.setSlow(40, 0);
    const p = provider({ model: 'nomic-embed-text', batchSize: 4, concurrency: 3 });
    await p.describe();
    server.clearRequests();
    server.resetStats();
    const texts = Array.from({ length: 22 }, (_, i) => `note ${i}: ${['cats', 'taxes', 'gardening', 'music'][i % 4]} and more`);
    const vectors = await p.embedDocuments(texts);
    expect(vectors).toHaveLength(22);
    expect(embedInputs().map((b) => b.length)).toEqual([4, 4, 4, 4, 4, 2]);
    expect(server.stats().peakInFlight).toBe(3);
    const again = await p.embedDocuments([texts[13]!]);
    expect(Array.from(again[0]!)).toEqual(Array.from(vectors[13]!));
  });

  it('asks Ollama for Matryoshka `dimensions` and checks the width it gets', async () => {
    const p = provider({ model: 'nomic-embed-text', dimensions: 256 });
    const info = await p.describe();
    expect(info).toMatchObject({ dimensions: 256, requestedDimensions: 256, truncatedFrom: null });
    const [v] = await p.embedDocuments(['the cat sat on the mat']);
    expect(v).toHaveLength(256);
    expect(norm(v!)).toBeCloseTo(1, 5);
    expect(embedInputs().length).toBeGreaterThan(0);
    expect(server.requests.filter((r) => r.path === '/api/embed').every((r) => (r.body as { dimensions?: number }).dimensions === 256)).toBe(true);
  });

  it('refuses to widen a model beyond its width', async () => {
    await expect(provider({ model: 'paraphrase-tiny', dimensions: 512 }).describe()).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('cannot give 512') });
  });

  it('cuts vectors wider than the index limit to 2000 and renormalises, recording truncatedFrom', async () => {
    const p = provider({ model: 'qwen3-embedding' });
    const info = await p.describe();
    expect(info).toMatchObject({ dimensions: 2000, truncatedFrom: 4096, requestedDimensions: null });
    const [v] = await p.embedDocuments(['the cat sat on the mat']);
    expect(v).toHaveLength(2000);
    expect(norm(v!)).toBeCloseTo(1, 5);
    const full = await new Ollama({ host: server.url }).embed({ model: 'qwen3-embedding', input: ['the cat sat on the mat'] });
    expect(full.embeddings[0]).toHaveLength(4096);
    const expected = truncateVector(full.embeddings[0]!, 2000);
    expect(dot(expected, v!)).toBeCloseTo(1, 5);
  });

  it('cuts client-side when an older Ollama ignores `dimensions`', async () => {
    server.addFault({ kind: 'ignoreDimensions' });
    const p = provider({ model: 'nomic-embed-text', dimensions: 256 });
    expect(await p.describe()).toMatchObject({ dimensions: 256, truncatedFrom: 768 });
    const [v] = await p.embedDocuments(['the cat sat on the mat']);
    server.clearFaults();
    const [honoured] = await provider({ model: 'nomic-embed-text', dimensions: 256 }).embedDocuments(['the cat sat on the mat']);
    expect(v).toHaveLength(256);
    expect(dot(v!, honoured!)).toBeCloseTo(1, 5);
  });

  it('gives empty texts no vector instead of inventing one', async () => {
    const p = provider({ model: 'paraphrase-tiny' });
    const outcomes = await p.embedDocumentsSettled(['fine text', '   ']);
    expect(outcomes[0]).toBeInstanceOf(Float32Array);
    expect(outcomes[1]).toMatchObject({ name: 'EmbeddingError', retryable: false });
  });
});
