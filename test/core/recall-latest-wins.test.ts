import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { openTempEngram } from '../support/temp-engram';

describe('recall streams where only the newest query matters (search as you type)', () => {
  let engram: Engram;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram());
    await engram.addNote({ title: 'Garden', body: 'Water the tomato plants every morning before it gets hot.' });
    await engram.addNote({ title: 'Piano', body: 'Practise scales on the piano for twenty minutes.' });
    await engram.drainQueue();
  });

  afterAll(async () => {
    await cleanup();
  });

  it('stops an older query of the same stream with CANCELLED and answers the newest', async () => {
    const older = expect(engram.recall('wat', { mode: 'hybrid', latestOf: 'box' })).rejects.toMatchObject({ code: 'CANCELLED', message: 'A newer search replaced this one.' });
    const newer = engram.recall('water the plants', { mode: 'hybrid', latestOf: 'box' });
    await older;
    const answer = await newer;
    expect(answer.results[0]?.title).toBe('Garden');
    expect(answer.notices).toEqual([]);
  });

  it('stops a vector-mode query too, and never turns a replaced hybrid query into a keyword-only answer', async () => {
    const olderVector = expect(engram.recall('piano', { mode: 'vector', latestOf: 'box' })).rejects.toMatchObject({ code: 'CANCELLED' });
    const olderHybrid = expect(engram.recall('piano practice', { mode: 'hybrid', latestOf: 'box' })).rejects.toMatchObject({ code: 'CANCELLED' });
    const newest = engram.recall('piano scales', { mode: 'keyword', latestOf: 'box' });
    await olderVector;
    await olderHybrid;
    expect((await newest).results[0]?.title).toBe('Piano');
  });

  it('leaves queries without a stream, and queries of other streams, alone', async () => {
    const plain = engram.recall('garden', { mode: 'hybrid' });
    const agent = engram.recall('tomato', { mode: 'hybrid', latestOf: 'agent' });
    const box = expect(engram.recall('piano', { mode: 'hybrid', latestOf: 'box' })).rejects.toMatchObject({ code: 'CANCELLED' });
    const again = engram.recall('scales', { mode: 'hybrid', latestOf: 'box' });
    expect((await plain).results[0]?.title).toBe('Garden');
    expect((await agent).results[0]?.title).toBe('Garden');
    await box;
    expect((await again).results[0]?.title).toBe('Piano');
  });
});
