// A full disk, through the shipped CLI: the disk filling up during an import (Postgres's log write fails: PGlite
// used to spin at 100% CPU forever), a disk that stays full, and an import refused up front because it cannot fit.
// The full disk is simulated at the file-system calls (test/cli/inject-disk-full.mjs), below PGlite.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngramStatus } from '../../src/shared/models';
import { prepareDataDir, repoRoot, runJson, spawnCli, tempDir, type RunOptions } from './cli-process';

let root: string;
let cleanup: () => Promise<void>;
let vault: string;
const NOTES = 30;
/** Opening a memory takes seconds, many more on a loaded machine. */
const LONG: RunOptions = { timeoutMs: 150_000 };
const DISK_FULL = /^engram: The disk holding \S+ is full, so Engram could not save\. Free some space and try again; nothing you saved before was lost\.\n$/;

beforeAll(async () => {
  const tmp = await tempDir('engram-disk-full-');
  root = tmp.dir;
  cleanup = tmp.remove;
  vault = path.join(root, 'vault');
  await mkdir(vault);
  const paragraph = 'Seedlings want light, water and patience; the compost heap warms the bed from below. '.repeat(12);
  for (let i = 0; i < NOTES; i++) await writeFile(path.join(vault, `note-${i}.md`), `# Garden note ${i}\n\n${paragraph}\n`);
});

afterAll(async () => {
  await cleanup?.();
});

/** Runs the CLI with the simulated disk under `dataDir`: `free` bytes left, optionally only for paths containing `only`. */
function withFullDisk(dataDir: string, free: number, extra: { only?: string; statfs?: boolean } = {}): RunOptions {
  return {
    nodeArgs: ['--import', path.join(repoRoot, 'test/cli/inject-disk-full.mjs')],
    env: {
      ENGRAM_TEST_DISK_DIR: dataDir,
      ENGRAM_TEST_DISK_FREE_BYTES: String(free),
      ENGRAM_TEST_DISK_ONLY: extra.only ?? '',
      ENGRAM_TEST_DISK_STATFS: extra.statfs ? '1' : '0',
    },
    timeoutMs: 150_000,
  };
}

describe('a full disk', { timeout: 900_000 }, () => {
  it('stops an import with a clear exit-1 message when the log write fails, keeps what was committed, and resumes', async () => {
    const dataDir = path.join(root, 'import-fills-disk');
    await prepareDataDir(dataDir);
    // The disk fills up as Postgres writes its write-ahead log: Postgres PANICs, which made PGlite loop forever.
    const run = await spawnCli(['--data-dir', dataDir, 'import', vault], withFullDisk(dataDir, 100_000, { only: 'pg_wal' }));
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((line) => line.startsWith('engram:'))).toHaveLength(1);
    expect(run.stderr).toMatch(/engram: The disk holding \S+ is full, so Engram could not save\. Free some space and try again; nothing you saved before was lost\.\n$/);

    // Space freed: the memory opens, and the same import finishes where it stopped.
    const after = await runJson<EngramStatus>(dataDir, ['status'], LONG);
    expect(after.notes).toBeLessThan(NOTES);
    const again = await spawnCli(['--data-dir', dataDir, 'import', vault], LONG);
    expect(again.code).toBe(0);
    expect((await runJson<EngramStatus>(dataDir, ['status'], LONG)).notes).toBe(NOTES);
  });

  it('says the disk is full (exit 1), never an internal error or damage, wherever the disk runs out', async () => {
    const dataDir = path.join(root, 'runs-out');
    await prepareDataDir(dataDir);
    // The disk runs out before the lock, while Postgres starts, and during the import.
    const disks = [withFullDisk(dataDir, 0), withFullDisk(dataDir, 20_000), withFullDisk(dataDir, 150_000)];
    for (const disk of disks) {
      const run = await spawnCli(['--data-dir', dataDir, 'import', vault], disk);
      expect(run.code, JSON.stringify(disk.env)).toBe(1);
      expect(run.stderr).toMatch(/engram: The disk holding \S+ is full/);
      expect(run.stderr).not.toMatch(/internal error|cannot be opened/);
    }
    expect((await runJson<EngramStatus>(dataDir, ['status'], LONG)).notes).toBeLessThan(NOTES);
  });

  it('answers status, get and recall with the full-disk message (exit 1) while the disk stays full', async () => {
    const dataDir = path.join(root, 'stays-full');
    await prepareDataDir(dataDir);
    expect((await spawnCli(['--data-dir', dataDir, 'add', 'kept safe while the disk is full'], LONG)).code).toBe(0);
    for (const args of [['status'], ['get', '1'], ['recall', 'safe'], ['add', 'one more']]) {
      const run = await spawnCli(['--data-dir', dataDir, ...args], withFullDisk(dataDir, 0));
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr, args.join(' ')).toMatch(DISK_FULL);
    }
    const status = await runJson<EngramStatus>(dataDir, ['status'], LONG);
    expect(status.notes).toBe(1);
  });

  it('refuses an import that obviously cannot fit before storing anything', async () => {
    const dataDir = path.join(root, 'too-little-space');
    await prepareDataDir(dataDir);
    const run = await spawnCli(['--data-dir', dataDir, 'import', vault], withFullDisk(dataDir, 1_000_000, { statfs: true }));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^engram: Importing 30 files needs about [\d.]+ MB free on the disk holding \S+ \(with 64\.0 MB to spare\), but only [\d.]+ KB is free\. Free some space and try again; nothing was changed\.\n$/);
    expect((await runJson<EngramStatus>(dataDir, ['status'], LONG)).notes).toBe(0);
  });
});
