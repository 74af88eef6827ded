import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { openTempEngram } from '../support/temp-engram';

describe('resolveTitles (wikilinks that open notes)', () => {
  let engram: Engram;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram());
  });
  afterAll(() => cleanup());

  it('finds live notes by title without case, folder path or .md; forgotten and missing ones are left out', async () => {
    const { note: roadmap } = await engram.addNote({ title: 'Roadmap 2024', body: 'Plans.' });
    const { note: gone } = await engram.addNote({ title: 'Old idea', body: 'Dropped.' });
    await engram.forgetNote(gone.id);
    const found = await engram.resolveTitles(['Roadmap 2024', 'roadmap 2024', 'projects/Roadmap 2024.md', 'Old idea', 'Nowhere']);
    expect(found).toEqual({ 'Roadmap 2024': roadmap.id, 'roadmap 2024': roadmap.id, 'projects/Roadmap 2024.md': roadmap.id });
    expect(await engram.resolveTitles([])).toEqual({});
  });
});
