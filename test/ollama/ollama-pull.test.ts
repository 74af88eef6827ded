// Pulling with streamed progress and cancellation, against the stand-in server (not Ollama).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullOllamaModel, streamOllamaPull } from '../../src/core/embedding/ollama/ollama-pull';
import type { OllamaPullProgress } from '../../src/core/embedding/ollama/ollama-pull';
import { isEngramError } from '../../src/core/errors';
import { startFakeOllamaServer } from '../support/fake-ollama-server';
import type { FakeOllamaServer } from '../support/fake-ollama-server';

let server: FakeOllamaServer;
const installed = async () => ((await (await fetch(`${server.url}/api/tags`)).json()) as { models: { name: string }[] }).models.map((m) => m.name);

beforeAll(async () => {
  server = await startFakeOllamaServer({ pullStepDelayMs: 10 });
});
afterAll(async () => {
  await server.close();
});

describe('pullOllamaModel', () => {
  it('streams progress from 0 to 1 and installs the model', async () => {
    const seen: OllamaPullProgress[] = [];
    expect(await installed()).not.toContain('bge-m3:latest');
    const result = await pullOllamaModel({ host: server.url, model: 'bge-m3', onProgress: (p) => seen.push(p) });
    expect(result).toEqual({ outcome: 'success', model: 'bge-m3' });
    expect(seen[0]).toMatchObject({ status: 'pulling manifest', value: 0 });
    expect(seen.at(-1)).toMatchObject({ status: 'success', value: 1 });
    const withBytes = seen.filter((p) => p.total !== null);
    expect(withBytes.length).toBeGreaterThan(5);
    expect(withBytes[0]!.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.value).toBeGreaterThanOrEqual(seen[i - 1]!.value);
    expect(seen.some((p) => p.value > 0.2 && p.value < 0.9)).toBe(true);
    expect(JSON.parse(JSON.stringify(seen))).toEqual(seen);
    expect(await installed()).toContain('bge-m3:latest');
  });

  it('is cancellable with an AbortSignal and leaves the model uninstalled', async () => {
    const controller = new AbortController();
    const seen: OllamaPullProgress[] = [];
    const result = await pullOllamaModel({
      host: server.url,
      model: 'embeddinggemma',
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.value > 0.25) controller.abort();
      },
    });
    expect(result).toEqual({ outcome: 'cancelled', model: 'embeddinggemma' });
    expect(seen.at(-1)!.value).toBeLessThan(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await installed()).not.toContain('embeddinggemma:latest');
  });

  it('streams as an async iterator too', async () => {
    const statuses: string[] = [];
    const stream = streamOllamaPull({ host: server.url, model: 'all-minilm' });
    let next = await stream.next();
    while (!next.done) {
      statuses.push(next.value.status);
      next = await stream.next();
    }
    expect(next.value).toEqual({ outcome: 'success', model: 'all-minilm' });
    expect(statuses).toContain('verifying sha256 digest');
    expect(statuses.at(-1)).toBe('success');
  });

  it('fails readably for a model the registry does not have', async () => {
    const error = await pullOllamaModel({ host: server.url, model: 'no-such-model' }).catch((e: unknown) => e);
    expect(isEngramError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('cannot find a model called no-such-model') });
  });

  it('fails readably when Ollama is not running', async () => {
    await server.setDown(true);
    try {
      const error = await pullOllamaModel({ host: server.url, model: 'bge-m3' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'EMBEDDING_UNAVAILABLE', message: expect.stringContaining('ollama serve') });
    } finally {
      await server.setDown(false);
    }
  });
});
