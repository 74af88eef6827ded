import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { openTempEngram } from '../support/temp-engram';

async function analysedNotes(engram: Engram): Promise<number> {
  const result = await engram.database.query<{ rows: number }>(`select reltuples::float8 as rows from pg_class where oid = 'notes'::regclass`);
  return Number(result.rows[0]?.rows ?? -1);
}

describe('planner statistics while notes are added one at a time', () => {
  let engram: Engram;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram());
  });

  afterAll(async () => {
    await cleanup();
  });

  it('are refreshed once the added notes double the table, without waiting for embeddings', async () => {
    for (let i = 0; i < 199; i++) await engram.addNote({ title: `Note ${i}`, body: `Body number ${i} about topic ${i % 7}.` });
    expect(await analysedNotes(engram)).toBeLessThan(1);
    await engram.addNote({ title: 'Note 199', body: 'The two hundredth note.' });
    expect(await analysedNotes(engram)).toBe(200);
    expect((await engram.status()).embeddings.pending).toBeGreaterThan(0);
  });
});
