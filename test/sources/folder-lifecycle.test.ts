// A connected folder across the memory's life: closed and reopened with changes made meanwhile, its root removed and
// restored, disconnected; and the folders and files it refuses, each with a clear reason and nothing else lost.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEngram } from '../../src/core/engine/open-engram';
import type { Engram } from '../../src/core/engine/engram';
import { isEngramError } from '../../src/core/errors';
import { tempDir, testSeed } from '../support/temp-engram';
import { nextSettled, nextState, writeFiles } from './support/folder-events';

let dataDir: string;
let vault: string;
let engram: Engram | null = null;
const cleanups: (() => void)[] = [];

const open = async (): Promise<Engram> => {
  engram = await openEngram({ dataDir, seed: testSeed(), watchSources: true, settleMs: 100 });
  return engram;
};

beforeEach(() => {
  const data = tempDir();
  const dir = tempDir('engram-vault-');
  dataDir = data.dir;
  vault = path.join(dir.dir, 'Vault');
  cleanups.push(data.cleanup, dir.cleanup);
  fs.mkdirSync(path.join(vault, '.obsidian'), { recursive: true });
  writeFiles(vault, Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`Note ${i}.md`, `Vault note ${i} about the lighthouse keeper.\n`])));
});

afterEach(async () => {
  await engram?.close();
  engram = null;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function rejection(work: Promise<unknown>): Promise<string> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(isEngramError(error), String(error)).toBe(true);
  return (error as Error).message;
}

describe('a connected folder over time', () => {
  it('changes made while the memory was closed are caught up when it opens', async () => {
    const memory = await open();
    const settled = nextSettled(memory);
    await memory.addSource({ path: vault });
    await settled;
    const ids = new Map((await memory.listNotes({ limit: 50 })).notes.map((n) => [n.source.path, n.id]));
    await memory.close();
    engram = null;
    fs.writeFileSync(path.join(vault, 'Note 0.md'), 'Vault note 0 about the lighthouse lamp.\n');
    fs.rmSync(path.join(vault, 'Note 1.md'));
    fs.renameSync(path.join(vault, 'Note 2.md'), path.join(vault, 'Renamed.md'));
    fs.writeFileSync(path.join(vault, 'New.md'), 'A new note about the harbour master.\n');
    const reopened = await openEngram({ dataDir, seed: testSeed(), watchSources: false });
    engram = reopened;
    const catchUp = nextSettled(reopened);
    const [report] = await reopened.syncSources();
    await catchUp;
    expect(report!.counts).toMatchObject({ added: 1, updated: 2, moved: 1, forgotten: 1 }); // updated: the edit, and the renamed note's title
    expect((await reopened.getNote(ids.get(path.join(vault, 'Note 0.md'))!)).body).toContain('lamp');
    expect((await reopened.getNote(ids.get(path.join(vault, 'Note 1.md'))!)).deletedAt).not.toBeNull();
    expect((await reopened.getNote(ids.get(path.join(vault, 'Note 2.md'))!)).source.path).toBe(path.join(vault, 'Renamed.md'));
  });

  it('catches up by itself when opened to watch', async () => {
    let memory = await open();
    await memory.addSource({ path: vault });
    await memory.close();
    fs.writeFileSync(path.join(vault, 'While closed.md'), 'Written while nothing watched: the albatross.\n');
    const settled = new Promise<void>((resolve) => {
      void openEngram({ dataDir, seed: testSeed(), watchSources: true, settleMs: 100 }).then((m) => {
        engram = m;
        const stop = m.onSourceEvent((e) => {
          if (e.type === 'settled' && e.counts.added > 0) {
            stop();
            resolve();
          }
        });
      });
    });
    await settled;
    memory = engram!;
    expect((await memory.recall('albatross', { mode: 'keyword' })).results).toHaveLength(1);
  });

  it('a root that disappears makes the folder offline, its notes still searchable, until it comes back', async () => {
    const memory = await open();
    const first = nextSettled(memory);
    const { source } = await memory.addSource({ path: vault });
    await first;
    const offline = nextState(memory, 'offline');
    const parked = `${vault}-unmounted`;
    fs.renameSync(vault, parked); // an unmounted drive, or the folder renamed away
    const event = await offline;
    expect(event.source.reason).toContain('is not there');
    expect((await memory.listSources())[0]).toMatchObject({ id: source.id, state: 'offline', notes: 5 });
    expect((await memory.recall('lighthouse', { mode: 'keyword' })).results).toHaveLength(5);
    const back = nextState(memory, 'watching');
    fs.renameSync(parked, vault);
    await back;
    expect((await memory.listSources())[0]).toMatchObject({ state: 'watching', notes: 5 });
    const live = nextSettled(memory, (e) => e.counts.added > 0);
    fs.writeFileSync(path.join(vault, 'After.md'), 'Written after the drive came back: the puffin.\n');
    await live;
    expect((await memory.recall('puffin', { mode: 'keyword' })).results).toHaveLength(1);
  });

  it('a root emptied all at once (a sync client clearing it) forgets nothing', async () => {
    const memory = await open();
    const first = nextSettled(memory);
    await memory.addSource({ path: vault });
    await first;
    const held = nextSettled(memory, (e) => e.counts.forgotten === 0);
    for (const name of fs.readdirSync(vault)) if (name.endsWith('.md')) fs.rmSync(path.join(vault, name));
    await held;
    const [source] = await memory.listSources();
    expect(source!.notes).toBe(5);
    expect(['offline', 'waiting']).toContain(source!.state);
  });

  it('remove forgets its notes (restorable) or, with keepNotes, keeps them; the files are untouched', async () => {
    const memory = await open();
    const { source } = await memory.addSource({ path: vault });
    const removed = await memory.removeSource(source.id);
    expect(removed.forgottenNotes).toBe(5);
    expect((await memory.listNotes({ limit: 50 })).total).toBe(0);
    expect(fs.readdirSync(vault).filter((n) => n.endsWith('.md'))).toHaveLength(5);
    const again = await memory.addSource({ path: vault }); // connected again: the files are the truth, the notes come back
    expect(again.source.notes).toBe(5);
    const kept = await memory.removeSource(again.source.id, { keepNotes: true });
    expect(kept.keptNotes).toBe(5);
    expect((await memory.listNotes({ limit: 50 })).total).toBe(5);
    expect(await memory.listSources()).toEqual([]);
  });
});

describe('what cannot be connected or read, and why', () => {
  it('refuses a missing folder, a file, an already connected folder, one inside it and one containing it', async () => {
    const memory = await open();
    expect(await rejection(memory.addSource({ path: path.join(vault, 'nope') }))).toContain('there is no folder there');
    expect(await rejection(memory.addSource({ path: path.join(vault, 'Note 0.md') }))).toContain('is a file, not a folder');
    await memory.addSource({ path: vault });
    expect(await rejection(memory.addSource({ path: vault }))).toContain('already connected');
    fs.mkdirSync(path.join(vault, 'Sub'));
    expect(await rejection(memory.addSource({ path: path.join(vault, 'Sub') }))).toContain('is inside');
    expect(await rejection(memory.addSource({ path: path.dirname(vault) }))).toContain('contains');
    expect(await memory.listSources()).toHaveLength(1);
  });

  it('a binary file named .md, a 50 MB file and a symlink loop are left out with reasons; the rest is read', async () => {
    fs.writeFileSync(path.join(vault, 'Binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
    fs.writeFileSync(path.join(vault, 'Huge.md'), Buffer.alloc(50 * 1024 * 1024 + 1, 0x61));
    fs.symlinkSync(vault, path.join(vault, 'Loop'));
    const memory = await open();
    const { report } = await memory.addSource({ path: vault });
    expect(report.counts.imported).toBe(5);
    const reasons = [...report.failed, ...report.skipped].map((p) => `${path.basename(p.path)}: ${p.reason}`);
    expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^Binary\.md: binary file/), expect.stringMatching(/^Huge\.md: too large/), expect.stringMatching(/^Loop: symlink loop/)]));
    // live: a binary file appearing later is a problem shown with the folder, not a note
    await nextSettled(memory);
    const settled = nextSettled(memory, (e) => e.counts.failed > 0);
    fs.writeFileSync(path.join(vault, 'Later.md'), Buffer.from([0, 1, 2, 3]));
    await settled;
    const [source] = await memory.listSources();
    expect(source!.problems.map((p) => path.basename(p.path))).toContain('Later.md');
    expect(source!.notes).toBe(5);
  });
});
