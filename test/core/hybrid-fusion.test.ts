import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { openTempEngram } from '../support/temp-engram';

describe('hybrid recall on the built-in model (score fusion)', () => {
  let engram: Engram;
  let cleanup: () => Promise<void>;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram());
    const notes = {
      tomatoes: '# Tomatoes\nWater the tomato plants every morning and stake them in June.',
      roses: 'Prune the roses and feed the flower beds before spring.',
      seedlings: 'Put the seedlings out once the frost has passed, in a sunny bed.',
      invoice: 'Call Przybylski about the unpaid invoice.',
      budget: 'Quarterly budget review with the finance team on Thursday.',
      pie: "The recipe for grandma's apple pie needs cinnamon and a lattice crust.",
    };
    for (const [key, body] of Object.entries(notes)) ids[key] = (await engram.addNote({ body })).note.id;
    await engram.drainQueue();
  });
  afterAll(() => cleanup());

  it('finds by meaning a note that shares no word with the query', async () => {
    const found = await engram.recall('how do I look after vegetables', { mode: 'hybrid', limit: 3 });
    expect(found.results[0]?.id).toBe(ids.tomatoes);
    expect(found.results[0]?.why.keyword).toBeNull();
  });

  it('marks hits that hold no query word and are not close in meaning as less related, after every match', async () => {
    const nonsense = await engram.recall('xylophone quantum', { mode: 'hybrid', limit: 6 });
    expect(nonsense.results.length).toBeGreaterThan(0); // the closest notes are still offered
    expect(nonsense.results.every((hit) => hit.lessRelated)).toBe(true);
    const byMeaning = await engram.recall('how do I look after vegetables', { mode: 'hybrid', limit: 6 });
    expect(byMeaning.results[0]).toMatchObject({ id: ids.tomatoes, lessRelated: false });
    const mixed = await engram.recall('Przybylski gardening advice', { mode: 'hybrid', limit: 6 });
    const flags = mixed.results.map((hit) => hit.lessRelated);
    expect(flags[0]).toBe(false);
    expect(flags).toEqual([...flags].sort((a, b) => Number(a) - Number(b))); // no match below a less related hit
    expect(mixed.results.filter((hit) => hit.why.keyword !== null).every((hit) => !hit.lessRelated)).toBe(true);
  });

  it('puts first the only note that holds a rare query word, though the model ranks it low', async () => {
    // the model reads "gardening advice" and ranks the garden notes above the invoice
    const byMeaning = await engram.recall('Przybylski gardening advice', { mode: 'vector', limit: 6 });
    expect(byMeaning.results[0]?.id).not.toBe(ids.invoice);
    const found = await engram.recall('Przybylski gardening advice', { mode: 'hybrid', limit: 6 });
    expect(found.results[0]?.id).toBe(ids.invoice);
    expect(found.results[0]?.why.keyword?.rank).toBe(1);
  });
});
