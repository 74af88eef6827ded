// Connected folders on the real filesystem with the real watcher: every change is awaited through the engine's own
// "settled" event, never a timer. One memory for the file; each test connects a folder of its own.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { openTempEngram, tempDir } from '../support/temp-engram';
import { nextSettled, settledUntil, writeFiles } from './support/folder-events';

let engram: Engram;
let closeEngram: () => Promise<void>;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  const opened = await openTempEngram({ watchSources: true, settleMs: 100 });
  engram = opened.engram;
  closeEngram = opened.cleanup;
});

afterAll(async () => {
  await closeEngram();
  for (const cleanup of cleanups) cleanup();
});

/** A new vault with these files, connected, once its first catch-up has settled. */
async function connect(files: Record<string, string>): Promise<{ root: string; id: number }> {
  const { dir, cleanup } = tempDir('engram-vault-');
  cleanups.push(cleanup);
  fs.mkdirSync(path.join(dir, '.obsidian'));
  writeFiles(dir, files);
  const settled = nextSettled(engram);
  const { source } = await engram.addSource({ path: dir });
  await settled;
  return { root: dir, id: source.id };
}

/** The next settled change of one folder (optionally one that did something in particular). */
function changeOf(id: number, what?: keyof Awaited<ReturnType<typeof nextSettled>>['counts']) {
  return nextSettled(engram, (e) => e.sourceId === id && (what === undefined || e.counts[what] > 0));
}

async function keywordIds(query: string): Promise<number[]> {
  return (await engram.recall(query, { mode: 'keyword' })).results.map((r) => r.id);
}

async function noteAt(file: string) {
  const page = await engram.listNotes({ limit: 500, includeForgotten: true });
  return page.notes.find((n) => n.source.path === file) ?? null;
}

async function chunkIds(noteId: number): Promise<number[]> {
  return (await engram.database.query<{ id: number }>('select id from chunks where note_id = $1 order by ordinal', [noteId])).rows.map((r) => r.id);
}

async function queuedFor(noteIds: readonly number[]): Promise<number> {
  const result = await engram.database.query<{ n: number }>(
    'select count(*)::int as n from embedding_queue q join chunks c on c.id = q.chunk_id where c.note_id = any($1::int[])',
    [noteIds],
  );
  return result.rows[0]!.n;
}

describe('a connected folder, live', () => {
  it('its first pass is the import, with the same report', async () => {
    const { dir, cleanup } = tempDir('engram-vault-');
    cleanups.push(cleanup);
    fs.mkdirSync(path.join(dir, '.obsidian'));
    writeFiles(dir, { 'Garden.md': '---\ntags: [home]\n---\nWater the tomatoes every morning.\n', 'Work/Budget.md': 'The quarterly budget review is on Friday.\n' });
    const { source, report } = await engram.addSource({ path: dir });
    expect(report.state).toBe('completed');
    expect(report.counts.imported).toBe(2);
    expect(source).toMatchObject({ root: dir, format: 'obsidian', notes: 2 });
    expect((await engram.listSources()).map((s) => s.root)).toContain(dir);
    expect(await keywordIds('quarterly')).toHaveLength(1);
  });

  it('a new file becomes a note', async () => {
    const { root, id } = await connect({ 'Garden.md': 'Water the tomatoes.\n' });
    const settled = changeOf(id, 'added');
    writeFiles(root, { 'Ideas/Kites.md': 'Build a kite from bamboo and paper.\n' });
    const event = await settled;
    expect(event.counts.added).toBe(1);
    expect(await keywordIds('bamboo')).toEqual(event.noteIds);
  });

  it('an edit updates the note in place and re-chunks only what changed', async () => {
    const long = ['## Soil', 'Loam with compost keeps the roots happy.', '## Water', 'Water the cucumbers every morning.'].join('\n\n');
    const { root, id } = await connect({ 'Cucumbers.md': `---\ntags: [home]\n---\n${long}\n` });
    const note = (await noteAt(path.join(root, 'Cucumbers.md')))!;
    const first = await chunkIds(note.id);
    const settled = changeOf(id, 'updated');
    fs.writeFileSync(path.join(root, 'Cucumbers.md'), `---\ntags: [home]\n---\n${long.replace('every morning', 'every evening')}\n`);
    const event = await settled;
    expect(event.noteIds).toEqual([note.id]);
    expect((await engram.getNote(note.id)).body).toContain('every evening');
    const second = await chunkIds(note.id);
    expect(second).toHaveLength(first.length);
    expect(second.filter((c) => first.includes(c))).toHaveLength(first.length - 1); // only the edited chunk is new
  });

  it('a deleted file forgets its note (restorable), and the note comes back with the file', async () => {
    const { root, id } = await connect({ 'Pantry.md': 'The pantry needs more lentils.\n', 'Other.md': 'x\n', 'Third.md': 'y\n', 'Fourth.md': 'z\n' });
    const file = path.join(root, 'Pantry.md');
    const note = (await noteAt(file))!;
    let settled = changeOf(id, 'forgotten');
    fs.rmSync(file);
    await settled;
    expect((await engram.getNote(note.id)).deletedAt).not.toBeNull();
    expect(await keywordIds('lentils')).toEqual([]);
    settled = changeOf(id, 'restored');
    fs.writeFileSync(file, 'The pantry needs more lentils.\n');
    await settled;
    expect((await engram.getNote(note.id)).deletedAt).toBeNull();
    expect(await keywordIds('lentils')).toEqual([note.id]);
  });

  it('a rename keeps the note (id, tags, author), and a case-only rename too', async () => {
    const { root, id } = await connect({ 'Travel.md': '---\ntags: [trips]\n---\nPack the passport first.\n' });
    const note = (await noteAt(path.join(root, 'Travel.md')))!;
    let settled = changeOf(id, 'moved');
    fs.renameSync(path.join(root, 'Travel.md'), path.join(root, 'Journeys.md'));
    await settled;
    let after = await engram.getNote(note.id);
    expect(after.source.path).toBe(path.join(root, 'Journeys.md'));
    expect(after).toMatchObject({ tags: ['trips'], title: 'Journeys', deletedAt: null, createdAt: note.createdAt });
    settled = changeOf(id, 'moved');
    fs.renameSync(path.join(root, 'Journeys.md'), path.join(root, 'journeys.md'));
    await settled;
    after = await engram.getNote(note.id);
    expect(after.source.path).toBe(path.join(root, 'journeys.md'));
    expect((await engram.listNotes({ limit: 500 })).notes.filter((n) => n.source.path?.startsWith(root))).toHaveLength(1);
  });

  it('moving a whole sub-folder keeps every note and its vectors: nothing is embedded again', async () => {
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`Projects/Note ${i}.md`, `Project note number ${i} about the harbour bridge.\n`]));
    const { root, id } = await connect({ ...files, 'Top.md': 'top\n' });
    const before = await Promise.all(Object.keys(files).map((rel) => noteAt(path.join(root, rel))));
    const ids = before.map((n) => n!.id);
    const chunks = (await Promise.all(ids.map(chunkIds))).flat();
    await engram.drainQueue();
    expect(await queuedFor(ids)).toBe(0);
    const settled = settledUntil(engram, async () => (await Promise.all(ids.map((i) => engram.getNote(i)))).every((n) => n.source.path!.includes(`${path.sep}Archive${path.sep}`)));
    fs.mkdirSync(path.join(root, 'Archive'));
    fs.renameSync(path.join(root, 'Projects'), path.join(root, 'Archive', 'Projects'));
    await settled;
    const after = await Promise.all(ids.map((i) => engram.getNote(i)));
    expect(after.every((n) => n.deletedAt === null)).toBe(true);
    expect((await Promise.all(ids.map(chunkIds))).flat()).toEqual(chunks);
    expect(await queuedFor(ids)).toBe(0); // 0 chunks to embed again
    // the watcher follows the moved folder: an edit inside it is seen under its new path
    const edited = changeOf(id, 'updated');
    fs.writeFileSync(path.join(root, 'Archive', 'Projects', 'Note 0.md'), 'Project note number 0 about the harbour tunnel.\n');
    await edited;
    expect((await engram.getNote(ids[0]!)).body).toContain('tunnel');
  });

  it('an atomic save (temp file renamed over) and truncate-then-write are one update each, never a half-written note', async () => {
    const { root, id } = await connect({ 'Recipe.md': 'Knead the dough for ten minutes.\n' });
    const file = path.join(root, 'Recipe.md');
    const note = (await noteAt(file))!;
    let settled = changeOf(id, 'updated');
    fs.writeFileSync(path.join(root, '.Recipe.md.swp'), 'editor swap file');
    fs.writeFileSync(`${file}.tmp.4242`, 'Knead the dough for twelve minutes.\n');
    fs.renameSync(`${file}.tmp.4242`, file);
    await settled;
    expect((await engram.getNote(note.id)).body).toBe('Knead the dough for twelve minutes.\n');
    settled = changeOf(id, 'updated');
    const handle = fs.openSync(file, 'r+');
    fs.ftruncateSync(handle, 0);
    fs.writeSync(handle, 'Knead the dough for fifteen minutes.\n', 0);
    fs.closeSync(handle);
    await settled;
    expect((await engram.getNote(note.id)).body).toBe('Knead the dough for fifteen minutes.\n');
    const notes = (await engram.listNotes({ limit: 500, includeForgotten: true })).notes.filter((n) => n.source.path?.startsWith(root));
    expect(notes.map((n) => n.id)).toEqual([note.id]); // no note for the swap file or the temporary file
  });

  it('a burst of 500 new files all arrive', async () => {
    const { root, id } = await connect({ 'Start.md': 'start\n' });
    const count = async (): Promise<number> => (await engram.listSources()).find((s) => s.id === id)!.notes;
    const all = settledUntil(engram, async () => (await count()) === 501);
    for (let i = 0; i < 500; i++) fs.writeFileSync(path.join(root, `Burst ${i}.md`), `Burst note ${i} with the word zephyr${i}.\n`);
    await all;
    expect(await keywordIds('zephyr499')).toHaveLength(1);
  });

  it('a sync-conflict copy is shown on its note, not stored as a note', async () => {
    const { root, id } = await connect({ 'Plans.md': 'Plans for the weekend.\n' });
    const note = (await noteAt(path.join(root, 'Plans.md')))!;
    const settled = changeOf(id);
    fs.writeFileSync(path.join(root, 'Plans.sync-conflict-20260102-101500-ABCDEF1.md'), 'Plans for the long weekend.\n');
    await settled;
    const info = await engram.noteFile(note.id);
    expect(info?.conflicts.map((c) => path.basename(c.path))).toEqual(['Plans.sync-conflict-20260102-101500-ABCDEF1.md']);
    expect(info?.conflicts[0]!.tool).toBe('syncthing');
    expect((await engram.listSources()).find((s) => s.id === id)!.conflicts).toBe(1);
    expect(await keywordIds('long weekend')).toEqual([note.id]); // only the note itself
  });

  it('a change that would forget a large share of a folder waits for confirmation', async () => {
    const files = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`Keep ${i}.md`, `Keeper note ${i}.\n`]));
    const { root, id } = await connect(files);
    const waiting = nextSettled(engram, (e) => e.sourceId === id);
    for (let i = 0; i < 6; i++) fs.rmSync(path.join(root, `Keep ${i}.md`));
    await waiting;
    let [source] = (await engram.listSources()).filter((s) => s.id === id);
    if (source!.pendingForget < 6) {
      // the deletions may settle in two changes; the second one finds all six
      await nextSettled(engram, (e) => e.sourceId === id);
      [source] = (await engram.listSources()).filter((s) => s.id === id);
    }
    expect(source).toMatchObject({ state: 'waiting', notes: 10, pendingForget: 6 });
    expect(source!.reason).toContain('6 notes of the 10');
    const [report] = await engram.syncSources(id, { confirmForget: true });
    expect(report).toMatchObject({ state: 'watching', pendingForget: 0 });
    expect(report!.counts.forgotten).toBe(6);
    expect((await engram.listSources()).find((s) => s.id === id)!.notes).toBe(4);
  });
});
