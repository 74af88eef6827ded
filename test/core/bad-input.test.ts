import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { openEngram } from '../../src/core/engine/open-engram';
import { openTempEngram } from '../support/temp-engram';

describe('bad input is handled and leaves the database unharmed', () => {
  let engram: Engram;
  let dataDir: string;
  let cleanup: () => Promise<void>;
  const stored: number[] = [];
  beforeAll(async () => {
    ({ engram, dataDir, cleanup } = await openTempEngram());
  });
  afterAll(() => cleanup());

  it('refuses empty and whitespace-only notes with a clear message', async () => {
    await expect(engram.addNote({ body: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('empty') });
    await expect(engram.addNote({ body: ' \n\t\n' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(engram.addNote({ body: 42 as unknown as string })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('stores a 5 MB note, chunked, and finds a word near its end', async () => {
    const paragraph = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.\n\n';
    const body = `${paragraph.repeat(Math.ceil(5_000_000 / paragraph.length))}The final paragraph mentions an axolotl.`;
    const { note } = await engram.addNote({ title: 'Huge', body });
    stored.push(note.id);
    expect(note.body.length).toBe(body.length);
    const hit = await engram.recall('axolotl', { mode: 'keyword' });
    expect(hit.results[0]).toMatchObject({ id: note.id });
    expect(hit.results[0]!.snippet.text).toContain('axolotl');
  });

  it('replaces invalid UTF-16 (lone surrogates) and drops NUL characters', async () => {
    const { note } = await engram.addNote({ body: 'bad \ud800 surrogate and a nul\u0000byte' });
    stored.push(note.id);
    expect(note.body).toBe('bad \ufffd surrogate and a nulbyte');
  });

  it('stores a 100k-character single line as several chunks', async () => {
    const { note } = await engram.addNote({ body: `${'wordy '.repeat(16_000)}needle` });
    stored.push(note.id);
    expect((await engram.recall('needle', { mode: 'keyword' })).results[0]?.id).toBe(note.id);
    expect((await engram.status()).chunks).toBeGreaterThan(100);
  });

  it('normalises odd tags and explains the ones it cannot take', async () => {
    const { note } = await engram.addNote({ body: 'tag soup', tags: ['##Work//Project-X//', ' Reading ', 'work/project-x'] });
    stored.push(note.id);
    expect(note.tags).toEqual(['reading', 'work/project-x']);
    await expect(engram.addNote({ body: 'x', tags: ['two words'] })).rejects.toMatchObject({ message: expect.stringContaining('"two-words"') });
    await expect(engram.addNote({ body: 'x', tags: ['///'] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(engram.addNote({ body: 'x', tags: ['a,b'] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('rejects bad ids, modes and dates without touching anything', async () => {
    await expect(engram.getNote(-1)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(engram.getNote(1.5)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(engram.recall('x', { mode: 'fuzzy' as 'hybrid' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(engram.addNote({ body: 'x', createdAt: 'not a date' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await engram.recall('   ')).results).toEqual([]);
    // years JavaScript parses but Postgres cannot store, in filters as well as in notes
    for (const date of ['+200000-01-01T00:00:00Z', '-000100-01-01T00:00:00Z']) {
      await expect(engram.addNote({ body: 'x', createdAt: date })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('years 1 to 9999') });
      await expect(engram.recall('axolotl', { from: date })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(engram.listNotes({ to: date })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
  });

  it('reopens with every note, chunk and queued embedding intact', async () => {
    const before = await engram.status();
    expect(before.embeddings.pending).toBe(before.chunks); // nothing embedded yet, nothing lost from the queue
    await engram.close();
    engram = await openEngram({ dataDir });
    const after = await engram.status();
    expect(after).toMatchObject({ notes: before.notes, chunks: before.chunks, embeddings: before.embeddings });
    for (const id of stored) expect((await engram.getNote(id)).id).toBe(id);
    expect((await engram.recall('axolotl')).results[0]?.title).toBe('Huge');
  });
});
