import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { openTempEngram } from '../support/temp-engram';

/** The stored vector of a chunk in a space (pgvector prints each float's shortest form; it reads back exactly), or null. */
async function storedVector(engram: Engram, spaceId: number, chunkId: number): Promise<Float32Array | null> {
  const result = await engram.database.query<{ v: string }>('select embedding::text as v from chunk_embeddings where space_id = $1 and chunk_id = $2', [spaceId, chunkId]);
  return result.rows[0] ? Float32Array.from(JSON.parse(result.rows[0].v) as number[]) : null;
}

/** A vector whose floats have no short decimal form (they take 9 significant digits to round-trip). */
function awkwardVector(dims: number, salt: number): Float32Array {
  return Float32Array.from({ length: dims }, (_, k) => Math.fround(Math.sin(k * 12.9898 + salt) * 0.1234567 + (k % 7) * 1e-7));
}

describe('storing vectors (binary COPY)', () => {
  let engram: Engram;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram());
  });
  afterAll(() => cleanup());

  it('stores each float bit for bit, keeps the first vector of a chunk, drops chunks that are gone, and leaves other spaces alone', async () => {
    const active = (await engram.spaces.active())!;
    const other = await engram.spaces.create({ ...active, model: 'another-model', dimensions: 3 }, 'building');
    const { note: lighthouses } = await engram.addNote({ body: 'A passage about lighthouses.' });
    const { note: tides } = await engram.addNote({ body: 'A passage about tides and the moon.' });
    const chunkIds = (await engram.database.query<{ id: number }>('select id from chunks where note_id = any($1::int[]) order by note_id', [[lighthouses.id, tides.id]])).rows.map((r) => r.id);
    expect(chunkIds).toHaveLength(2);
    const [first, second] = [awkwardVector(3, 1), awkwardVector(3, 2)];
    const gone = Math.max(...chunkIds) + 1000;

    await engram.queue.complete(other.id, [
      { chunkId: chunkIds[0]!, vector: first },
      { chunkId: chunkIds[0]!, vector: second }, // a second vector for the same chunk in one batch: the first is kept
      { chunkId: gone, vector: second }, // its note was edited meanwhile: dropped, not an error
    ]);
    expect(await storedVector(engram, other.id, chunkIds[0]!)).toEqual(first);
    expect(await storedVector(engram, other.id, gone)).toBeNull();

    await engram.queue.complete(other.id, [{ chunkId: chunkIds[0]!, vector: second }]); // already stored: kept as it was
    expect(await storedVector(engram, other.id, chunkIds[0]!)).toEqual(first);

    const wide = awkwardVector(active.dimensions, 3);
    await engram.queue.complete(active.id, [{ chunkId: chunkIds[1]!, vector: wide }]);
    // nothing staged for one space leaks into the next call for another
    expect(await storedVector(engram, active.id, chunkIds[1]!)).toEqual(wide);
    expect(await storedVector(engram, other.id, chunkIds[1]!)).toBeNull();
  });

  it('keeps two writes at once apart: each space gets its own vectors (they share one staging table)', async () => {
    const active = (await engram.spaces.active())!;
    const other = (await engram.spaces.building())!; // the 3-d space the first test made
    const { note } = await engram.addNote({ body: 'A passage about owls hunting at dusk.' });
    const [chunkId] = (await engram.database.query<{ id: number }>('select id from chunks where note_id = $1', [note.id])).rows.map((r) => r.id);
    const forActive = awkwardVector(active.dimensions, 6);
    const forOther = awkwardVector(other.dimensions, 7);
    await Promise.all([engram.queue.complete(active.id, [{ chunkId: chunkId!, vector: forActive }]), engram.queue.complete(other.id, [{ chunkId: chunkId!, vector: forOther }])]);
    expect(await storedVector(engram, active.id, chunkId!)).toEqual(forActive);
    expect(await storedVector(engram, other.id, chunkId!)).toEqual(forOther);
  });

  it('refuses a vector with NaN with pgvector\'s error, stores nothing of that batch, and the next batch stores normally', async () => {
    const active = (await engram.spaces.active())!;
    const { note } = await engram.addNote({ body: 'A note about the migration of swallows in autumn.' });
    const [chunkId] = (await engram.database.query<{ id: number }>('select id from chunks where note_id = $1', [note.id])).rows.map((r) => r.id);
    await engram.database.query('delete from chunk_embeddings where chunk_id = $1', [chunkId]);
    const broken = awkwardVector(active.dimensions, 4);
    broken[5] = Number.NaN;
    await expect(engram.database.transaction((tx) => engram.queue.with(tx).complete(active.id, [{ chunkId: chunkId!, vector: broken }]))).rejects.toThrow(/NaN/);
    expect(await storedVector(engram, active.id, chunkId!)).toBeNull();

    const good = awkwardVector(active.dimensions, 5);
    await engram.queue.complete(active.id, [{ chunkId: chunkId!, vector: good }]);
    expect(await storedVector(engram, active.id, chunkId!)).toEqual(good);
  });
});
