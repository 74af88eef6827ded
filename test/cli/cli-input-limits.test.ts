// `engram add` on input that never ends or is not a file, text over the note size limit, and text in other encodings
// (issue 13, points 5 and 9), through the built CLI as a user's shell runs it.
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddNoteResult } from '../../src/shared/models';
import { prepareDataDir, runJson, spawnCli, tempDir } from './cli-process';

let root: string;
let cleanup: () => Promise<void>;
let dataDir: string;

beforeAll(async () => {
  ({ dir: root, remove: cleanup } = await tempDir('engram-cli-input-'));
  dataDir = path.join(root, 'data');
  await prepareDataDir(dataDir);
});

afterAll(async () => {
  await cleanup?.();
});

/** 10 MB, the most a note may hold (MAX_NOTE_BYTES). */
const LIMIT = 10 * 1024 * 1024;

describe('engram add: what it will not read, and how big a note can be', { timeout: 600_000 }, () => {
  it('refuses a device and a named pipe nobody writes at once, reading nothing (before: /dev/zero and a FIFO hung)', async () => {
    const fifo = path.join(root, 'nobody-writes.md');
    execFileSync('mkfifo', [fifo]);
    const zero = await spawnCli(['--data-dir', dataDir, 'add', '--file', '/dev/zero'], { timeoutMs: 240_000 });
    expect(zero.code).toBe(1);
    expect(zero.stderr).toBe('engram: Cannot read --file /dev/zero: it is a device, not a regular file.\n');
    const pipe = await spawnCli(['--data-dir', dataDir, 'add', '--file', fifo], { timeoutMs: 240_000 });
    expect(pipe.code).toBe(1);
    expect(pipe.stderr).toBe(`engram: Cannot read --file ${fifo}: it is a named pipe, not a regular file.\n`);
  });

  it('refuses a file or stdin over 10 MB with the limit named, reading no more than twice that', async () => {
    const over = path.join(root, 'over.md');
    await writeFile(over, 'a'.repeat(LIMIT + 1));
    const file = await spawnCli(['--data-dir', dataDir, 'add', '--file', over]);
    expect(file.code).toBe(1);
    expect(file.stderr).toBe(`engram: ${over} is 10 MB; a note can hold at most 10 MB of text. Split it into several notes.\n`);
    const huge = path.join(root, 'huge.md');
    await writeFile(huge, 'b'.repeat(3 * LIMIT));
    expect((await spawnCli(['--data-dir', dataDir, 'add', '--file', huge])).stderr).toBe(
      `engram: Cannot read --file ${huge}: it is 30 MB; a note can hold at most 10 MB of text.\n`,
    );
    const piped = await spawnCli(['--data-dir', dataDir, 'add'], { input: 'c'.repeat(LIMIT + 10) });
    expect(piped.code).toBe(1);
    expect(piped.stderr).toBe('engram: The text on stdin is 10 MB; a note can hold at most 10 MB of text. Split it into several notes.\n');
    const endless = await spawnCli(['--data-dir', dataDir, 'add'], { input: 'd'.repeat(3 * LIMIT) });
    expect(endless.code).toBe(1);
    expect(endless.stderr).toMatch(/^engram: stdin holds more than 20 MB; a note can hold at most 10 MB of text/);
  });

  it('reads UTF-16 (LE and BE, by the byte-order mark) instead of calling it binary', async () => {
    const text = 'Grüße aus Köln — 東京 too';
    const le = path.join(root, 'utf16le.txt');
    const be = path.join(root, 'utf16be.txt');
    await writeFile(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    await writeFile(be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    for (const file of [le, be]) {
      const run = await spawnCli(['--data-dir', dataDir, '--json', 'add', '--file', file]);
      expect(run.stderr).toBe('');
      expect((JSON.parse(run.stdout) as AddNoteResult).note).toMatchObject({ title: text, body: text });
    }
  });

  it('keeps invalid bytes replaced by U+FFFD, and says so (before: silently)', async () => {
    const latin1 = path.join(root, 'latin1.txt');
    await writeFile(latin1, Buffer.from('Crème brûlée recipe', 'latin1'));
    const run = await spawnCli(['--data-dir', dataDir, 'add', '--file', latin1]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('engram: warning: 3 places in the text are not valid UTF-8 and were replaced by "\uFFFD" (the file may be in another encoding; save it as UTF-8 to keep those characters)\n');
    const again = latin1.replace('.txt', '-again.txt');
    await writeFile(again, Buffer.from('Pâte à choux', 'latin1'));
    const json = await runJson<AddNoteResult & { warnings: string[] }>(dataDir, ['add', '--file', again]);
    expect(json.note.body).toBe('P\uFFFDte \uFFFD choux');
    expect(json.warnings).toEqual([expect.stringContaining('2 places in the text are not valid UTF-8')]);
  });
});
