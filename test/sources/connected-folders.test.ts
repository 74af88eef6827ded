// Connected folders on the real filesystem with the real watcher: every change is awaited through the engine's own
// "settled" event, never a timer.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { openTempEngram, tempDir } from '../support/temp-engram';
import { nextSettled, nextState, settledUntil, writeFiles } from './support/folder-events';

let engram: Engram;
let closeEngram: () => Promise<void>;
let dataDir: string;
let vault: string;
let cleanupVault: () => void;

const open = async (): Promise<void> => {
  const opened = await openTempEngram({ watchSources: true, settleMs: 100 });
  engram = opened.engram;
  dataDir = opened.dataDir;
  closeEngram = opened.cleanup;
};

beforeEach(async () => {
  const dir = tempDir('engram-vault-');
  vault = dir.dir;
  cleanupVault = dir.cleanup;
  fs.mkdirSync(path.join(vault, '.obsidian'));
  writeFiles(vault, {
    'Garden.md': '---\ntags: [home]\n---\nWater the tomatoes every morning.\n',
    'Work/Budget.md': 'The quarterly budget review is on Friday.\n',
  });
  await open();
});

afterEach(async () => {
  await closeEngram();
  cleanupVault();
});

async function keywordIds(query: string): Promise<number[]> {
  return (await engram.recall(query, { mode: 'keyword' })).results.map((r) => r.id);
}

async function noteAt(rel: string) {
  const page = await engram.listNotes({ limit: 500, includeForgotten: true });
  return page.notes.find((n) => n.source.path === path.join(vault, rel)) ?? null;
}

describe('connecting a folder', () => {
  it('imports it as a first pass (same report) and lists it with its notes', async () => {
    const { source, report } = await engram.addSource({ path: vault });
    expect(report.state).toBe('completed');
    expect(report.counts.imported).toBe(2);
    expect(source.format).toBe('obsidian');
    expect(source.notes).toBe(2);
    const [listed] = await engram.listSources();
    expect(listed!.root).toBe(vault);
    expect(await keywordIds('tomatoes')).toHaveLength(1);
  });
});

describe('live changes', () => {
  beforeEach(async () => {
    const settled = nextSettled(engram);
    await engram.addSource({ path: vault });
    await settled; // the catch-up after the first pass
  });

  it('a new file becomes a note', async () => {
    const settled = nextSettled(engram, (e) => e.counts.added > 0);
    writeFiles(vault, { 'Ideas/Kites.md': 'Build a kite from bamboo and paper.\n' });
    const event = await settled;
    expect(event.counts.added).toBe(1);
    expect(await keywordIds('bamboo')).toEqual(event.noteIds);
  });

  it('an edit updates the note in place and re-chunks only what changed', async () => {
    const before = (await noteAt('Garden.md'))!;
    const chunkIds = async (id: number) =>
      (await engram.database.query<{ id: number }>('select id from chunks where note_id = $1 order by ordinal', [id])).rows.map((r) => r.id);
    const long = ['## Soil', 'Loam with compost keeps the roots happy.', '## Water', 'Water the tomatoes every morning.'].join('\n\n');
    let settled = nextSettled(engram, (e) => e.counts.updated > 0);
    fs.writeFileSync(path.join(vault, 'Garden.md'), `---\ntags: [home]\n---\n${long}\n`);
    await settled;
    const first = await chunkIds(before.id);
    settled = nextSettled(engram, (e) => e.counts.updated > 0);
    fs.writeFileSync(path.join(vault, 'Garden.md'), `---\ntags: [home]\n---\n${long.replace('every morning', 'every evening')}\n`);
    const event = await settled;
    expect(event.noteIds).toEqual([before.id]);
    const after = (await engram.getNote(before.id));
    expect(after.body).toContain('every evening');
    const second = await chunkIds(before.id);
    expect(second).toHaveLength(first.length);
    expect(second.filter((id) => first.includes(id)).length).toBe(first.length - 1); // only the edited chunk is new
  });

  it('a deleted file forgets its note (restorable), and the note comes back with the file', async () => {
    const note = (await noteAt('Work/Budget.md'))!;
    const text = fs.readFileSync(path.join(vault, 'Work/Budget.md'), 'utf8');
    let settled = nextSettled(engram, (e) => e.counts.forgotten > 0);
    fs.rmSync(path.join(vault, 'Work/Budget.md'));
    await settled;
    expect((await engram.getNote(note.id)).deletedAt).not.toBeNull();
    expect(await keywordIds('quarterly')).toEqual([]);
    settled = nextSettled(engram, (e) => e.counts.restored > 0);
    fs.writeFileSync(path.join(vault, 'Work/Budget.md'), text);
    await settled;
    expect((await engram.getNote(note.id)).deletedAt).toBeNull();
    expect(await keywordIds('quarterly')).toEqual([note.id]);
  });
});
