// --data-dir that cannot hold a memory (a regular file, a folder inside a file, a read-only folder): one clear line
// and exit 1, not an internal error.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, tempDir, type RunOptions } from './cli-process';

let root: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const tmp = await tempDir('engram-data-dir-errors-');
  root = tmp.dir;
  cleanup = tmp.remove;
});

afterAll(async () => {
  await chmod(path.join(root, 'shared'), 0o755).catch(() => undefined);
  await cleanup?.();
});

/** Root ignores permission bits, so as root the CLI runs as `nobody` for the read-only case (CI runs as root). */
const NOBODY = 65534;

describe('an unusable --data-dir', { timeout: 120_000 }, () => {
  it('exits 1 naming the problem when --data-dir is a regular file or inside one', async () => {
    const file = path.join(root, 'notes.txt');
    await writeFile(file, 'not a folder');
    for (const dataDir of [file, path.join(file, 'Engram')]) {
      const run = await spawnCli(['--data-dir', dataDir, 'status']);
      expect(run.code, dataDir).toBe(1);
      expect(run.stderr).toMatch(/^engram: The data directory \S+ is a file \(or inside one\), not a folder\. Point --data-dir \(or ENGRAM_DATA_DIR\) at a folder; a missing one is created\.\n$/);
    }
  });

  it('exits 1 naming the problem when --data-dir is a folder this user may not write', async () => {
    // The test folder is private to root (mkdtemp 0700); `nobody` needs a way in.
    const shared = path.join(root, 'shared');
    await mkdir(shared);
    await chmod(root, 0o755);
    await chmod(shared, 0o755);
    const readOnly = path.join(shared, 'read-only');
    await mkdir(readOnly);
    await chmod(readOnly, 0o555);
    const asOtherUser: RunOptions = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY, env: { HOME: shared } } : {};
    for (const dataDir of [readOnly, path.join(readOnly, 'Engram')]) {
      const run = await spawnCli(['--data-dir', dataDir, 'status'], asOtherUser);
      expect(run.code, dataDir).toBe(1);
      expect(run.stderr).toMatch(/^engram: Engram may not write in the data directory \S+ \(permission denied\)\. Use a folder you can write to, or give yourself write permission on it\.\n$/);
    }
    expect(existsSync(path.join(readOnly, 'Engram'))).toBe(false);
  });
});
