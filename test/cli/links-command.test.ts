// `engram links ID` through the built CLI (out/node/cli.js) on a real memory: human and JSON output, unknown ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngram } from '../../src/core/engine/open-engram';
import type { NoteLinks } from '../../src/shared/connection-models';
import { testSeed } from '../support/temp-engram';
import { runJson, spawnCli, tempDir } from './cli-process';

describe('engram links', { timeout: 120_000 }, () => {
  let dataDir: string;
  let remove: () => Promise<void>;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    ({ dir: dataDir, remove } = await tempDir('engram-links-cli-'));
    const engine = await openEngram({ dataDir, seed: testSeed() });
    ids.trip = (await engine.addNote({ title: 'Lisbon trip', body: 'Trams and the castle.' })).note.id;
    ids.ideas = (await engine.addNote({ title: 'Holiday ideas', body: 'Start with [[Lisbon trip#Tickets]], then [[Porto]].\nLater [[lisbon trip|again]].' })).note.id;
    await engine.close();
  });
  afterAll(() => remove());

  it('lists links with the notes they open or (unresolved), then backlinks with their line', async () => {
    const out = await spawnCli(['--data-dir', dataDir, 'links', String(ids.ideas)]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(
      [
        'Links:',
        `  [[Lisbon trip#Tickets]]  →  Lisbon trip (note ${ids.trip})`,
        '  [[Porto]]  →  (unresolved)',
        `  [[lisbon trip|again]]  →  Lisbon trip (note ${ids.trip})`,
        '',
        'Backlinks:',
        '  (none)',
        '',
      ].join('\n'),
    );
    const back = await spawnCli(['--data-dir', dataDir, 'links', String(ids.trip)]);
    expect(back.stdout).toContain(`Backlinks:\n  Holiday ideas (note ${ids.ideas}) ×2\n    Start with Lisbon trip, then Porto.\n`);
  });

  it('prints NoteLinks with --json, and an unknown id as one line, exit 1', async () => {
    const links = await runJson<NoteLinks>(dataDir, ['links', String(ids.trip)]);
    expect(links).toEqual({ noteId: ids.trip, outgoing: [], backlinks: [{ noteId: ids.ideas, title: 'Holiday ideas', context: 'Start with Lisbon trip, then Porto.', count: 2 }] });
    const missing = await spawnCli(['--data-dir', dataDir, 'links', '999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('engram: There is no note 999. List notes with `engram list`.\n');
  });
});
