import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { startFakeOllamaServer, type FakeOllamaServer } from '../support/fake-ollama-server';
import { openTempEngram } from '../support/temp-engram';

// The engine with Ollama as its provider, talking to the stand-in server over HTTP through the real `ollama` client.
describe('engine on Ollama: faults lose nothing', () => {
  let server: FakeOllamaServer;
  let engram: Engram;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    server = await startFakeOllamaServer();
    ({ engram, cleanup } = await openTempEngram());
    await engram.updateSettings({ ollamaHost: server.url });
  });
  afterAll(async () => {
    await cleanup();
    await server.close();
  });

  it('switches an empty memory to an Ollama model at once, recording its identity', async () => {
    const result = await engram.chooseEmbedding({ provider: 'ollama', model: 'nomic-embed-text' });
    expect(result).toMatchObject({ outcome: 'switched', activeSpace: { provider: 'ollama', model: 'nomic-embed-text', dimensions: 768, state: 'active' } });
    expect(result.activeSpace.digest).toBe(server.digestOf('nomic-embed-text:latest'));
    const status = await engram.status();
    expect(status.provider).toMatchObject({ reachable: true, drift: 'same', message: null });
    expect((await engram.chooseEmbedding({ provider: 'ollama', model: 'nomic-embed-text' })).outcome).toBe('unchanged');
  });

  it('embeds through Ollama with the document prefix and recalls by meaning', async () => {
    await engram.addNote({ body: 'Repotting succulents: use gritty soil and water sparingly.' });
    await engram.addNote({ body: 'The quarterly tax filing is due at the end of the month.' });
    server.clearRequests();
    expect(await engram.drainQueue()).toBe(2);
    const embedRequest = server.requests.find((r) => r.path === '/api/embed' && JSON.stringify(r.body).includes('Repotting'));
    expect(JSON.stringify(embedRequest?.body)).toContain('search_document: Repotting');
    const found = await engram.recall('caring for house plants', { mode: 'vector', limit: 1 });
    expect(found.results[0]?.title).toMatch(/succulents/);
  });

  it('keeps notes searchable while Ollama is down, and embeds them once it is back', async () => {
    await server.setDown(true);
    const { note } = await engram.addNote({ body: 'Bicycle chain needs oil every two hundred kilometres.' });
    expect(await engram.drainQueue()).toBe(0);
    const status = await engram.status();
    expect(status.embeddings).toMatchObject({ pending: 1, failed: 0 });
    await expect.poll(async () => (await engram.status()).provider.message, { timeout: 10_000 }).toMatch(/ollama serve/);
    const hybrid = await engram.recall('bicycle chain');
    expect(hybrid.results[0]?.id).toBe(note.id);
    expect(hybrid.notices.join(' ')).toMatch(/keyword matches only/);
    await expect(engram.recall('bicycle chain', { mode: 'vector' })).rejects.toMatchObject({ code: 'EMBEDDING_UNAVAILABLE', message: expect.stringMatching(/ollama serve/) });

    await server.setDown(false);
    await expect.poll(async () => (await engram.drainQueue()) + (await engram.status()).embeddings.pending, { timeout: 15_000, interval: 500 }).toBe(0);
    expect((await engram.status()).embeddings).toMatchObject({ pending: 0, failed: 0, done: 3 });
  });

  it('retries a 500 later, and marks a NaN vector failed with its reason while its batch-mates are stored', async () => {
    server.addFault({ kind: 'http500', times: 1 });
    await engram.addNote({ body: 'Sourdough starter: feed it flour and water daily.' });
    expect(await engram.drainQueue()).toBe(0);
    expect((await engram.status()).embeddings.pending).toBe(1);
    await expect.poll(async () => (await engram.drainQueue()) + (await engram.status()).embeddings.pending, { timeout: 15_000, interval: 500 }).toBe(0);

    server.addFault({ kind: 'nanValues', whenInputIncludes: 'POISON' });
    const poison = await engram.addNote({ body: 'POISON pill text that makes the model return NaN.' });
    await engram.addNote({ body: 'A perfectly ordinary note about hiking boots.' });
    expect(await engram.drainQueue()).toBe(1);
    const status = await engram.status();
    expect(status.embeddings.failed).toBe(1);
    expect(status.failures[0]).toMatchObject({ noteId: poison.note.id, reason: expect.stringMatching(/NaN|Infinity/) });
    expect((await engram.recall('POISON pill', { mode: 'keyword' })).results[0]?.id).toBe(poison.note.id);
    server.clearFaults();
  });

  it('reports a removed model as missing with the pull command, and a re-pulled one as drift', async () => {
    server.remove('nomic-embed-text:latest');
    await engram.addNote({ body: 'Pack sunscreen for the beach trip.' });
    await engram.drainQueue();
    expect((await engram.status()).failures.some((f) => /ollama pull nomic-embed-text/.test(f.reason))).toBe(true);
    await expect.poll(async () => (await engram.status()).provider.drift, { timeout: 10_000 }).toBe('missing');

    server.install('nomic-embed-text:latest');
    server.redigest('nomic-embed-text:latest');
    await expect.poll(async () => (await engram.status()).provider, { timeout: 10_000 }).toMatchObject({ drift: 'drifted', message: expect.stringMatching(/re-embed/) });
    expect(await engram.retryFailedEmbeddings()).toBeGreaterThan(0);
  });

  it('refuses to mix vectors: choosing another model on a memory with notes asks for a re-embed and changes nothing', async () => {
    const before = (await engram.status()).activeSpace;
    const result = await engram.chooseEmbedding({ provider: 'ollama', model: 'qwen3-embedding', dimensions: 1024 });
    expect(result).toMatchObject({ outcome: 'reembed-needed', chosen: { model: 'qwen3-embedding', dimensions: 1024 }, message: expect.stringContaining('engram reembed --provider ollama --model qwen3-embedding --dimensions 1024') });
    expect((await engram.status()).activeSpace).toEqual(before);
    await expect(engram.chooseEmbedding({ provider: 'ollama', model: 'llama3.2' })).rejects.toMatchObject({ code: 'EMBEDDING_UNAVAILABLE', message: expect.stringMatching(/not an embedding model/) });
    await expect(engram.chooseEmbedding({ provider: 'ollama', model: 'nomic-embed-text', dimensions: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('answers a phrase no note holds at once, without waiting for the query embedding', async () => {
    server.addFault({ kind: 'stall', times: 1, whenInputIncludes: 'zeppelin' });
    const result = await engram.recall('"the zeppelin hangar" zeppelin flights', { mode: 'hybrid' });
    expect(result.results).toEqual([]);
    // the query was sent, and is never answered
    await expect.poll(() => server.requests.some((r) => r.path === '/api/embed' && JSON.stringify(r.body).includes('zeppelin'))).toBe(true);
  });
});
