// Editing a folder note in Engram writes its file: atomically, keeping front matter, unknown keys, line endings and
// everything outside the edited text; a file changed on disk since editing began is a conflict, never overwritten.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { isEngramError } from '../../src/core/errors';
import { openTempEngram, tempDir } from '../support/temp-engram';
import { nextSettled, writeFiles } from './support/folder-events';

let engram: Engram;
let closeEngram: () => Promise<void>;
let vault: string;
let sourceId: number;
let cleanupVault: () => void;

const FRONT = '---\r\ntitle: Garden plan\r\ntags: [home]\r\n# a comment the person wrote\r\nmood: sunny\r\n---\r\n';

beforeAll(async () => {
  const opened = await openTempEngram({ watchSources: true, settleMs: 100 });
  engram = opened.engram;
  closeEngram = opened.cleanup;
  const dir = tempDir('engram-vault-');
  vault = dir.dir;
  cleanupVault = dir.cleanup;
  fs.mkdirSync(path.join(vault, '.obsidian'));
  writeFiles(vault, {
    'Garden.md': `${FRONT}\r\nWater the tomatoes every morning.\r\nMulch the beds in May. #outdoors\r\n`,
    'Shopping.md': 'Buy flour and yeast.\n',
    'Heading.md': '# Old heading\n\nText under the heading.\n',
  });
  const settled = nextSettled(engram);
  sourceId = (await engram.addSource({ path: vault, format: 'obsidian' })).source.id;
  await settled;
});

afterAll(async () => {
  await closeEngram();
  cleanupVault();
});

async function noteAt(rel: string) {
  const page = await engram.listNotes({ limit: 100 });
  return page.notes.find((n) => n.source.path === path.join(vault, rel))!;
}

describe('write-back', () => {
  it('writes only the edited text: front matter, its comment and unknown keys, and CRLF line endings stay', async () => {
    const note = await noteAt('Garden.md');
    const draft = await engram.beginFileEdit(note.id);
    expect(draft.text).toBe('Water the tomatoes every morning.\nMulch the beds in May. #outdoors\n');
    expect(draft.frontMatter).toBe(FRONT);
    const saved = await engram.saveNoteFile({ noteId: note.id, title: note.title, tags: note.tags, text: draft.text.replace('every morning', 'at dusk'), baseline: draft.baseline });
    expect(saved.outcome).toBe('saved');
    expect(fs.readFileSync(path.join(vault, 'Garden.md'), 'utf8')).toBe(`${FRONT}\r\nWater the tomatoes at dusk.\r\nMulch the beds in May. #outdoors\r\n`);
    const after = await engram.getNote(note.id);
    expect(after.body).toContain('at dusk');
    expect(after.tags).toEqual(['home', 'outdoors']);
    expect(fs.readdirSync(vault).filter((n) => n.includes('.tmp'))).toEqual([]); // no temporary file left behind
  });

  it('an edited tag goes into the front matter, keeping its other keys', async () => {
    const note = await noteAt('Garden.md');
    const draft = await engram.beginFileEdit(note.id);
    await engram.saveNoteFile({ noteId: note.id, title: note.title, tags: ['home', 'outdoors', 'plans'], text: draft.text, baseline: draft.baseline });
    const text = fs.readFileSync(path.join(vault, 'Garden.md'), 'utf8');
    expect(text).toContain('mood: sunny');
    expect(text).toContain('# a comment the person wrote');
    expect(text).toMatch(/tags:\s*\[\s*home,\s*plans\s*\]/); // #outdoors stays in the text, not in the list
    expect((await engram.getNote(note.id)).tags).toEqual(['home', 'outdoors', 'plans']);
  });

  it('a file changed on disk since editing began is a conflict: nothing is written until the person chooses', async () => {
    const note = await noteAt('Shopping.md');
    const draft = await engram.beginFileEdit(note.id);
    const changed = nextSettled(engram, (e) => e.sourceId === sourceId && e.counts.updated > 0);
    fs.writeFileSync(path.join(vault, 'Shopping.md'), 'Buy flour, yeast and salt.\n'); // another editor, another machine
    await changed;
    const result = await engram.saveNoteFile({ noteId: note.id, title: note.title, tags: [], text: 'Buy rye flour.\n', baseline: draft.baseline });
    expect(result.outcome).toBe('conflict');
    if (result.outcome !== 'conflict') return;
    expect(result.diskText).toBe('Buy flour, yeast and salt.\n');
    expect(fs.readFileSync(path.join(vault, 'Shopping.md'), 'utf8')).toBe('Buy flour, yeast and salt.\n');
    const kept = await engram.saveNoteFile({ noteId: note.id, title: note.title, tags: [], text: 'Buy rye flour.\n', baseline: result.baseline });
    expect(kept.outcome).toBe('saved');
    expect(fs.readFileSync(path.join(vault, 'Shopping.md'), 'utf8')).toBe('Buy rye flour.\n');
  });

  it('a new title renames the file of a vault note (its name is the title) and keeps the note', async () => {
    const note = await noteAt('Shopping.md');
    const draft = await engram.beginFileEdit(note.id);
    const saved = await engram.saveNoteFile({ noteId: note.id, title: 'Groceries: week 2', tags: [], text: draft.text, baseline: draft.baseline });
    expect(saved.outcome).toBe('saved');
    if (saved.outcome !== 'saved') return;
    expect(saved.note.id).toBe(note.id);
    expect(saved.path).toBe(path.join(vault, 'Groceries week 2.md'));
    expect(fs.existsSync(path.join(vault, 'Shopping.md'))).toBe(false);
    expect(saved.note.title).toBe('Groceries week 2');
  });

  it('updateNote on a folder note writes the file too', async () => {
    const note = await noteAt('Heading.md');
    await engram.updateNote(note.id, { body: '# Old heading\n\nNew text under the heading.\n' });
    expect(fs.readFileSync(path.join(vault, 'Heading.md'), 'utf8')).toBe('# Old heading\n\nNew text under the heading.\n');
    expect((await engram.getNote(note.id)).body).toContain('New text');
  });

  it('a new note is saved as a new file with a safe, unique name', async () => {
    const first = await engram.createFileNote({ sourceId, title: 'Trip: Oslo / Bergen?', body: 'Book the night train.\n', tags: ['travel'] });
    const second = await engram.createFileNote({ sourceId, title: 'Trip: Oslo / Bergen?', body: 'Pack warm socks.\n' });
    expect(first.source.path).toBe(path.join(vault, 'Trip Oslo Bergen.md'));
    expect(second.source.path).toBe(path.join(vault, 'Trip Oslo Bergen 2.md'));
    expect(fs.readFileSync(first.source.path!, 'utf8')).toBe('---\ntags:\n  - travel\n---\nBook the night train.\n');
    expect(first.tags).toEqual(['travel']);
  });

  it('a sync conflict is settled by keeping the note or taking the copy', async () => {
    const note = await noteAt('Garden.md');
    const copy = path.join(vault, 'Garden (Ann’s conflicted copy 2026-01-02).md');
    const seen = nextSettled(engram, (e) => e.sourceId === sourceId);
    fs.writeFileSync(copy, 'Water the tomatoes twice a day.\n');
    await seen;
    expect((await engram.noteFile(note.id))!.conflicts.map((c) => c.path)).toEqual([copy]);
    const resolved = await engram.resolveSyncConflict(note.id, copy, 'use-copy');
    expect(resolved.body).toBe('Water the tomatoes twice a day.\n');
    expect(fs.existsSync(copy)).toBe(false);
    expect((await engram.noteFile(note.id))!.conflicts).toEqual([]);
  });

  it('refuses to edit a note that is not from a folder, and a conflict path that is not one', async () => {
    const { note } = await engram.addNote({ body: 'typed by hand' });
    const refused = await engram.beginFileEdit(note.id).then(() => null, (e: unknown) => e);
    expect(isEngramError(refused) && refused.message).toContain('does not come from a connected folder');
    const garden = await noteAt('Garden.md');
    const bad = await engram.resolveSyncConflict(garden.id, '/etc/passwd', 'use-copy').then(() => null, (e: unknown) => e);
    expect(isEngramError(bad) && bad.code).toBe('NOT_FOUND');
  });
});
