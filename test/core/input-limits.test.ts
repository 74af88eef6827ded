// The pieces every way in shares: reading only regular files within a limit, one note size limit, and the rule for
// forgetting notes whose files are gone.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileTooLargeError, NotRegularFileError, readRegularFile, readRegularFileHead } from '../../src/core/files/read-regular-file';
import { allowedWithoutConfirmation, FORGET_CONFIRMATION, judgeForget } from '../../src/core/import/forget-guard';
import { foldProblems, LISTED_PER_FILE, recordCount } from '../../src/core/import/fold-problems';
import { cleanBody, MAX_NOTE_BYTES, requireNoteSize } from '../../src/core/notes/note-input';
import { openTempEngram, tempDir } from '../support/temp-engram';

const { dir, cleanup } = tempDir('engram-limits-');
afterAll(cleanup);

describe('readRegularFile', () => {
  it('reads a regular file, and refuses pipes, devices and directories without blocking or reading', async () => {
    const file = path.join(dir, 'note.md');
    fs.writeFileSync(file, 'hello');
    expect((await readRegularFile(file, { maxBytes: 100 })).toString()).toBe('hello');
    expect((await readRegularFileHead(file, 3)).toString()).toBe('hel');
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(readRegularFile(fifo, { maxBytes: 100 })).rejects.toMatchObject({ name: 'NotRegularFileError', kind: 'named pipe' });
    await expect(readRegularFileHead(fifo, 10)).rejects.toBeInstanceOf(NotRegularFileError);
    await expect(readRegularFile('/dev/zero', { maxBytes: 100 })).rejects.toMatchObject({ kind: 'device', message: 'not a regular file (a device)' });
    await expect(readRegularFile(dir, { maxBytes: 100 })).rejects.toMatchObject({ kind: 'directory' });
  });

  it('refuses a file over the limit, and stops at the limit for files that report no size', async () => {
    const file = path.join(dir, 'big.md');
    fs.writeFileSync(file, 'x'.repeat(2000));
    await expect(readRegularFile(file, { maxBytes: 1000 })).rejects.toEqual(new FileTooLargeError(2000, 1000));
    expect((await readRegularFile(file, { maxBytes: 2000 })).length).toBe(2000);
    // /proc files say 0 bytes: read to the end, but never past the limit
    await expect(readRegularFile('/proc/self/maps', { maxBytes: 10 })).rejects.toBeInstanceOf(FileTooLargeError);
    expect((await readRegularFile('/proc/self/status', { maxBytes: 1024 * 1024 })).toString()).toContain('Name:');
  });

  it('with noFollow, refuses a path that is a symbolic link (a file swapped for a link after the walk)', async () => {
    const target = path.join(dir, 'target.md');
    const link = path.join(dir, 'link.md');
    fs.writeFileSync(target, 'secret');
    fs.symlinkSync(target, link);
    expect((await readRegularFile(link, { maxBytes: 100 })).toString()).toBe('secret');
    await expect(readRegularFile(link, { maxBytes: 100, noFollow: true })).rejects.toMatchObject({ code: 'ELOOP' });
  });
});

describe('the note size limit', () => {
  it('is 10 MB of UTF-8, named in the message, for every caller (cleanBody is what the notes service runs)', () => {
    expect(MAX_NOTE_BYTES).toBe(10 * 1024 * 1024);
    expect(() => requireNoteSize('a'.repeat(MAX_NOTE_BYTES))).not.toThrow();
    expect(() => cleanBody('a'.repeat(MAX_NOTE_BYTES + 1))).toThrow('The note is 10 MB; a note can hold at most 10 MB of text. Split it into several notes.');
    // counted in bytes: 4 million three-byte characters are 12 MB although only 4 million characters long
    expect(() => cleanBody('€'.repeat(4_000_000))).toThrow(/^The note is 11 MB; a note can hold at most 10 MB/);
  });

  it('applies to notes added through the engine (the app, IPC and agents go this way)', async () => {
    const { engram, cleanup: close } = await openTempEngram({ autoEmbed: false });
    try {
      await expect(engram.addNote({ body: 'x'.repeat(MAX_NOTE_BYTES + 1) })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('at most 10 MB') });
      const { note } = await engram.addNote({ body: 'small' });
      await expect(engram.updateNote(note.id, { body: 'y'.repeat(MAX_NOTE_BYTES + 1) })).rejects.toMatchObject({ message: expect.stringContaining('at most 10 MB') });
    } finally {
      await close();
    }
  });
});

describe('forgetting notes whose files are gone (forget-guard)', () => {
  const plan = { root: '/vault', sourceNotes: 200, missing: 0, rootEmpty: false, confirmed: false };

  it('lets a few, or a small share, go without asking', () => {
    expect(FORGET_CONFIRMATION).toEqual({ notes: 3, share: 0.1 });
    expect(allowedWithoutConfirmation(10)).toBe(3);
    expect(allowedWithoutConfirmation(200)).toBe(20);
    expect(judgeForget({ ...plan, sourceNotes: 10, missing: 3 })).toEqual({ action: 'forget' });
    expect(judgeForget({ ...plan, missing: 20 })).toEqual({ action: 'forget' });
  });

  it('asks before forgetting more, and goes ahead once confirmed', () => {
    const verdict = judgeForget({ ...plan, missing: 21 });
    expect(verdict).toEqual({ action: 'confirm', reason: expect.stringContaining('21 notes of the 200 from /vault (11%) came from files that are gone') });
    expect(judgeForget({ ...plan, missing: 21, confirmed: true })).toEqual({ action: 'forget' });
  });

  it('refuses for an empty source whatever was said: it looks unmounted, not emptied', () => {
    expect(judgeForget({ ...plan, missing: 200, rootEmpty: true, confirmed: true })).toEqual({ action: 'refuse', reason: expect.stringContaining('/vault is empty, but 200 notes came from it') });
    expect(judgeForget({ ...plan, missing: 0, rootEmpty: true })).toEqual({ action: 'forget' });
  });
});

describe('folding a file\'s many problems', () => {
  it('lists the first hundred, sums up the rest by reason, and keeps the totals exact', () => {
    const problems = Array.from({ length: 250_000 }, (_, i) => ({ path: `/x.json#record-${i + 1}`, reason: i % 2 ? 'no text' : 'not an object' }));
    const folded = foldProblems('/x.json', problems);
    expect(folded).toHaveLength(LISTED_PER_FILE + 2);
    expect(folded.slice(LISTED_PER_FILE)).toEqual([
      { path: '/x.json', reason: '124,950 more records: not an object', records: 124_950 },
      { path: '/x.json', reason: '124,950 more records: no text', records: 124_950 },
    ]);
    expect(recordCount(folded)).toBe(250_000);
    // folding again (more problems found later for the same file) keeps earlier sums as they are
    const again = foldProblems('/x.json', [...folded, ...problems.slice(0, 5)]);
    expect(recordCount(again)).toBe(250_005);
    expect(foldProblems('/y.json', problems.slice(0, 3))).toEqual(problems.slice(0, 3));
  });
});
