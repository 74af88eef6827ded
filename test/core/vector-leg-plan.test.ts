import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spaceIndexName } from '../../src/core/db/repositories/spaces-repository';
import type { Engram } from '../../src/core/engine/engram';
import { openTempEngram } from '../support/temp-engram';

const TOPICS = ['sourdough bread', 'tomato seedlings', 'tax returns', 'chess openings', 'bicycle repair', 'birdwatching', 'jazz piano', 'rock climbing'];

describe('the vector leg in a small memory', () => {
  let engram: Engram;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram());
    for (let i = 0; i < 40; i++) await engram.addNote({ body: `Note ${i} about ${TOPICS[i % TOPICS.length]}: practical details, week ${i}.` });
    await engram.drainQueue();
    await engram.database.exec('analyze');
  });
  afterAll(() => cleanup());

  it('walks the HNSW index (pgvector prices it like a full scan under ~6,400 vectors) and still sorts the few vectors of a narrow filter', async () => {
    const space = (await engram.spaces.active())!;
    const [query] = (await engram.database.query<{ v: string }>('select embedding::text as v from chunk_embeddings limit 1')).rows;
    const vector = Float32Array.from(JSON.parse(query!.v) as number[]);
    const index = spaceIndexName(space.id);
    expect(await engram.search.explainNearest(space, vector, {}, 200)).toContain(index);
    const someNote = (await engram.database.query<{ id: number }>('select id from notes limit 1')).rows[0]!.id;
    expect(await engram.search.explainNearest(space, vector, { ids: [someNote] }, 200)).not.toContain(index);
    // what recall returns is unchanged: the walk finds the same nearest chunk as an exact scan
    const walked = await engram.search.nearestChunks(space, vector, {}, 10);
    const exact = await engram.search.nearestChunks(space, vector, {}, 10, { exact: true });
    expect(walked[0]!.chunkId).toBe(exact[0]!.chunkId);
    // the session is left as it was: a plain scan of the table is still a sequential scan
    const plain = await engram.database.query<Record<string, string>>('explain select count(*) from chunk_embeddings');
    expect(JSON.stringify(plain.rows)).toContain('Seq Scan');
  });

  it('sends the query vector whole: a stored vector finds its own chunk first, at similarity 1', async () => {
    const space = (await engram.spaces.active())!;
    const stored = await engram.database.query<{ chunk_id: number; v: string }>('select chunk_id, embedding::text as v from chunk_embeddings order by chunk_id limit 5');
    for (const row of stored.rows) {
      const [first] = await engram.search.nearestChunks(space, Float32Array.from(JSON.parse(row.v) as number[]), {}, 3);
      expect(first!.chunkId).toBe(row.chunk_id);
      expect(first!.score).toBeCloseTo(1, 6);
    }
  });
});
