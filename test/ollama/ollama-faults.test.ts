// Every fault class through the real `ollama` client: retryable or permanent, with a reason a person can act on.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOllamaProvider } from '../../src/core/embedding/ollama/ollama-provider';
import type { OllamaEmbeddingProvider, OllamaProviderOptions } from '../../src/core/embedding/ollama/ollama-provider';
import { EmbeddingError } from '../../src/core/errors';
import { startFakeOllamaServer } from '../support/fake-ollama-server';
import type { FakeOllamaServer } from '../support/fake-ollama-server';

let server: FakeOllamaServer;
const providers: OllamaEmbeddingProvider[] = [];
const provider = (options: Partial<OllamaProviderOptions> = {}) => {
  const p = createOllamaProvider({ host: server.url, model: 'nomic-embed-text', ...options });
  providers.push(p);
  return p;
};
/** A provider that has already described its model, so the fault hits an embed request. */
const ready = async (options: Partial<OllamaProviderOptions> = {}) => {
  const p = provider(options);
  await p.describe();
  return p;
};
const failure = async (promise: Promise<unknown>): Promise<EmbeddingError> => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EmbeddingError);
    return error as EmbeddingError;
  }
  throw new Error('expected the call to fail');
};
const norm = (v: Float32Array) => Math.hypot(...v);
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

beforeAll(async () => {
  server = await startFakeOllamaServer();
});
afterEach(async () => {
  await Promise.all(providers.splice(0).map((p) => p.close()));
  await server.setDown(false);
  server.clearFaults();
  server.clearRequests();
  server.setSlow(0, 0);
  server.install('nomic-embed-text');
});
afterAll(async () => {
  await server.close();
});

describe('retryable faults', () => {
  it('connection refused: Ollama not running', async () => {
    const p = await ready();
    await server.setDown(true);
    const error = await failure(p.embedDocuments(['hello']));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(`cannot reach Ollama at ${server.url}`);
    expect(error.message).toContain('ollama serve');
    await server.setDown(false);
    expect(await p.embedDocuments(['hello'])).toHaveLength(1);
  });

  it('connection refused before the model was ever described', async () => {
    await server.setDown(true);
    const error = await failure(provider().describe());
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('ollama serve');
  });

  it('a timeout', async () => {
    const p = await ready({ requestTimeoutMs: 300 });
    server.addFault({ kind: 'stall', times: 1 });
    // the stall never answers: without the provider's own timeout this would hang until the test times out
    const error = await failure(p.embedDocuments(['hello']));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/did not answer within/);
  });

  it('a slow server within the timeout is fine', async () => {
    const p = await ready({ requestTimeoutMs: 2000 });
    server.setSlow(300, 0);
    expect(await p.embedDocuments(['hello'])).toHaveLength(1);
  });

  it('HTTP 500', async () => {
    const p = await ready();
    server.addFault({ kind: 'http500', times: 1 });
    const error = await failure(p.embedDocuments(['hello']));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('HTTP 500');
    expect(error.message).toContain('llama runner process has terminated');
    expect(await p.embedDocuments(['hello'])).toHaveLength(1);
  });

  it('malformed JSON', async () => {
    const p = await ready();
    server.addFault({ kind: 'malformedJson', times: 1 });
    const error = await failure(p.embedDocuments(['hello']));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('malformed response');
  });

  it('a dropped connection is retried once at once, then reported', async () => {
    const p = await ready();
    server.addFault({ kind: 'hangUp', times: 1 });
    expect(await p.embedDocuments(['hello'])).toHaveLength(1);
    server.addFault({ kind: 'hangUp', times: 2 });
    const error = await failure(p.embedDocuments(['hello']));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/connection to Ollama .* failed/);
  });

  it('a systemic fault stops further batches and is reported for every text', async () => {
    const p = await ready({ batchSize: 2, concurrency: 1 });
    server.addFault({ kind: 'http500' });
    server.clearRequests();
    const outcomes = await p.embedDocumentsSettled(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(outcomes.every((o) => o instanceof EmbeddingError && o.retryable)).toBe(true);
    expect(server.requests.filter((r) => r.path === '/api/embed')).toHaveLength(1);
  });
});

describe('permanent faults', () => {
  it('a model that is not installed: says which command to run', async () => {
    server.remove('nomic-embed-text');
    const error = await failure(provider().describe());
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('model nomic-embed-text is not installed: run `ollama pull nomic-embed-text`');
  });

  it('a model removed after it was described (404 on /api/embed)', async () => {
    const p = await ready();
    server.addFault({ kind: 'model404' });
    const error = await failure(p.embedDocuments(['hello']));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('run `ollama pull nomic-embed-text`');
  });

  it('the wrong number of dimensions', async () => {
    const p = await ready();
    server.addFault({ kind: 'wrongDimensions' });
    const error = await failure(p.embedDocuments(['hello']));
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('the model returned 767 dimensions, expected 768');
  });

  it.each([['nanValues'], ['infValues']] as const)('non-finite values (%s)', async (kind) => {
    const p = await ready();
    server.addFault({ kind });
    const error = await failure(p.embedDocuments(['hello']));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/NaN or Infinity/);
  });

  it("Ollama's own NaN error fails only the text that causes it", async () => {
    const p = await ready({ batchSize: 8 });
    server.addFault({ kind: 'nanError', whenInputIncludes: 'POISON' });
    const outcomes = await p.embedDocumentsSettled(['alpha', 'beta', 'POISON pill', 'gamma', 'delta']);
    expect(outcomes.map((o) => o instanceof Float32Array)).toEqual([true, true, false, true, true]);
    expect(outcomes[2]).toMatchObject({ retryable: false, message: expect.stringContaining('NaN or Inf') });
    const error = await failure(p.embedDocuments(['alpha', 'POISON pill']));
    expect(error.retryable).toBe(false);
  });
});

describe('the 400 context-length answer', () => {
  const sentence = (i: number) => `Sentence number ${i} talks about gardens, tomatoes and the summer sun. `;
  const longText = Array.from({ length: 24 }, (_, i) => sentence(i)).join(''); // ~1,700 chars; the context is 512

  it('splits the text in halves until each fits, then averages and renormalises', async () => {
    const p = await ready({ model: 'paraphrase-tiny' });
    server.clearRequests();
    const [v] = await p.embedDocuments([longText]);
    expect(v).toHaveLength(256);
    expect(norm(v!)).toBeCloseTo(1, 5);
    const batches = server.requests.filter((r) => r.path === '/api/embed').map((r) => (r.body as { input: string[] }).input);
    expect(batches[0]).toEqual([longText]);
    const accepted = batches.filter((b) => b.every((t) => t.length <= 512));
    const pieces = accepted.flat();
    expect(pieces.join('')).toBe(longText);
    // The result is the length-weighted mean of the pieces' own vectors.
    const pieceVectors = await p.embedDocuments(pieces);
    const mean = new Float32Array(256);
    pieceVectors.forEach((pv, i) => pv.forEach((x, k) => (mean[k]! += x * pieces[i]!.length)));
    const m = Math.hypot(...mean);
    expect(dot(v!, mean.map((x) => x / m))).toBeCloseTo(1, 5);
  });

  it('finds the over-long text in a batch by halving the batch, leaving its neighbours whole', async () => {
    const p = await ready({ model: 'paraphrase-tiny', batchSize: 8 });
    const outcomes = await p.embedDocumentsSettled(['short one', longText, 'short two', 'short three']);
    expect(outcomes.every((o) => o instanceof Float32Array)).toBe(true);
    const [alone] = await p.embedDocuments(['short two']);
    expect(dot(outcomes[2] as Float32Array, alone!)).toBeCloseTo(1, 5);
  });

  it('also splits when Ollama refuses over-long input even with truncation on', async () => {
    const p = await ready({ truncate: true });
    server.addFault({ kind: 'contextLength', maxChars: 300 });
    const [v] = await p.embedDocuments([longText]);
    expect(v).toHaveLength(768);
    expect(norm(v!)).toBeCloseTo(1, 5);
  });

  it('gives up permanently, with the reason, when splitting cannot make it fit', async () => {
    const p = await ready({ maxSplitDepth: 2 });
    server.addFault({ kind: 'contextLength', maxChars: 10 });
    const error = await failure(p.embedDocuments([longText]));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("exceeds nomic-embed-text's context even after splitting it 2 times");
  });
});

describe('closing', () => {
  it('cancels requests in flight and refuses new ones', async () => {
    const p = await ready();
    server.setSlow(2000, 0);
    const pending = p.embedDocuments(['hello']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await p.close();
    const error = await failure(pending);
    expect(error.message).toContain('closed');
    await failure(p.embedQuery('hello'));
  });
});
