import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { openTempEngram } from '../support/temp-engram';

const BREAD = '# Sourdough\n\nFeed the **sourdough starter** with flour and water the night before, then bake the loaf in a hot Dutch oven.';
const BAKING = 'Baking bread at home: knead the dough, let the yeast rise overnight, and bake it in a very hot oven for a crisp crust.';
const TAXES = 'The quarterly tax return is due at the end of the month; the accountant needs the invoices and the receipts.';
const GARDEN = 'Planting tomatoes in the vegetable garden: water the seedlings each morning and stake them once they grow tall.';

async function vectorOf(engram: Engram, noteId: number, spaceId: number): Promise<number[]> {
  const result = await engram.database.query<{ v: string }>(
    'select e.embedding::text as v from chunk_embeddings e join chunks c on c.id = e.chunk_id where c.note_id = $1 and e.space_id = $2 order by c.ordinal limit 1',
    [noteId, spaceId],
  );
  return JSON.parse(result.rows[0]!.v) as number[];
}

describe('related notes', () => {
  let engram: Engram;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram());
  });
  afterAll(() => cleanup());

  it('finds notes close in meaning with the passages that matched, leaving out itself, duplicates and forgotten notes; the less related come last', async () => {
    const { note: bread } = await engram.addNote({ body: BREAD });
    const { note: baking } = await engram.addNote({ body: BAKING });
    const { note: taxes } = await engram.addNote({ body: TAXES });
    const { note: garden } = await engram.addNote({ body: GARDEN });
    const { note: sameText } = await engram.addNote({ body: BREAD, source: { kind: 'import', path: '/elsewhere/sourdough.md' } });
    const { note: sameChunks } = await engram.addNote({ body: BREAD, tags: ['kitchen'], source: { kind: 'import', path: '/other/sourdough.md' } });
    const { note: sameButSpace } = await engram.addNote({ body: `${BREAD}\n\n`, source: { kind: 'import', path: '/third/sourdough.md' } });
    const { note: forgotten } = await engram.addNote({ body: 'Sourdough bread: feed the starter, shape the loaf and bake it in a Dutch oven.' });
    await engram.forgetNote(forgotten.id);
    await engram.drainQueue();
    expect(sameButSpace.contentHash).not.toBe(bread.contentHash); // a duplicate by its chunks (the same vectors), not by its hash

    const related = await engram.relatedNotes(bread.id);
    expect(related).toMatchObject({ noteId: bread.id, state: 'ready', pendingPassages: 0 });
    const ids = related.notes.map((n) => n.noteId);
    expect(ids[0]).toBe(baking.id);
    expect(ids).toEqual(expect.arrayContaining([taxes.id, garden.id]));
    for (const left of [bread.id, sameText.id, sameChunks.id, sameButSpace.id, forgotten.id]) expect(ids).not.toContain(left);
    const first = related.notes[0]!;
    expect(first).toMatchObject({ title: expect.any(String), lessRelated: false });
    expect(first.similarity).toBeGreaterThan(0.35);
    expect(first.passage).toContain('Baking bread');
    expect(first.matchedOwnPassage).toContain('sourdough starter'); // plain text: no '**'
    expect(first.matchedOwnPassage).not.toContain('**');
    const less = related.notes.findIndex((n) => n.lessRelated);
    expect(less).toBeGreaterThan(0);
    expect(related.notes.slice(less).every((n) => n.lessRelated)).toBe(true);
    expect(related.notes.find((n) => n.noteId === taxes.id)!.lessRelated).toBe(true);

    expect((await engram.relatedNotes(bread.id, { limit: 1 })).notes.map((n) => n.noteId)).toEqual([baking.id]);
    expect(await engram.relatedNotes(forgotten.id)).toMatchObject({ state: 'nothing-to-compare', notes: [] });
    await expect(engram.relatedNotes(999_999)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('There is no note 999999') });
  });

  it('uses only the active space: vectors of another space are never compared', async () => {
    const active = (await engram.spaces.active())!;
    const { note: open } = await engram.addNote({ body: 'Chess openings: the Sicilian defence answers e4 with c5 and fights for the centre.' });
    const { note: impostor } = await engram.addNote({ body: 'Invoices for the plumber who fixed the kitchen sink last Tuesday.' });
    await engram.drainQueue();
    const { note: onlyElsewhere } = await engram.addNote({ body: 'The Sicilian defence and the French defence are both answers to 1.e4 in chess.' });
    // another space of the same width where the impostor's vector equals the open note's, and the last note has one
    const building = await engram.spaces.create({ ...active, model: 'another-model' }, 'building');
    const same = Float32Array.from(await vectorOf(engram, open.id, active.id));
    const chunkOf = async (noteId: number) => (await engram.database.query<{ id: number }>('select id from chunks where note_id = $1', [noteId])).rows[0]!.id;
    await engram.queue.complete(building.id, [
      { chunkId: await chunkOf(open.id), vector: same },
      { chunkId: await chunkOf(impostor.id), vector: same },
      { chunkId: await chunkOf(onlyElsewhere.id), vector: same },
    ]);

    const related = await engram.relatedNotes(open.id, { limit: 50 });
    expect(related.notes.map((n) => n.noteId)).not.toContain(onlyElsewhere.id); // queued in the active space, so not compared yet
    expect(related.notes.find((n) => n.noteId === impostor.id)?.similarity ?? 0).toBeLessThan(0.9);
    await engram.drainQueue();
  });

  it('says when a note is not embedded yet or partly embedded, and compares the passages that are', async () => {
    const waiting = await openTempEngram({ autoEmbed: false });
    try {
      const e = waiting.engram;
      const { note } = await e.addNote({ title: 'Trip', body: '# Packing\n\nPassport, charger and walking shoes.\n\n# Route\n\nTrain to Lyon, then the bus to Annecy.' });
      const before = await e.relatedNotes(note.id);
      expect(before).toMatchObject({ state: 'not-embedded', notes: [] });
      expect(before.pendingPassages).toBeGreaterThanOrEqual(2);
      await e.addNote({ body: 'Hiking around Lake Annecy: the trail starts at the bus stop in the old town.' });
      await e.drainQueue();
      await e.updateNote(note.id, { body: '# Packing\n\nPassport, charger and walking shoes.\n\n# Route\n\nTrain to Lyon, then the bus to Annecy.\n\n# Budget\n\nHotels cost about ninety euros a night.' });
      const partly = await e.relatedNotes(note.id);
      expect(partly).toMatchObject({ state: 'partly-embedded', pendingPassages: 1 });
      expect(partly.notes.length).toBeGreaterThan(0);
    } finally {
      await waiting.cleanup();
    }
  });
});
