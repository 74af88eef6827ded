import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { openTempEngram } from '../support/temp-engram';

describe('engram end to end on the built-in model', () => {
  let engram: Engram;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram());
  });
  afterAll(() => cleanup());

  it('adds notes, embeds them, and recalls by keyword, meaning and exact phrase', async () => {
    const garden = await engram.addNote({ body: '# Tomatoes\nWater the tomato plants every morning and stake them in June.', tags: ['home/garden'] });
    await engram.addNote({ body: 'Quarterly budget review with the finance team on Thursday.', tags: ['work'] });
    await engram.addNote({ body: 'The recipe for grandma\'s apple pie needs cinnamon and a lattice crust.' });
    expect(garden.duplicate).toBe(false);
    expect(garden.note.title).toBe('Tomatoes');

    const beforeEmbedding = await engram.recall('tomato plants', { mode: 'hybrid' });
    expect(beforeEmbedding.pendingEmbeddings).toBeGreaterThan(0);
    expect(beforeEmbedding.results[0]?.id).toBe(garden.note.id);

    expect(await engram.drainQueue()).toBe(3);
    const paraphrase = await engram.recall('how do I look after vegetables in my garden', { mode: 'vector', limit: 1 });
    expect(paraphrase.results[0]?.id).toBe(garden.note.id);
    const phrase = await engram.recall('"lattice crust"');
    expect(phrase.results.map((r) => r.title)).toEqual(["The recipe for grandma's apple pie needs cinnamon and a lattice crust."]);
    expect(phrase.results[0]!.snippet.highlights.length).toBeGreaterThan(0);
    const status = await engram.status();
    expect(status).toMatchObject({ notes: 3, embeddings: { pending: 0, failed: 0, done: 3 }, activeSpace: { provider: 'builtin', dimensions: 512 } });
  });
});
