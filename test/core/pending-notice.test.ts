// The notice a recall gives while passages wait for embeddings counts them in plain words.
import { afterAll, describe, expect, it } from 'vitest';
import { openTempEngram } from '../support/temp-engram';

describe('the pending-embeddings notice of a recall', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('says "1 passage is" for one, and counts several', async () => {
    const { engram, cleanup } = await openTempEngram();
    cleanups.push(cleanup);
    await engram.addNote({ body: 'Water the tomato plants every morning.' });
    const one = await engram.recall('tomato', { mode: 'hybrid', limit: 5 });
    expect(one.notices).toContain('1 passage is still waiting for embeddings; until then it is found by keyword only.');
    await engram.addNote({ body: 'Feed the sourdough starter twice a day.' });
    const two = await engram.recall('tomato', { mode: 'hybrid', limit: 5 });
    expect(two.notices).toContain('2 passages are still waiting for embeddings; until then they are found by keyword only.');
    // keyword mode never waits on embeddings, so it says nothing about them
    expect((await engram.recall('tomato', { mode: 'keyword', limit: 5 })).notices).toEqual([]);
  });
});
