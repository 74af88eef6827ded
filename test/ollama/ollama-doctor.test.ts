// The doctor against the stand-in server (not Ollama): reachable, unreachable, model missing, chat model excluded.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runOllamaDoctor } from '../../src/core/embedding/ollama/ollama-doctor';
import { startFakeOllamaServer } from '../support/fake-ollama-server';
import type { FakeOllamaServer } from '../support/fake-ollama-server';

let server: FakeOllamaServer;
beforeAll(async () => {
  server = await startFakeOllamaServer();
});
afterEach(async () => {
  await server.setDown(false);
  server.clearFaults();
  server.install('nomic-embed-text');
});
afterAll(async () => {
  await server.close();
});

describe('runOllamaDoctor', () => {
  it('reports version and the installed embedding models by capability, excluding chat models', async () => {
    const report = await runOllamaDoctor({ host: server.url, model: 'nomic-embed-text' });
    expect(report).toMatchObject({
      host: server.url,
      hostSource: 'setting',
      reachable: true,
      version: '0.12.6',
      configuredModel: 'nomic-embed-text',
      configuredModelInstalled: true,
      configuredModelIsEmbedding: true,
      problems: [],
      ok: true,
    });
    expect(report.embeddingModels.map((m) => m.name)).toEqual(['nomic-embed-text:latest', 'paraphrase-tiny:latest', 'qwen3-embedding:latest']);
    expect(report.otherModels).toEqual(['llama3.2:latest']);
    expect(report.embeddingModels.find((m) => m.name === 'nomic-embed-text:latest')).toMatchObject({
      dimensions: 768,
      contextLength: 2048,
      known: true,
      digest: server.digestOf('nomic-embed-text'),
      capabilities: ['embedding'],
    });
    // A model Engram has never heard of, found by its capability rather than its name.
    expect(report.embeddingModels.find((m) => m.name === 'paraphrase-tiny:latest')).toMatchObject({ dimensions: 256, contextLength: 128, known: false });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('says how to start Ollama when it is unreachable', async () => {
    await server.setDown(true);
    const report = await runOllamaDoctor({ host: server.url, model: 'nomic-embed-text' });
    expect(report.reachable).toBe(false);
    expect(report.ok).toBe(false);
    expect(report.version).toBeNull();
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ code: 'unreachable', command: 'ollama serve' });
    expect(report.problems[0]!.message).toBe(`Nothing answers at ${server.url} — Ollama is not running there (address set in Engram)`);
  });

  it('reports an unusable host setting as a problem instead of throwing', async () => {
    const report = await runOllamaDoctor({ host: 'ftp://example', model: 'nomic-embed-text' });
    expect(report).toMatchObject({ reachable: false, ok: false, hostSource: 'setting' });
    expect(report.problems).toEqual([expect.objectContaining({ code: 'invalid-host' })]);
  });

  it('names OLLAMA_HOST when that is where the address came from', async () => {
    await server.setDown(true);
    const report = await runOllamaDoctor({ env: { OLLAMA_HOST: `127.0.0.1:${server.port}` } });
    expect(report.hostSource).toBe('env');
    expect(report.problems[0]!.message).toContain('(address from OLLAMA_HOST)');
  });

  it('says in plain words when the port is one fetch refuses to use, never "fetch failed"', async () => {
    const report = await runOllamaDoctor({ host: 'http://127.0.0.1:6000', env: {} });
    expect(report.problems[0]!.message).toBe('Engram may not connect to port 6000 — it is reserved for other services; Ollama usually uses 11434 (address set in Engram)');
  });

  it('offers to pull a configured model that is not installed', async () => {
    const report = await runOllamaDoctor({ host: server.url, model: 'mxbai-embed-large' });
    expect(report.configuredModelInstalled).toBe(false);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ code: 'model-not-installed', command: 'ollama pull mxbai-embed-large', pullModel: 'mxbai-embed-large' }),
    ]);
  });

  it('flags a chat model configured as the embedding model', async () => {
    const report = await runOllamaDoctor({ host: server.url, model: 'llama3.2' });
    expect(report.configuredModelInstalled).toBe(true);
    expect(report.configuredModelIsEmbedding).toBe(false);
    expect(report.problems[0]).toMatchObject({ code: 'not-an-embedding-model' });
    expect(report.problems[0]!.action).toContain('--model nomic-embed-text');
  });

  it('suggests pulling an embedding model when none is installed', async () => {
    const bare = await startFakeOllamaServer({ installed: ['llama3.2'] });
    try {
      const report = await runOllamaDoctor({ host: bare.url });
      expect(report.embeddingModels).toEqual([]);
      expect(report.problems).toEqual([
        expect.objectContaining({ code: 'no-model-configured', command: 'ollama pull nomic-embed-text', pullModel: 'nomic-embed-text' }),
      ]);
    } finally {
      await bare.close();
    }
  });

  it('reports a model whose details cannot be read, without failing', async () => {
    server.addFault({ kind: 'http500', paths: ['/api/show'], times: 1 });
    const report = await runOllamaDoctor({ host: server.url, model: 'nomic-embed-text' });
    expect(report.reachable).toBe(true);
    expect(report.problems.map((p) => p.code)).toContain('model-info-unavailable');
  });
});
