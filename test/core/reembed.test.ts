import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { openEngram } from '../../src/core/engine/open-engram';
import { startFakeOllamaServer, type FakeOllamaServer } from '../support/fake-ollama-server';
import { openTempEngram } from '../support/temp-engram';

const topics = ['sailing knots', 'sourdough bread', 'tax returns', 'tomato plants', 'bicycle repair', 'chess openings', 'guitar chords', 'bird watching'];

describe('re-embed: build beside, validate, switch, undo, reclaim', () => {
  let server: FakeOllamaServer;
  let engram: Engram;
  let dataDir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    server = await startFakeOllamaServer();
    ({ engram, dataDir, cleanup } = await openTempEngram());
    await engram.updateSettings({ ollamaHost: server.url });
    await engram.chooseEmbedding({ provider: 'ollama', model: 'nomic-embed-text' });
    for (let i = 0; i < 24; i++) await engram.addNote({ body: `Note ${i} about ${topics[i % topics.length]} and other things, part ${i}.` });
    await engram.drainQueue();
  });
  afterAll(async () => {
    await cleanup();
    await server.close();
  });

  it('plans with counts, a measured estimate and disk; says when nothing would change', async () => {
    const plan = await engram.planReembed({ provider: 'ollama', model: 'qwen3-embedding', dimensions: 1024 });
    expect(plan).toMatchObject({ chunks: 24, sameAsActive: false, derived: false, chosen: { model: 'qwen3-embedding', dimensions: 1024 } });
    expect(plan.estimatedSeconds).toBeGreaterThanOrEqual(0);
    expect(plan.estimatedBytes).toBeGreaterThan(24 * 1024 * 4);
    const same = await engram.planReembed({ provider: 'ollama', model: 'nomic-embed-text' });
    expect(same).toMatchObject({ sameAsActive: true, message: expect.stringContaining('already the active space') });
    await expect(engram.startReembed({ provider: 'ollama', model: 'nomic-embed-text' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('keeps recall on the active space while building; new notes go to both spaces, forgotten ones are skipped', async () => {
    await engram.startReembed({ provider: 'ollama', model: 'qwen3-embedding', dimensions: 1024 });
    await expect(engram.startReembed({ provider: 'builtin' })).rejects.toMatchObject({ message: expect.stringContaining('already running') });
    expect((await engram.reembedStatus())).toMatchObject({ phase: 'building', building: { model: 'qwen3-embedding', dimensions: 1024, embedded: 0, pending: 24 } });
    const during = await engram.recall('growing tomatoes', { mode: 'vector' });
    expect(during.results.length).toBeGreaterThan(0);
    expect((await engram.status()).activeSpace).toMatchObject({ model: 'nomic-embed-text' });

    const added = await engram.addNote({ body: 'Added mid-build: notes on pottery glazes.' });
    const forgotten = (await engram.listNotes({ limit: 1 })).notes[0]!;
    await engram.forgetNote(added.note.id === forgotten.id ? 1 : forgotten.id);
    await engram.pauseReembed();
    await engram.drainQueue();
    const paused = await engram.reembedStatus();
    expect(paused).toMatchObject({ phase: 'paused', building: { embedded: 0 } });
    expect((await engram.status()).embeddings.pending).toBe(0); // the active space kept up
  });

  it('resumes after a restart, then validates and switches atomically, keeping the old space for undo', async () => {
    await engram.close();
    engram = await openEngram({ dataDir });
    await engram.resumeReembed();
    await engram.drainQueue();
    const spaces = await engram.listSpaces();
    const active = spaces.find((s) => s.state === 'active')!;
    expect(active).toMatchObject({ model: 'qwen3-embedding', dimensions: 1024, coverage: 1, pending: 0 });
    expect(active.embedded).toBe(24); // 24 live notes (one forgotten, one added): each embedded once
    const retired = spaces.find((s) => s.state === 'retired' && s.model === 'nomic-embed-text')!;
    expect(retired).toMatchObject({ model: 'nomic-embed-text', purgedAt: null });
    expect(new Date(retired.purgeAfter!).getTime()).toBeGreaterThan(Date.now());
    expect((await engram.reembedStatus())).toMatchObject({ phase: 'idle', undo: { model: 'nomic-embed-text' } });
    const after = await engram.recall('bread baking', { mode: 'vector', limit: 3 });
    expect(after.results.some((r) => /sourdough/.test(r.title))).toBe(true);
  });

  it('derives a smaller Matryoshka width from stored vectors without calling the model', async () => {
    const plan = await engram.planReembed({ provider: 'ollama', model: 'qwen3-embedding', dimensions: 256 });
    expect(plan).toMatchObject({ derived: true, estimatedSeconds: null });
    await engram.startReembed({ provider: 'ollama', model: 'qwen3-embedding', dimensions: 256 });
    server.clearRequests();
    await engram.drainQueue();
    const chunkEmbeds = server.requests.filter((r) => r.path === '/api/embed' && JSON.stringify(r.body).includes('Note '));
    expect(chunkEmbeds).toHaveLength(0);
    expect((await engram.status()).activeSpace).toMatchObject({ model: 'qwen3-embedding', dimensions: 256 });
    expect((await engram.recall('chess', { mode: 'vector', limit: 1 })).results[0]?.title).toMatch(/chess/);
  });

  it('undoes the switch, cancels a build, and reclaims the disk of retired spaces', async () => {
    await engram.undoReembed();
    expect((await engram.status()).activeSpace).toMatchObject({ dimensions: 1024 });
    await engram.startReembed({ provider: 'builtin' });
    const cancelled = await engram.cancelReembed();
    expect(cancelled.phase).toBe('idle');
    expect((await engram.listSpaces()).some((s) => s.provider === 'builtin' && s.model === 'universal-sentence-encoder-lite' && s.state === 'building')).toBe(false);
    const reclaimed = await engram.purgeRetiredSpaces();
    expect(reclaimed.spaces).toBeGreaterThanOrEqual(2);
    expect(reclaimed.reclaimedBytes).toBeGreaterThanOrEqual(0);
    const spaces = await engram.listSpaces();
    for (const s of spaces.filter((x) => x.state === 'retired')) expect(s).toMatchObject({ embedded: 0, purgedAt: expect.any(String) });
    await expect(engram.undoReembed()).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
