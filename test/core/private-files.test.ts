// A memory is private to its owner: the data directory and every folder in it 0700, every file 0600, repaired on open.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngram } from '../../src/core/engine/open-engram';
import { tempDir, testSeed } from '../support/temp-engram';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** Every entry under a folder (itself included) whose permission bits let group or others in. */
function widerThanPrivate(root: string): string[] {
  const found: string[] = [];
  const visit = (entry: string): void => {
    const stat = fs.lstatSync(entry);
    if (stat.isSymbolicLink()) return;
    const mode = stat.mode & 0o777;
    if (stat.isDirectory() ? mode !== 0o700 : (mode & 0o077) !== 0) found.push(`${path.relative(root, entry) || '.'} ${mode.toString(8)}`);
    if (stat.isDirectory()) for (const name of fs.readdirSync(entry)) visit(path.join(entry, name));
  };
  visit(root);
  return found;
}

describe.skipIf(process.platform === 'win32')('file permissions of a memory', { timeout: 120_000 }, () => {
  it('creates the data directory 0700 and every database file 0600, and the backups too', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const dataDir = path.join(dir, 'Engram');
    const engram = await openEngram({ dataDir, seed: testSeed() });
    try {
      await engram.addNote({ body: 'private' });
      await engram.createBackup();
      expect(fs.statSync(path.join(dataDir, 'engram.lock')).mode & 0o777).toBe(0o600);
      expect(widerThanPrivate(dataDir)).toEqual([]);
    } finally {
      await engram.close();
    }
  });

  it('repairs folders and files that were opened up to others, on the next open', async () => {
    const { dir: dataDir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const first = await openEngram({ dataDir, seed: testSeed() });
    await first.close();
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, 'memory'), 0o777);
    fs.chmodSync(path.join(dataDir, 'memory', 'base'), 0o755);
    fs.chmodSync(path.join(dataDir, 'memory', 'PG_VERSION'), 0o666);
    fs.chmodSync(path.join(dataDir, 'memory', 'global', 'pg_control'), 0o644);
    expect(widerThanPrivate(dataDir).length).toBeGreaterThanOrEqual(5);
    const second = await openEngram({ dataDir });
    await second.close();
    expect(widerThanPrivate(dataDir)).toEqual([]);
  });
});
