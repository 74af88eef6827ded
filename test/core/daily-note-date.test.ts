// A daily note is about the day in its name (issue 20, point 9): 2026-11-30.md is dated 30 November 2026, not by
// the time its file was last written; front matter's own date still wins, and a name that is not a day changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dailyNoteDate } from '../../src/core/importers/daily-note-date';
import type { SourceFile } from '../../src/core/importers/import-types';
import { markdownImporter } from '../../src/core/importers/markdown-importer';
import { obsidianImporter } from '../../src/core/importers/obsidian-importer';
import { tempDir } from '../support/temp-engram';

const { dir, cleanup } = tempDir('engram-daily-note-');
afterAll(cleanup);
const mtime = new Date('2027-01-05T09:10:11Z');

function file(name: string, content: string): SourceFile {
  const absPath = path.join(dir, name);
  fs.mkdirSync(path.dirname(absPath), { recursive: true });
  fs.writeFileSync(absPath, content);
  return { absPath, relPath: name, bytes: fs.readFileSync(absPath), mtime };
}

describe('dating a daily note by its name', () => {
  it('dates 2026-11-30.md on 30 November 2026 (as a day, like a date-only front matter), in both markdown importers', async () => {
    for (const importer of [obsidianImporter, markdownImporter]) {
      const { notes } = await importer.parse(file('daily/2026-11-30.md', 'Slept badly; the dog barked until 2 am.\n'));
      expect(notes[0]?.createdAt).toBe('2026-11-30T00:00:00.000Z');
    }
  });

  it('keeps the front matter’s date over the name, and the file’s time for names that are not a real day', async () => {
    const withDate = await obsidianImporter.parse(file('daily/2026-11-29.md', '---\ndate: 2026-11-28T21:30:00Z\n---\nLate entry.\n'));
    expect(withDate.notes[0]?.createdAt).toBe('2026-11-28T21:30:00.000Z');
    for (const name of ['2026-02-30.md', 'Meeting 2026-11-30.md', '2026-11.md']) {
      const { notes } = await obsidianImporter.parse(file(`other/${name}`, 'Text.\n'));
      expect(notes[0]?.createdAt).toBe(mtime.toISOString());
    }
  });

  it('reads only real calendar days', () => {
    expect(dailyNoteDate('2024-02-29')).toBe('2024-02-29T00:00:00.000Z');
    expect(dailyNoteDate('2023-02-29')).toBeNull();
    expect(dailyNoteDate('2026-13-01')).toBeNull();
    expect(dailyNoteDate('notes')).toBeNull();
  });
});
