// End-to-end CLI tests: the built `engram` binary against one real data directory, commands run in sequence.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddNoteResult, EngramStatus, Note, NotePage } from '../../src/shared/models';
import { prepareDataDir, runJson, spawnCli, tempDir } from './cli-process';

interface RecallJson {
  results: {
    id: number;
    title: string;
    score: number;
    snippet: string;
    tags: string[];
    createdAt: string;
    source: { kind: string; path: string | null };
  }[];
}

let dataDir: string;
let filesDir: string;
let cleanup: () => Promise<void>;
const ids: Record<string, number> = {};

const cli = (...args: string[]) => spawnCli(['--data-dir', dataDir, ...args]);

beforeAll(async () => {
  const tmp = await tempDir('engram-cli-');
  cleanup = tmp.remove;
  dataDir = path.join(tmp.dir, 'data');
  filesDir = tmp.dir;
  await prepareDataDir(dataDir);
});

afterAll(async () => {
  await cleanup?.();
});

// Each CLI run opens the database (~1-2 s, more on a busy machine), so one data directory serves the whole file.
describe('engram CLI against a real data directory', { timeout: 180_000 }, () => {
  it('adds a note from the text argument (source cli, title derived)', async () => {
    const run = await cli('add', 'Feed the sourdough starter with flour and water every morning', '--tag', 'kitchen/bread');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Added note (\d+): Feed the sourdough starter with flour and water every morning {2}#kitchen\/bread\n/);
    expect(run.stdout).toContain('engram wait');
    ids.sourdough = Number(/Added note (\d+)/.exec(run.stdout)![1]);
  });

  it('adds a note from --file, recording the absolute path and the heading as title', async () => {
    await writeFile(path.join(filesDir, 'trip.md'), '# Lisbon trip\n\nBook the tram 28 tickets and visit the castle.\n');
    const added = await runJson<AddNoteResult>(dataDir, ['add', '--file', 'trip.md', '--tag', 'travel'], { cwd: filesDir });
    expect(added.duplicate).toBe(false);
    expect(added.note).toMatchObject({
      title: 'Lisbon trip',
      tags: ['travel'],
      source: { kind: 'file', path: path.join(filesDir, 'trip.md') },
    });
    expect(added.note.body).toContain('tram 28');
    ids.trip = added.note.id;
  });

  it('titles a --file note with --title, or the file name when the body has no usable first line', async () => {
    await writeFile(path.join(filesDir, 'marks.txt'), '- \n');
    const fallback = await runJson<AddNoteResult>(dataDir, ['add', '--file', path.join(filesDir, 'marks.txt')]);
    expect(fallback.note.title).toBe('marks.txt');
    await writeFile(path.join(filesDir, 'plain.txt'), 'Quarterly tax estimate is due on the fifteenth.\n');
    const titled = await runJson<AddNoteResult>(dataDir, ['add', '--file', path.join(filesDir, 'plain.txt'), '--title', 'Taxes']);
    expect(titled.note.title).toBe('Taxes');
    ids.taxes = titled.note.id;
  });

  it('adds a note from stdin when neither text nor --file is given', async () => {
    const run = await spawnCli(['--data-dir', dataDir, '--json', 'add', '--tag', 'health'], {
      input: 'Dentist appointment\nCheck-up on Tuesday at 9, bring the insurance card.\n',
    });
    expect(run.code).toBe(0);
    const added = JSON.parse(run.stdout) as AddNoteResult;
    expect(added.note).toMatchObject({ title: 'Dentist appointment', source: { kind: 'cli', path: null }, tags: ['health'] });
    expect(added.note.body).toContain('insurance card');
    ids.dentist = added.note.id;
  });

  it('says so when the same content is added again, and stores nothing new', async () => {
    const run = await cli('add', 'Feed the sourdough starter with flour and water every morning');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Already stored as note ${ids.sourdough}`);
    const json = await runJson<AddNoteResult>(dataDir, ['add', 'Feed the sourdough starter with flour and water every morning']);
    expect(json).toMatchObject({ duplicate: true, note: { id: ids.sourdough } });
  });

  it('prints a note with get, in human and JSON form', async () => {
    const run = await cli('get', String(ids.trip));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Lisbon trip\nnote \d+\ncreated {2}\d{4}-\d\d-\d\d \d\d:\d\d\ntags {5}#travel\nsource {3}file \//);
    expect(run.stdout).toContain('Book the tram 28 tickets');
    const note = await runJson<Note>(dataDir, ['get', String(ids.trip)]);
    expect(Object.keys(note).sort()).toEqual(
      ['author', 'body', 'contentHash', 'createdAt', 'deletedAt', 'id', 'source', 'tags', 'title', 'updatedAt'].sort(),
    );
  });

  it('lists notes newest first, paged and filtered', async () => {
    const page = await runJson<NotePage>(dataDir, ['list', '--limit', '2', '--offset', '1']);
    expect(page).toMatchObject({ total: 5, offset: 1, limit: 2 });
    const all = await runJson<NotePage>(dataDir, ['list']);
    expect(all.total).toBe(5); // the duplicate add stored nothing
    expect(all.notes.find((n) => n.id === ids.sourdough)).toMatchObject({
      source: { kind: 'cli', path: null },
      tags: ['kitchen/bread'],
      deletedAt: null,
    });
    const created = all.notes.map((n) => n.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    expect(page.notes.map((n) => n.id)).toEqual(all.notes.slice(1, 3).map((n) => n.id));
    const tagged = await runJson<NotePage>(dataDir, ['list', '--tag', 'kitchen']);
    expect(tagged.notes.map((n) => n.id)).toEqual([ids.sourdough]);
    const files = await runJson<NotePage>(dataDir, ['list', '--source', 'file']);
    expect(files.notes.map((n) => n.source.kind)).toEqual(['file', 'file', 'file']);
    const recent = await runJson<NotePage>(dataDir, ['list', '--when', 'past 2 days']);
    expect(recent.total).toBe(5);
    const old = await runJson<NotePage>(dataDir, ['list', '--to', '2020-01-01', '--limit', '1']);
    expect(old).toMatchObject({ total: 0, notes: [] });
    const human = await cli('list', '--limit', '2');
    expect(human.code).toBe(0);
    expect(human.stdout.trimEnd().split('\n')).toHaveLength(3);
    expect(human.stdout).toContain('1–2 of 5; next page: --offset 2');
  });

  it('recalls by keyword before embedding, mentioning the pending embeddings', async () => {
    const run = await cli('recall', 'tram', '--mode', 'keyword');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^1\. Lisbon trip {2}\d{4}-\d\d-\d\d {2}#travel\n {3}.*tram/);
    expect(run.stdout).toMatch(/\nRun `engram wait` \(or open the app\) to embed the \d+ pending passages?\.\n$/);
  });

  it('drains the embedding queue with wait, printing plain progress lines when not on a terminal', async () => {
    const run = await cli('wait');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Embedded \d+ chunks? in \d+s\.\n$/);
    expect(run.stderr).toMatch(/embedding: \d+\/\d+ chunks \(100%\)\n$/);
    const again = await runJson<{ embedded: number; pending: number; failed: number }>(dataDir, ['wait']);
    expect(again).toMatchObject({ embedded: 0, pending: 0, failed: 0 });
  });

  it('reports status as JSON: counts, backlog and the active embedding space', async () => {
    const status = await runJson<EngramStatus>(dataDir, ['status']);
    expect(status).toMatchObject({ dataDir, notes: 5, forgottenNotes: 0, embeddings: { pending: 0, failed: 0 } });
    expect(status.chunks).toBeGreaterThanOrEqual(5);
    expect(status.embeddings.done).toBe(status.chunks);
    expect(status.activeSpace).toMatchObject({ provider: expect.any(String), model: expect.any(String), dimensions: 512 });
    const human = await cli('status');
    expect(human.stdout).toMatch(/Notes +5\n/);
    expect(human.stdout).toMatch(/Embeddings +\d+ done, 0 pending, 0 failed\n/);
  });

  it('recalls by meaning with the documented JSON shape', async () => {
    const doc = await runJson<RecallJson>(dataDir, ['recall', 'baking bread at home', '--limit', '3']);
    expect(Object.keys(doc)).toEqual(['results']);
    expect(doc.results.length).toBeGreaterThan(0);
    expect(doc.results.length).toBeLessThanOrEqual(3);
    const top = doc.results[0]!;
    expect(top.id).toBe(ids.sourdough);
    expect(Object.keys(top).slice(0, 7)).toEqual(['id', 'title', 'score', 'snippet', 'tags', 'createdAt', 'source']);
    expect(top).toMatchObject({ tags: ['kitchen/bread'], source: { kind: 'cli', path: null } });
    expect(typeof top.score).toBe('number');
    expect(top.snippet).toContain('sourdough');
    const tagged = await runJson<RecallJson>(dataDir, ['recall', 'appointment', '--tag', 'health', '--mode', 'vector']);
    expect(tagged.results.map((r) => r.id)).toEqual([ids.dentist]);
  });

  it('forgets a note (hidden from list and recall) and restores it', async () => {
    const forgot = await cli('forget', String(ids.trip));
    expect(forgot.code).toBe(0);
    expect(forgot.stdout).toContain(`Forgot note ${ids.trip}: Lisbon trip`);
    const listed = await runJson<NotePage>(dataDir, ['list']);
    expect(listed.notes.map((n) => n.id)).not.toContain(ids.trip);
    const recalled = await runJson<RecallJson>(dataDir, ['recall', 'tram', '--mode', 'keyword']);
    expect(recalled.results.map((r) => r.id)).not.toContain(ids.trip);
    const withForgotten = await runJson<NotePage>(dataDir, ['list', '--forgotten']);
    expect(withForgotten.notes.find((n) => n.id === ids.trip)?.deletedAt).toEqual(expect.any(String));
    const restored = await runJson<Note>(dataDir, ['restore', String(ids.trip)]);
    expect(restored).toMatchObject({ id: ids.trip, deletedAt: null });
    const back = await runJson<RecallJson>(dataDir, ['recall', 'tram', '--mode', 'keyword']);
    expect(back.results.map((r) => r.id)).toContain(ids.trip);
  });

  it('exits 1 with one line on stderr for an unknown note or a bad ID', async () => {
    for (const args of [['get', '999'], ['forget', '999'], ['get', 'abc'], ['restore', '0']]) {
      const run = await cli(...args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^engram: [^\n]+\n$/);
      expect(run.stderr).toContain(args[1] === '999' ? '999' : 'A note ID is a positive whole number');
    }
  });
});
