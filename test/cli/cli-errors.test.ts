// End-to-end CLI error paths: a data directory locked by another process, bad input files, and internal errors.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngram } from '../../src/core/engine/open-engram';
import type { EngramStatus } from '../../src/shared/models';
import { testSeed } from '../support/temp-engram';
import { cliPath, prepareDataDir, repoRoot, runJson, spawnCli, tempDir } from './cli-process';

let root: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const tmp = await tempDir('engram-cli-errors-');
  root = tmp.dir;
  cleanup = tmp.remove;
});

afterAll(async () => {
  await cleanup?.();
});

describe('engram CLI error paths', { timeout: 180_000 }, () => {
  it('exits 1 with a clear one-line message while another process holds the data directory', async () => {
    const dataDir = path.join(root, 'locked');
    const engine = await openEngram({ dataDir, autoEmbed: false, holder: 'the lock test', seed: testSeed() });
    try {
      const run = await spawnCli(['--data-dir', dataDir, 'status']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^engram: [^\n]+\n$/);
      expect(run.stderr).toContain(`open in another process (the lock test, pid ${process.pid})`);
    } finally {
      await engine.close();
    }
    const after = await spawnCli(['--data-dir', dataDir, '--json', 'status']);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect((JSON.parse(after.stdout) as EngramStatus).notes).toBe(0);
    // A CLI that failed must not leave its lock behind: open it here again after a failing command.
    expect((await spawnCli(['--data-dir', dataDir, 'get', '1'])).code).toBe(1);
    const again = await openEngram({ dataDir, autoEmbed: false });
    await again.close();
  });

  it('exits 1 for an unreadable, binary or empty --file, or empty stdin, without touching the data directory', async () => {
    const dataDir = path.join(root, 'never-created');
    await mkdir(path.join(root, 'a-directory'));
    await writeFile(path.join(root, 'binary.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    await writeFile(path.join(root, 'empty.md'), ' \n\n');
    const cases: [string[], RegExp][] = [
      [['add', '--file', path.join(root, 'missing.md')], /^engram: Cannot read --file \S+missing\.md: no such file\.\n$/],
      [['add', '--file', path.join(root, 'a-directory')], /^engram: Cannot read --file \S+a-directory: it is a directory\.\n$/],
      [['add', '--file', path.join(root, 'binary.bin')], /^engram: Cannot add \S+binary\.bin: binary file \(it contains NUL bytes\), not text\.\n$/],
      [['add', '--file', path.join(root, 'empty.md')], /^engram: --file \S+empty\.md is empty: there is nothing to add\.\n$/],
      [['add'], /^engram: Nothing was read from stdin: there is nothing to add\.\n$/],
      [['add', '--tag'], /^engram: option '--tag <tag>' argument missing\n$/],
    ];
    for (const [args, message] of cases) {
      const run = await spawnCli(['--data-dir', dataDir, ...args]);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toMatch(message);
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  it('exits 2 with the message and a stack trace on an internal error (a failing disk)', async () => {
    const dataDir = path.join(root, 'failing-disk');
    const run = await spawnCli(['--data-dir', dataDir, 'status'], {
      nodeArgs: ['--import', path.join(repoRoot, 'test/cli/inject-io-fault.mjs')],
      env: { ENGRAM_TEST_FAULT_DIR: dataDir },
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const [first, second, ...stack] = run.stderr.trimEnd().split('\n');
    expect(first).toBe(`engram: internal error: EIO: i/o error, mkdir '${dataDir}'`);
    expect(second).toMatch(/^Error: EIO/);
    expect(stack.length).toBeGreaterThan(2);
    expect(stack.every((line) => /^\s+at /.test(line))).toBe(true);
    expect(stack.some((line) => /\bwithEngine\b/.test(line))).toBe(true);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('on Ctrl-C during wait, closes the database, exits 130 and leaves the rest queued', async () => {
    const dataDir = path.join(root, 'interrupted');
    await prepareDataDir(dataDir);
    const paragraph = 'The kettle boils while the fox jumps over the lazy dog and the bread rises slowly. '.repeat(5);
    const body = Array.from({ length: 60 }, (_, i) => `Paragraph ${i}: ${paragraph}`).join('\n\n');
    expect((await spawnCli(['--data-dir', dataDir, 'add'], { input: body })).code).toBe(0);
    const before = await runJson<EngramStatus>(dataDir, ['status']);
    expect(before.embeddings.pending).toBeGreaterThan(10);

    const child = spawn(process.execPath, [cliPath, '--data-dir', dataDir, 'wait', '--batch-size', '1'], { cwd: repoRoot });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      // Interrupt as soon as the first batch is reported: dozens of one-chunk batches remain.
      if (stderr.includes('embedding: ') && child.exitCode === null && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toContain('engram: interrupted; closing the database (queued work stays queued)...');
    expect(code).toBe(130);

    const after = await runJson<EngramStatus>(dataDir, ['status']); // opening again proves the lock was released
    expect(after.embeddings.pending).toBeGreaterThan(0);
    expect(after.embeddings.pending).toBeLessThan(before.embeddings.pending);
  });
});
