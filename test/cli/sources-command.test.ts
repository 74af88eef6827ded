// `engram sources ...` as a user's shell runs it (the built CLI as a child process): connect, list, sync with a
// held-back forget and --yes, remove; an unreadable folder and file (run as an unprivileged user when the tests run as
// root); and `sources watch`, which holds the memory, keeps the folder current and serves agents on the socket.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AddSourceResult, SourceSummary, SourceSyncReport } from '../../src/core/sources/source-models';
import { connectMemorySocket } from '../../src/mcp/memory-socket-client';
import { cliPath, prepareDataDir, repoRoot, runJson, spawnCli, tempDir } from './cli-process';

let dataDir: string;
let vault: string;
const removals: (() => Promise<void>)[] = [];

beforeEach(async () => {
  const data = await tempDir('engram-cli-sources-');
  const folder = await tempDir('engram-cli-vault-');
  removals.push(data.remove, folder.remove);
  dataDir = data.dir;
  vault = folder.dir;
  await prepareDataDir(dataDir);
  for (let i = 0; i < 10; i++) fs.writeFileSync(path.join(vault, `Note ${i}.md`), `Vault note ${i} about the ferry timetable.\n`);
});

afterEach(async () => {
  for (const remove of removals.splice(0)) await remove();
});

// Each test runs the CLI several times (a second or two each on a quiet machine, far more on a loaded one).
describe('engram sources', { timeout: 300_000 }, () => {
  it('add, list, sync (a large forget waits for --yes), remove', async () => {
    const added = await runJson<AddSourceResult>(dataDir, ['sources', 'add', vault]);
    expect(added.report.counts.imported).toBe(10);
    expect(added.source).toMatchObject({ id: 1, root: vault, notes: 10 });
    const listed = await runJson<{ sources: SourceSummary[] }>(dataDir, ['sources', 'list']);
    expect(listed.sources).toMatchObject([{ id: 1, state: 'idle', notes: 10 }]);

    for (let i = 0; i < 6; i++) fs.rmSync(path.join(vault, `Note ${i}.md`));
    const held = await spawnCli(['--data-dir', dataDir, 'sources', 'sync']);
    expect(held.code).toBe(0);
    expect(held.stdout).toContain('6 notes of the 10');
    expect(held.stdout).toContain(`engram sources sync 1 --yes`);
    const confirmed = await runJson<{ reports: SourceSyncReport[] }>(dataDir, ['sources', 'sync', '1', '--yes']);
    expect(confirmed.reports[0]!.counts.forgotten).toBe(6);

    const removed = await spawnCli(['--data-dir', dataDir, 'sources', 'remove', '1', '--keep-notes']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('Its 4 notes stay');
    expect(fs.readdirSync(vault)).toHaveLength(4);
  });

  it('a missing folder, a folder inside a connected one, and an unknown id: exit 1 with one line', async () => {
    const missing = await spawnCli(['--data-dir', dataDir, 'sources', 'add', path.join(vault, 'nope')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`engram: Cannot connect ${path.join(vault, 'nope')}: there is no folder there.\n`);
    await runJson(dataDir, ['sources', 'add', vault]);
    fs.mkdirSync(path.join(vault, 'inner'));
    const inner = await spawnCli(['--data-dir', dataDir, 'sources', 'add', path.join(vault, 'inner')]);
    expect(inner.code).toBe(1);
    expect(inner.stderr).toMatch(/^engram: .* is inside .*already connected \(folder 1\).*\n$/);
    const unknown = await spawnCli(['--data-dir', dataDir, 'sources', 'remove', '9']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no connected folder 9');
  });

  it('an unreadable folder is refused and an unreadable file is reported, nothing else lost', async () => {
    // root reads everything: run the CLI as an unprivileged user then (the data directory must be theirs to write)
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    if ('uid' in asUser) {
      for (const dir of [dataDir, vault]) fs.chmodSync(dir, 0o777);
      for (const entry of fs.readdirSync(dataDir, { recursive: true })) fs.chmodSync(path.join(dataDir, String(entry)), 0o777);
      for (const name of fs.readdirSync(vault)) fs.chmodSync(path.join(vault, name), 0o666);
    }
    const locked = path.join(vault, 'locked');
    fs.mkdirSync(locked);
    fs.chmodSync(locked, 0o000);
    fs.chmodSync(path.join(vault, 'Note 9.md'), 0o000);
    const run = (args: string[]) => runAs(asUser, ['--data-dir', dataDir, ...args]);
    const refused = await run(['sources', 'add', locked]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^engram: Cannot connect .*locked: the folder cannot be read \(EACCES\)\. Check its permissions\.\n$/);
    const added = await run(['--json', 'sources', 'add', vault]);
    expect(added.code, added.stderr).toBe(0);
    const result = JSON.parse(added.stdout) as AddSourceResult;
    expect(result.report.counts.imported).toBe(9);
    expect([...result.report.failed, ...result.report.skipped].map((p) => `${path.basename(p.path)}: ${p.reason}`)).toEqual(
      expect.arrayContaining(['Note 9.md: cannot be read (EACCES)', 'locked: folder cannot be read (EACCES)']),
    );
  });

  it('sources watch holds the memory, keeps the folder current and serves agents on the socket until Ctrl-C', async () => {
    await runJson(dataDir, ['sources', 'add', vault]);
    const child = spawn(process.execPath, [cliPath, '--data-dir', dataDir, 'sources', 'watch'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const lines = readline.createInterface({ input: child.stdout });
    const nextLine = (matches: (line: string) => boolean): Promise<string> =>
      new Promise((resolve, reject) => {
        const onLine = (line: string): void => {
          if (!matches(line)) return;
          lines.off('line', onLine);
          resolve(line);
        };
        lines.on('line', onLine);
        child.once('exit', (code) => reject(new Error(`sources watch exited ${code}: ${stderr}`)));
      });
    try {
      await nextLine((l) => l.startsWith('Watching 1 folder'));
      await nextLine((l) => l.startsWith('folder 1 watching'));
      const added = nextLine((l) => l === 'folder 1: 1 added');
      fs.writeFileSync(path.join(vault, 'Ferry.md'), 'The night ferry to the islands leaves at eleven.\n');
      await added;
      const agent = await connectMemorySocket({ dataDir });
      expect(agent).not.toBeNull();
      const found = await agent!.recall('night ferry islands', { mode: 'keyword' });
      expect(found.results[0]!.title).toBe('Ferry');
      await agent!.close();
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      expect(await exited).toBe(130);
    }
  });
});

/** Runs the CLI as another user (or as this one when `as` is empty). */
function runAs(as: { uid?: number; gid?: number }, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: '/', ...as, env: { ...process.env, HOME: '/tmp' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
