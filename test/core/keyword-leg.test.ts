import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { openTempEngram } from '../support/temp-engram';

describe('the keyword leg', () => {
  let engram: Engram;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram());
    for (let i = 0; i < 12; i++) await engram.addNote({ title: `Filler ${i}`, body: `An ordinary note about walking the dog, number ${i}.` });
    await engram.addNote({ title: 'Zebra one', body: 'A zebra crossing near the school.' });
    await engram.addNote({ title: 'Zebra two', body: 'The zebra at the zoo, zebra stripes everywhere.' });
  });
  afterAll(() => cleanup());

  it.each([
    ['through the BM25 index', 'reset enable_seqscan'],
    // a plan that sorts every row by score returns chunks without the word too (score 0), after the matches
    ['when the planner sorts instead', 'set enable_indexscan = off'],
  ])('returns only chunks that contain a query word, %s', async (_plan, setting) => {
    await engram.database.exec(setting);
    try {
      const found = await engram.recall('zebra', { mode: 'keyword', limit: 50 });
      expect(found.results.map((r) => r.title)).toEqual(['Zebra two', 'Zebra one']);
      expect(found.results.every((r) => r.score > 0 && r.why.keyword!.score === r.score)).toBe(true);
    } finally {
      await engram.database.exec('reset enable_indexscan');
    }
  });

  it('scores the keyword matches it shows, in hybrid mode too', async () => {
    const found = await engram.recall('zebra stripes', { mode: 'hybrid', limit: 5 });
    const top = found.results[0]!;
    expect(top.title).toBe('Zebra two');
    expect(top.why.keyword!.score).toBeGreaterThan(0);
  });
});
