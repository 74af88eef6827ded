// `engram backup`, `backups`, `restore-backup` and `export`, through the shipped CLI; an export read back by `import`.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupInfo, BackupOverview, MarkdownExportResult, Note, NotePage, RestoreResult } from '../../src/shared/models';
import { prepareDataDir, runJson, spawnCli, tempDir } from './cli-process';

let root: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const tmp = await tempDir('engram-backup-cli-');
  root = tmp.dir;
  cleanup = tmp.remove;
});

afterAll(async () => {
  await cleanup?.();
});

describe('backup commands', { timeout: 300_000 }, () => {
  it('backs up, lists, and restores (asking first), keeping the replaced state', async () => {
    const dataDir = path.join(root, 'memory-a');
    await prepareDataDir(dataDir);
    expect((await spawnCli(['--data-dir', dataDir, 'add', 'Plant garlic in October', '--tag', 'garden'])).code).toBe(0);
    const backup = await runJson<BackupInfo>(dataDir, ['backup']);
    expect(backup).toMatchObject({ kind: 'manual', notes: 1 });
    expect((await spawnCli(['--data-dir', dataDir, 'add', 'Added after the backup'])).code).toBe(0);

    const human = await spawnCli(['--data-dir', dataDir, 'backups']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Automatic daily backup: on');
    expect(human.stdout).toContain(backup.name);

    const refused = await spawnCli(['--data-dir', dataDir, 'restore-backup', backup.name]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('engram: Restoring needs a confirmation: run it on a terminal to be asked, or pass --yes.\n');

    const unknown = await spawnCli(['--data-dir', dataDir, 'restore-backup', 'engram-1999-01-01-000000-manual', '--yes']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^engram: There is no backup named engram-1999-01-01-000000-manual in \S+; the backups are: engram-\S+ \(`engram backups` lists them\)\.\n$/);

    const restored = await runJson<RestoreResult>(dataDir, ['restore-backup', backup.name, '--yes']);
    expect(restored.restored.name).toBe(backup.name);
    const page = await runJson<NotePage>(dataDir, ['list']);
    expect(page.notes.map((n) => n.body)).toEqual(['Plant garlic in October']);

    const overview = await runJson<BackupOverview>(dataDir, ['backups', '--automatic', 'off']);
    expect(overview.automatic).toBe(false);
    expect(overview.backups.map((b) => b.kind).sort()).toEqual(['before-restore', 'manual']);
  });

  it('exports every live note as Markdown with front matter, refuses a non-empty folder, and imports back', async () => {
    const dataDir = path.join(root, 'memory-b');
    await prepareDataDir(dataDir);
    const notes: [string, string[]][] = [
      ['# Sourdough\n\nFeed the starter twice a day.', ['kitchen', 'bread/sourdough']],
      ['# Sourdough\n\nA second note with the same title.', []],
      ['CON: a title Windows reserves', ['odd']],
      ['# Trip: Lyon / Paris?\n\nTrains at 9:00.', ['travel']],
    ];
    for (const [body, tags] of notes) {
      expect((await spawnCli(['--data-dir', dataDir, 'add', ...tags.flatMap((t) => ['--tag', t])], { input: body })).code).toBe(0);
    }
    expect((await spawnCli(['--data-dir', dataDir, 'add', 'forgotten one'])).code).toBe(0);
    expect((await spawnCli(['--data-dir', dataDir, 'forget', '5'])).code).toBe(0);

    const target = path.join(root, 'export');
    const result = await runJson<MarkdownExportResult>(dataDir, ['export', target]);
    expect(result).toEqual({ dir: target, notes: 4 });
    const files = (await readdir(target)).sort();
    expect(files).toEqual(['CON a title Windows reserves.md', 'Sourdough 2.md', 'Sourdough.md', 'Trip Lyon Paris.md']);
    const sourdough = await readFile(path.join(target, 'Sourdough.md'), 'utf8');
    expect(sourdough).toMatch(/^---\ntitle: Sourdough\ntags:\n {2}- bread\/sourdough\n {2}- kitchen\ncreated: "\d{4}-\d\d-\d\dT[\d:.]+Z"\nupdated: "[^"]+"\nsource: cli\nauthor: you\nengram_id: 1\n---\n# Sourdough\n\nFeed the starter twice a day.\n$/);

    const again = await spawnCli(['--data-dir', dataDir, 'export', target]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`engram: ${target} is not empty. Export into an empty or new folder, or pass --force to add the notes beside what is there (no file is overwritten).\n`);
    expect((await runJson<MarkdownExportResult>(dataDir, ['export', target, '--force'])).notes).toBe(4);
    expect(await readdir(target)).toHaveLength(8);

    // Round trip: a new memory imports the first export and holds the same notes.
    const single = path.join(root, 'export-once');
    await runJson<MarkdownExportResult>(dataDir, ['export', single]);
    const other = path.join(root, 'memory-c');
    await prepareDataDir(other);
    expect((await spawnCli(['--data-dir', other, 'import', single])).code).toBe(0);
    const original = (await runJson<NotePage>(dataDir, ['list'])).notes;
    const imported = (await runJson<NotePage>(other, ['list'])).notes;
    const shape = (n: Note) => ({ title: n.title, body: n.body.trim(), tags: [...n.tags].sort(), createdAt: n.createdAt });
    expect(imported.map(shape).sort((a, b) => a.body.localeCompare(b.body))).toEqual(original.map(shape).sort((a, b) => a.body.localeCompare(b.body)));
  });

  it('refuses a file as the export target', async () => {
    const dataDir = path.join(root, 'memory-d');
    await mkdir(root, { recursive: true });
    const file = path.join(root, 'a-file.md');
    await writeFile(file, 'x');
    await prepareDataDir(dataDir);
    const run = await spawnCli(['--data-dir', dataDir, 'export', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`engram: ${file} is a file; export into a folder (a new one is created).\n`);
    expect(existsSync(path.join(root, 'a-file.md'))).toBe(true);
  });
});
