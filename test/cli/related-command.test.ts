// `engram related` through the built CLI against a real data directory.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelatedNotes } from '../../src/shared/connection-models';
import type { AddNoteResult } from '../../src/shared/models';
import { prepareDataDir, runJson, spawnCli, tempDir } from './cli-process';

let dataDir: string;
let cleanup: () => Promise<void>;
const cli = (...args: string[]) => spawnCli(['--data-dir', dataDir, ...args]);
const add = async (body: string) => (await runJson<AddNoteResult>(dataDir, ['add', body])).note.id;

beforeAll(async () => {
  const tmp = await tempDir('engram-cli-related-');
  cleanup = tmp.remove;
  dataDir = path.join(tmp.dir, 'data');
  await prepareDataDir(dataDir);
});
afterAll(async () => {
  await cleanup?.();
});

describe('engram related', { timeout: 180_000 }, () => {
  it('says a note is not embedded yet, then lists its related notes with similarity, title and passage', async () => {
    const bread = await add('Feed the sourdough starter with flour and water, then bake the loaf in a hot Dutch oven.');
    const baking = await add('Baking bread at home: knead the dough, let the yeast rise overnight, bake it hot for a crisp crust.');
    const taxes = await add('The quarterly tax return is due at the end of the month; the accountant needs every invoice.');

    const before = await cli('related', String(bread));
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('not embedded yet: run `engram wait`');

    expect((await cli('wait')).code).toBe(0);
    const run = await cli('related', String(bread));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^0\\.\\d\\d {2}Baking bread at home.* {2}note ${baking}$`));
    expect(lines[1]).toMatch(/^ {6}Baking bread at home: knead the dough/);
    expect(run.stdout).toMatch(new RegExp(`Less related:\\n0\\.\\d\\d {2}The quarterly tax return.* {2}note ${taxes}`));

    const json = await runJson<RelatedNotes>(dataDir, ['related', String(bread), '--limit', '1']);
    expect(json).toMatchObject({ noteId: bread, state: 'ready', pendingPassages: 0, notes: [{ noteId: baking, lessRelated: false }] });
    expect(json.notes[0]!.matchedOwnPassage).toContain('sourdough starter');
  });

  it('refuses an unknown note and a limit above 50', async () => {
    const missing = await cli('related', '999999');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no note 999999');
    const tooMany = await cli('related', '1', '--limit', '51');
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toContain('at most 50');
  });
});
