// Identical keyword legs that overlap run once (a hybrid search and its words-only preview), and only identical
// ones: a filter or a phrase makes another read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { SharedInFlight } from '../../src/core/recall/shared-in-flight';
import { openTempEngram } from '../support/temp-engram';

describe('SharedInFlight', () => {
  it('gives overlapping callers of one key the same run, and starts afresh once it settled', async () => {
    const shared = new SharedInFlight<number>();
    let runs = 0;
    let finish!: (n: number) => void;
    const work = () => {
      runs++;
      return new Promise<number>((resolve) => (finish = resolve));
    };
    const a = shared.run('k', work);
    const b = shared.run('k', work);
    const other = shared.run('other', () => Promise.resolve(7));
    finish(1);
    expect([await a, await b, await other]).toEqual([1, 1, 7]);
    expect(runs).toBe(1);
    const c = shared.run('k', work);
    finish(2);
    expect(await c).toBe(2);
    expect(runs).toBe(2);
  });

  it('lets a failure reach every caller of that run, and not the next one', async () => {
    const shared = new SharedInFlight<number>();
    const failing = () => Promise.reject(new Error('disk gone'));
    await expect(Promise.all([shared.run('k', failing), shared.run('k', failing)])).rejects.toThrow('disk gone');
    expect(await shared.run('k', () => Promise.resolve(3))).toBe(3);
  });
});

describe('recall legs shared between overlapping searches', () => {
  let engram: Engram;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram());
    await engram.addNote({ title: 'Garden', body: 'Water the tomato plants every morning before it gets hot.', tags: ['home'] });
    await engram.addNote({ title: 'Allotment', body: 'Tomato plants at the allotment need water twice a week.', tags: ['allotment'] });
    await engram.drainQueue();
  });

  afterAll(async () => {
    await cleanup();
  });

  it('answers a hybrid search and its overlapping words-only preview alike, and keeps each filter its own', async () => {
    const [preview, full, filtered, phrase] = await Promise.all([
      engram.recall('tomato water', { mode: 'keyword', latestOf: 'box-words' }),
      engram.recall('tomato water', { mode: 'hybrid', latestOf: 'box' }),
      engram.recall('tomato water', { mode: 'keyword', tags: ['allotment'] }),
      engram.recall('tomato "every morning"', { mode: 'keyword' }),
    ]);
    expect(preview.results.map((h) => h.title).sort()).toEqual(['Allotment', 'Garden']);
    expect(full.results.map((h) => h.title).sort()).toEqual(['Allotment', 'Garden']);
    expect(filtered.results.map((h) => h.title)).toEqual(['Allotment']);
    expect(phrase.results.map((h) => h.title)).toEqual(['Garden']);
  });
});
