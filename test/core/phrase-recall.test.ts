import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHRASE_NOTES_MAX } from '../../src/core/db/repositories/search-repository';
import type { Engram } from '../../src/core/engine/engram';
import { openTempEngram } from '../support/temp-engram';

/** Quoted phrases: the notes holding them are found first (trigram index), then searched directly when few. */
describe('recall with quoted phrases', () => {
  const MIDDLE = 150;
  let engram: Engram;
  let cleanup: () => Promise<void>;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram());
    const add = async (key: string, body: string, tags: string[] = []) => {
      ids[key] = (await engram.addNote({ body, tags })).note.id;
    };
    await add('pie', '# Apple pie\n\nThe recipe needs cinnamon and a lattice crust; bake the pie for forty minutes.');
    await add('tart', '# Plum tart\n\nA tart with a lattice crust of butter pastry, baked until golden.', ['baking']);
    await add('bridge', '# Bridges\n\nA lattice girder bridge spans the river; its crust of rust needs paint.');
    await add('hamlet', '# Hamlet\n\nTo be or not to be, that is the question the prince asks.');
    await add('titled', '# Lattice Crust Notes\n\nOnly the title holds the phrase here; the body talks of dough.');
    // more notes holding a common phrase than are searched directly, so its legs filter while they walk
    // (and more of them holding a second phrase than the keyword leg scores one by one, so it walks the index by ids)
    for (let i = 0; i <= PHRASE_NOTES_MAX; i++) {
      await add(`common${i}`, `Weekly log ${i}: the garden shed roof leaked again${i < MIDDLE ? ' during the storm' : ''} after rain number ${i}.`);
    }
    await engram.drainQueue();
  });
  afterAll(() => cleanup());

  const found = async (query: string, options: Parameters<Engram['recall']>[1] = {}) =>
    (await engram.recall(query, { limit: 200, ...options })).results.map((r) => r.id).sort((a, b) => a - b);

  it('returns only notes that hold the phrase, in the title or the body, in every mode', async () => {
    const expected = [ids.pie!, ids.tart!, ids.titled!].sort((a, b) => a - b);
    for (const mode of ['hybrid', 'keyword', 'vector'] as const) {
      expect(await found('"lattice crust" pastry baking', { mode })).toEqual(expected);
    }
    expect(await found('"LATTICE CRUST"', { mode: 'keyword' })).toEqual(expected); // case does not matter
  });

  it('returns nothing for a phrase no note holds, whatever the other words match', async () => {
    expect(await found('"crust lattice" bridge pie tart')).toEqual([]);
    expect(await found('"rust on the girder"', { mode: 'keyword' })).toEqual([]);
  });

  it('keeps the other filters: a phrase within a tag', async () => {
    expect(await found('"lattice crust" recipe', { tags: ['baking'] })).toEqual([ids.tart]);
  });

  it('finds a phrase of stop words only (newest first), where the words alone match nothing', async () => {
    const result = await engram.recall('"to be or not to be"', { mode: 'keyword' });
    expect(result.results.map((r) => r.id)).toEqual([ids.hamlet]);
  });

  it('finds every note of a phrase held by a few hundred notes, ranked by the other words, in every mode', async () => {
    const expected = Array.from({ length: MIDDLE }, (_, i) => ids[`common${i}`]!).sort((a, b) => a - b);
    for (const mode of ['hybrid', 'keyword', 'vector'] as const) expect(await found('"during the storm" roof leaked', { mode })).toEqual(expected);
    const top = await engram.recall('"during the storm" log 42', { mode: 'keyword', limit: 3 });
    expect(top.results[0]!.id).toBe(ids.common42);
    expect(await found('"during the storm" weekly', { mode: 'keyword', tags: ['baking'] })).toEqual([]);
  });

  it('still finds a phrase held by more notes than are searched directly, ranked by the other words', async () => {
    const commons = new Set(Array.from({ length: PHRASE_NOTES_MAX + 1 }, (_, i) => ids[`common${i}`]!));
    for (const mode of ['keyword', 'hybrid'] as const) {
      const all = await found('"garden shed roof" leaked', { mode }); // the first 200 of them
      expect(all).toHaveLength(200);
      expect(all.every((id) => commons.has(id))).toBe(true);
    }
    const top = await engram.recall('"garden shed roof" log 7', { mode: 'keyword', limit: 3 });
    expect(top.results[0]!.id).toBe(ids.common7);
  });
});
