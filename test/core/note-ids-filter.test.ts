// Listing limited to a set of notes (issue 20, point 9: an import report's "Show imported notes"): only those notes,
// newest first, with the usual filters still applied; keyword recall honours the same filter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { openTempEngram } from '../support/temp-engram';

describe('the ids filter', () => {
  let engram: Engram;
  let cleanup: () => Promise<void>;
  const ids: number[] = [];
  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram({ autoEmbed: false }));
    for (const [title, tags] of [
      ['Heron sighting', ['birds']],
      ['Otter tracks', ['mammals']],
      ['Kingfisher nest', ['birds']],
      ['Grocery list', []],
    ] as const) {
      ids.push((await engram.addNote({ title, body: `${title} by the marsh.`, tags: [...tags] })).note.id);
    }
  });
  afterAll(() => cleanup());

  it('lists only the given notes, counts only them, and still applies the other filters', async () => {
    const chosen = [ids[0]!, ids[1]!, ids[2]!];
    const page = await engram.listNotes({ ids: chosen });
    expect(page.total).toBe(3);
    expect(page.notes.map((n) => n.title)).toEqual(['Kingfisher nest', 'Otter tracks', 'Heron sighting']);
    expect((await engram.listNotes({ ids: chosen, tags: ['birds'] })).notes.map((n) => n.title)).toEqual(['Kingfisher nest', 'Heron sighting']);
    expect((await engram.listNotes({ ids: [] })).total).toBe(0);
  });

  it('limits keyword recall the same way', async () => {
    const result = await engram.recall('marsh', { mode: 'keyword', ids: [ids[1]!, ids[3]!] });
    expect(result.results.map((r) => r.title).sort()).toEqual(['Grocery list', 'Otter tracks']);
  });
});
