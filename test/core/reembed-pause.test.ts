import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { startFakeOllamaServer, type FakeOllamaServer } from '../support/fake-ollama-server';
import { openTempEngram } from '../support/temp-engram';

const NOTES = 120;
const BATCH = 8;
const MODEL_LATENCY_MS = 60;

/** Chunk texts the stand-in server was asked to embed, one entry per text per request. */
function embeddedInputs(server: FakeOllamaServer): string[] {
  return server.requests
    .filter((r) => r.path === '/api/embed')
    .flatMap((r) => ((r.body as { input?: unknown }).input as string[] | string | undefined) ?? [])
    .filter((text) => text.includes('Pause note'));
}

function embedRequests(server: FakeOllamaServer): number {
  return server.requests.filter((r) => r.path === '/api/embed' && JSON.stringify(r.body).includes('Pause note')).length;
}

// A pause must take effect between batches, not at the end of the runner's pass over the backlog.
describe('re-embed pause: takes effect within the batches already sent to the model', () => {
  let server: FakeOllamaServer;
  let engram: Engram;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    // hashed vectors: the stand-in answers at once, and the simulated latency is what the runner waits for
    server = await startFakeOllamaServer({ embedder: 'hashed' });
    ({ engram, cleanup } = await openTempEngram());
    await engram.updateSettings({ ollamaHost: server.url });
    for (let i = 0; i < NOTES; i++) await engram.addNote({ body: `Pause note ${i}: a short passage about item ${i * 7} and its neighbour ${i + 1}.` });
    await engram.drainQueue(); // the active (built-in) space first
  });
  afterAll(async () => {
    await cleanup();
    await server.close();
  });

  it('stops feeding the building space after pause(), keeps what was embedded, and resume embeds the rest exactly once', async () => {
    await engram.startReembed({ provider: 'ollama', model: 'nomic-embed-text' });
    server.clearRequests(); // the plan's probe embeds a sample; only the build's requests count below
    server.setSlow(MODEL_LATENCY_MS);
    const draining = engram.drainQueue({ batchSize: BATCH });
    await expect.poll(async () => (await engram.reembedStatus()).building?.embedded ?? 0, { timeout: 20_000, interval: 10 }).toBeGreaterThanOrEqual(2 * BATCH);

    await engram.pauseReembed();
    const requestsAtPause = embedRequests(server);
    const storedAtPause = (await engram.reembedStatus()).building!.embedded;
    await draining;
    const paused = await engram.reembedStatus();
    const storedAfter = paused.building!.embedded;

    expect(paused.phase).toBe('paused');
    // at most one more batch is handed to the model after pause(); what it already had (the batch being embedded
    // and the one pipelined behind it) is written, not dropped
    expect(embedRequests(server) - requestsAtPause).toBeLessThanOrEqual(1);
    expect(storedAfter - storedAtPause).toBeLessThanOrEqual(2 * BATCH);
    expect(storedAfter).toBeLessThan(NOTES - 2 * BATCH);
    expect(paused.building!.pending).toBe(NOTES - storedAfter);
    expect(new Set(embeddedInputs(server)).size).toBe(storedAfter); // everything sent was stored

    const requestsAfter = embedRequests(server);
    await new Promise((r) => setTimeout(r, 3 * MODEL_LATENCY_MS));
    expect(embedRequests(server)).toBe(requestsAfter); // nothing keeps running in the background
    expect((await engram.reembedStatus()).building!.embedded).toBe(storedAfter);

    server.setSlow(0);
    await engram.resumeReembed();
    await engram.drainQueue({ batchSize: BATCH });
    const done = await engram.reembedStatus();
    expect(done).toMatchObject({ phase: 'idle', active: { model: 'nomic-embed-text', embedded: NOTES, pending: 0, failed: 0, coverage: 1 } });
    const inputs = embeddedInputs(server);
    expect(inputs).toHaveLength(NOTES); // every chunk sent to the model exactly once over pause and resume
    expect(new Set(inputs).size).toBe(NOTES);
  });
});
