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

  it('finds live notes by title without case or .md; forgotten and missing ones are left out', async () => {
    const { note: roadmap } = await engram.addNote({ title: 'Roadmap 2024', body: 'Plans.' });
    const { note: gone } = await engram.addNote({ title: 'Old idea', body: 'Dropped.' });
    await engram.forgetNote(gone.id);
    const found = await engram.resolveTitles(['Roadmap 2024', 'roadmap 2024', 'Roadmap 2024.md', 'Old idea', 'Nowhere']);
    expect(found).toEqual({ 'Roadmap 2024': roadmap.id, 'roadmap 2024': roadmap.id, 'Roadmap 2024.md': roadmap.id });
    expect(await engram.resolveTitles([])).toEqual({});
  });

  it('opens the note the Links list opens: a path names a file by the end of its path, as Obsidian resolves it', async () => {
    const { note: typed } = await engram.addNote({ title: 'Budget', body: 'Typed in the app.' });
    const { note: filed } = await engram.addNote({ title: 'Budget', body: 'From the vault.', source: { kind: 'markdown', path: 'work/finance/Budget.md' } });
    const { note: linking } = await engram.addNote({ title: 'Links', body: 'See [[finance/Budget]] and [[Budget]].' });
    const found = await engram.resolveTitles(['finance/Budget', 'Budget', 'elsewhere/Budget']);
    const listed = await engram.noteLinks(linking.id);
    expect(found).toEqual({ 'finance/Budget': filed.id, Budget: listed.outgoing[1]!.noteId });
    expect(listed.outgoing[0]!.noteId).toBe(filed.id);
    expect([typed.id, filed.id]).toContain(found['Budget']);
  });
});
