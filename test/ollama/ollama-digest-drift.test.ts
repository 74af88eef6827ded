// Digest drift: same, drifted (re-pulled or updated), missing, unreachable, against the stand-in server (not Ollama).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOllamaDigest, normaliseDigest } from '../../src/core/embedding/ollama/ollama-digest-drift';
import { createOllamaProvider } from '../../src/core/embedding/ollama/ollama-provider';
import { startFakeOllamaServer } from '../support/fake-ollama-server';
import type { FakeOllamaServer } from '../support/fake-ollama-server';

let server: FakeOllamaServer;
beforeAll(async () => {
  server = await startFakeOllamaServer({ installed: ['all-minilm', 'nomic-embed-text'] });
});
afterAll(async () => {
  await server.close();
});

describe('checkOllamaDigest', () => {
  it('follows a recorded digest through an update, a removal and an outage', async () => {
    const provider = createOllamaProvider({ host: server.url, model: 'all-minilm' });
    const recorded = (await provider.describe()).digest;
    await provider.close();
    expect(recorded).toBe(server.digestOf('all-minilm'));
    const check = (recordedDigest: string | null) => checkOllamaDigest({ host: server.url, model: 'all-minilm', recordedDigest });

    expect(await check(recorded)).toEqual({ state: 'same', recordedDigest: recorded, currentDigest: recorded });
    expect((await check(`sha256:${recorded!.toUpperCase()}`)).state).toBe('same');

    server.redigest('all-minilm');
    const drifted = await check(recorded);
    expect(drifted.state).toBe('drifted');
    expect(drifted.currentDigest).toBe(server.digestOf('all-minilm'));
    expect(drifted.currentDigest).not.toBe(recorded);

    expect((await check(null)).state).toBe('drifted');

    server.remove('all-minilm');
    expect(await check(recorded)).toEqual({ state: 'missing', recordedDigest: recorded, currentDigest: null });

    await server.setDown(true);
    expect((await check(recorded)).state).toBe('unreachable');
    await server.setDown(false);
  });

  it('normalises digests for comparison', () => {
    expect(normaliseDigest(' sha256:ABC ')).toBe('abc');
    expect(normaliseDigest('sha256-abc')).toBe('abc');
  });
});
