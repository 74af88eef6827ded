import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { walkSource } from '../../src/core/importers/walk-source';
import { tempDir } from '../support/temp-engram';
import { writeTree } from './support/fixtures';

const { dir, cleanup } = tempDir('engram-walk-');
afterAll(cleanup);

describe('walking a folder', () => {
  it('lists files sorted and recursively, and says why everything else was left out', async () => {
    const root = path.join(dir, 'notes');
    writeTree(root, {
      'a.md': 'a',
      'sub/b.md': 'b',
      'sub/deeper/c.txt': 'c',
      '.hidden/secret.md': 'x',
      '.DS_Store': 'junk',
      '.gitignore': 'build/\n*.log\n',
      'build/out.md': 'generated',
      'debug.log': 'log',
      'sub/.gitignore': 'private.md\n',
      'sub/private.md': 'p',
      'odd names/ünïcödé 🐘 #1 \'q\' "d" %20.md': 'odd',
      'empty.md': '',
    });
    fs.symlinkSync(root, path.join(root, 'sub', 'loop')); // a link back up: a loop
    fs.symlinkSync(path.join(root, 'nowhere.md'), path.join(root, 'dangling.md'));
    execFileSync('mkfifo', [path.join(root, 'pipe.md')]); // a named pipe: reading it would block forever
    const big = path.join(root, 'huge.md');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 200 * 1024 * 1024); // sparse: 200 MB on paper, nothing on disk
    fs.writeFileSync(Buffer.concat([Buffer.from(`${root}/bad-`), Buffer.from([0xff, 0xfe]), Buffer.from('.md')]), 'latin-1 name');

    const { files, skipped } = await walkSource(root);
    expect(files.map((f) => f.relPath)).toEqual(['a.md', 'odd names/ünïcödé 🐘 #1 \'q\' "d" %20.md', 'sub/b.md', 'sub/deeper/c.txt']);
    const why = Object.fromEntries(skipped.map((s) => [path.relative(root, s.path), s.reason]));
    expect(why).toMatchObject({
      '.hidden': 'hidden folder',
      build: expect.stringContaining('excluded'),
      'debug.log': expect.stringContaining('excluded'),
      'sub/private.md': expect.stringContaining('excluded'), // a nested .gitignore applies below its folder
      'sub/loop': expect.stringContaining('symlink loop'),
      'dangling.md': expect.stringContaining('broken symbolic link'),
      'pipe.md': expect.stringContaining('named pipe'),
      'huge.md': 'too large (200 MB; the limit is 50 MB)',
      'empty.md': 'empty file (0 bytes)',
    });
    expect(skipped.some((s) => s.reason.includes('not valid UTF-8'))).toBe(true);
    expect(Object.keys(why)).not.toContain('.DS_Store');
  });

  it('honours extra excludes and a lower size limit; a single file is its own listing', async () => {
    const root = path.join(dir, 'small');
    writeTree(root, { 'keep.md': 'k', 'drafts/x.md': 'x', 'big.txt': 'y'.repeat(2000) });
    const { files, skipped } = await walkSource(root, { exclude: ['drafts/'], maxFileBytes: 1000 });
    expect(files.map((f) => f.relPath)).toEqual(['keep.md']);
    expect(skipped.map((s) => path.basename(s.path)).sort()).toEqual(['big.txt', 'drafts']);
    const single = await walkSource(path.join(root, 'keep.md'));
    expect(single.files.map((f) => f.relPath)).toEqual(['keep.md']);
  });

  it('walks a folder reached through two links only once', async () => {
    const root = path.join(dir, 'twice');
    writeTree(root, { 'real/n.md': 'n' });
    fs.symlinkSync(path.join(root, 'real'), path.join(root, 'zlink'));
    const { files, skipped } = await walkSource(root);
    expect(files.map((f) => f.relPath)).toEqual(['real/n.md']);
    expect(skipped).toEqual([{ path: path.join(root, 'zlink'), reason: expect.stringContaining('already imported through another path') }]);
  });
});
