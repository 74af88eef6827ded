import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { openTempEngram } from '../support/temp-engram';

describe('notes', () => {
  let engram: Engram;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram());
  });
  afterAll(() => cleanup());

  it('adds with a derived title, normalised tags, and a source; identical content from the same source is stored once', async () => {
    const first = await engram.addNote({ body: '- Buy milk\n- Call mum', tags: ['#Errands', 'home//Chores/', 'errands'], source: { kind: 'file', path: '/notes/todo.md' } });
    expect(first.note).toMatchObject({ title: 'Buy milk', tags: ['errands', 'home/chores'], source: { kind: 'file', path: '/notes/todo.md' } });
    expect(first.note.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const again = await engram.addNote({ body: '- Buy milk\n- Call mum', source: { kind: 'file', path: '/notes/todo.md' } });
    expect(again).toMatchObject({ duplicate: true, note: { id: first.note.id } });
    const elsewhere = await engram.addNote({ body: '- Buy milk\n- Call mum', source: { kind: 'file', path: '/other.md' } });
    expect(elsewhere.duplicate).toBe(false);
  });

  it('updates title, body and tags, keeping embeddings of unchanged chunks', async () => {
    const { note } = await engram.addNote({ title: 'Trip', body: '# Packing\nPassport and charger.\n\n# Route\nTrain to Lyon.' });
    await engram.drainQueue();
    const before = (await engram.status()).embeddings.done;
    const updated = await engram.updateNote(note.id, { body: '# Packing\nPassport and charger.\n\n# Route\nTrain to Marseille.', tags: ['travel'] });
    expect(updated).toMatchObject({ title: 'Trip', tags: ['travel'] });
    expect(updated.updatedAt >= note.updatedAt).toBe(true);
    const status = await engram.status();
    expect(status.embeddings.pending).toBe(1); // only the changed chunk
    expect(await engram.drainQueue()).toBe(1);
    expect((await engram.status()).embeddings.done).toBe(before);
    await expect(engram.updateNote(999_999, { title: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('forgets (soft), restores and purges', async () => {
    const { note } = await engram.addNote({ body: 'The wifi password is correct-horse-battery.' });
    await engram.forgetNote(note.id);
    expect((await engram.recall('wifi password')).results.map((r) => r.id)).not.toContain(note.id);
    expect((await engram.recall('wifi password', { includeForgotten: true })).results[0]).toMatchObject({ id: note.id, forgotten: true });
    expect((await engram.getNote(note.id)).deletedAt).not.toBeNull();
    const forgottenOnly = await engram.listNotes({ onlyForgotten: true });
    expect(forgottenOnly.notes.map((n) => n.id)).toEqual([note.id]);
    await engram.restoreNote(note.id);
    expect((await engram.listNotes({ onlyForgotten: true })).total).toBe(0);
    expect((await engram.recall('wifi password')).results[0]).toMatchObject({ id: note.id, author: 'you' });
    await engram.purgeNote(note.id);
    await expect(engram.getNote(note.id)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(`no note ${note.id}`) });
  });

  it('re-adding forgotten content brings the note back instead of storing a copy', async () => {
    const { note } = await engram.addNote({ body: 'Dentist on the 4th at 10:00.' });
    await engram.forgetNote(note.id);
    const again = await engram.addNote({ body: 'Dentist on the 4th at 10:00.' });
    expect(again).toMatchObject({ duplicate: true, note: { id: note.id, deletedAt: null } });
  });

  it('lists newest first, paged, filtered by hierarchical tag, source and dates', async () => {
    await engram.addNote({ body: 'Old project kickoff notes', tags: ['work/project-x'], createdAt: '2020-01-15T10:00:00Z' });
    await engram.addNote({ body: 'Project X retro', tags: ['work/project-x/retro'], createdAt: '2021-06-01T10:00:00Z' });
    await engram.addNote({ body: 'Team offsite agenda', tags: ['work'], createdAt: '2022-03-01T10:00:00Z' });
    const work = await engram.listNotes({ tags: ['work'] });
    expect(work.notes.map((n) => n.title)).toEqual(['Team offsite agenda', 'Project X retro', 'Old project kickoff notes']);
    const projectX = await engram.listNotes({ tags: ['work/project-x'] });
    expect(projectX.total).toBe(2);
    const page = await engram.listNotes({ tags: ['work'], offset: 1, limit: 1 });
    expect(page).toMatchObject({ total: 3, offset: 1, limit: 1, notes: [{ title: 'Project X retro' }] });
    const ranged = await engram.listNotes({ from: '2021-01-01T00:00:00Z', to: '2022-01-01T00:00:00Z' });
    expect(ranged.notes.map((n) => n.title)).toEqual(['Project X retro']);
    expect((await engram.listNotes({ sourceKind: 'file' })).total).toBe(2);
    expect((await engram.listNotes({ tags: ['wor'] })).total).toBe(0); // a prefix is not a parent tag
  });

  it('recall filters by tag and by words for time, inside SQL', async () => {
    const tagged = await engram.recall('project', { tags: ['work/project-x'], mode: 'keyword' });
    expect(tagged.results.map((r) => r.title).sort()).toEqual(['Old project kickoff notes', 'Project X retro']);
    const dated = await engram.recall('project', { when: 'before 2021', mode: 'keyword' });
    expect(dated.results.map((r) => r.title)).toEqual(['Old project kickoff notes']);
    expect(dated.appliedRange).toEqual({ from: null, to: new Date(2021, 0, 1).toISOString() });
    await expect(engram.recall('project', { when: 'blorp' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
