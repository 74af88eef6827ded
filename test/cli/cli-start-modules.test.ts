// A command pays only for what it uses: `engram status` and a plain `engram recall` must not load the parsers and
// libraries that only imports, exports, backups and time phrases need (together ~400 ms of start-up, issue 17).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, spawnCli } from './cli-process';

const LOADED_ON_FIRST_USE = ['chrono-node', 'zod', 'fast-xml-parser', 'html-to-text', 'tar', 'pdfjs-dist'];

describe('what a CLI command loads', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-cli-modules-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function packagesLoadedBy(args: readonly string[]): Promise<string[]> {
    const log = path.join(dir, `resolved-${args[0]}.txt`);
    const run = await spawnCli(['--data-dir', path.join(dir, 'data'), ...args], {
      nodeArgs: ['--import', path.join(repoRoot, 'test/cli/log-module-resolution.mjs')],
      env: { ENGRAM_TEST_RESOLVE_LOG: log },
    });
    expect(run.code, run.stderr).toBe(0);
    const specifiers = fs.readFileSync(log, 'utf8').split('\n');
    expect(specifiers).toContain('@electric-sql/pglite'); // the hook saw the command open the memory
    return LOADED_ON_FIRST_USE.filter((pkg) => specifiers.some((s) => s === pkg || s.startsWith(`${pkg}/`)));
  }

  it('status and a keyword recall load none of the parsers kept for first use', async () => {
    expect(await packagesLoadedBy(['status'])).toEqual([]);
    expect(await packagesLoadedBy(['recall', 'garden', '--mode', 'keyword'])).toEqual([]);
  }, 120_000);

  it('a search by a time phrase loads chrono-node then', async () => {
    expect(await packagesLoadedBy(['recall', 'garden', '--mode', 'keyword', '--when', 'last week'])).toEqual(['chrono-node']);
  }, 120_000);
});
