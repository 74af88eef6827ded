// The pure pieces of connected folders: splitting and rebuilding a Markdown file for write-back (encodings, line
// endings, front matter kept byte for byte), names of sync-conflict copies, and safe file names from titles.
import { describe, expect, it } from 'vitest';
import { baseNameForTitle } from '../../src/core/sources/file-name-for-title';
import { editableText, encode, rebuildFile, splitFileText } from '../../src/core/sources/note-file-text';
import { conflictOriginal } from '../../src/core/sources/sync-conflict-names';

describe('write-back text', () => {
  it('keeps a UTF-8 byte-order mark, and UTF-16 files stay UTF-16', () => {
    for (const encoding of ['utf8-bom', 'utf16le', 'utf16be'] as const) {
      const file = splitFileText(encode('---\ntitle: A\n---\nOld text.\n', encoding));
      expect(file.encoding).toBe(encoding);
      expect(editableText(file)).toBe('Old text.\n');
      const bytes = rebuildFile(file, { text: 'New text.\n' });
      expect(bytes.equals(encode('---\ntitle: A\n---\nNew text.\n', encoding))).toBe(true);
    }
  });

  it('a block Engram does not read as front matter is part of the text, untouched', () => {
    const source = '---js\nmodule.exports = {}\n---\nBody.\n';
    const file = splitFileText(Buffer.from(source));
    expect(file.frontMatter).toBe('');
    expect(editableText(file)).toBe(source);
  });

  it('adds a front matter block for tags when the file had none, and removes the list when no tag is left', () => {
    const file = splitFileText(Buffer.from('Body with #inline tag.\r\n'));
    const tagged = rebuildFile(file, { text: 'Body with #inline tag.\n', tags: ['inline', 'extra'] }).toString();
    expect(tagged).toBe('---\r\ntags:\r\n  - extra\r\n---\r\nBody with #inline tag.\r\n');
    const untagged = rebuildFile(splitFileText(Buffer.from(tagged)), { text: 'Body with #inline tag.\n', tags: ['inline'] }).toString();
    expect(untagged).toBe('Body with #inline tag.\r\n');
  });
});

describe('sync-conflict copies', () => {
  it('name the file they belong to and the tool', () => {
    expect(conflictOriginal('/v/Plans.sync-conflict-20260102-101500-ABCDEF1.md')).toEqual({ original: '/v/Plans.md', tool: 'syncthing' });
    expect(conflictOriginal('/v/Plans (Ann’s conflicted copy 2026-01-02).md')?.original).toBe('/v/Plans.md');
    expect(conflictOriginal("/v/Plans (Ann's conflicted copy 2026-01-02).md")).toEqual({ original: '/v/Plans.md', tool: 'dropbox' });
    expect(conflictOriginal('/v/Plans (conflicted copy 2026-01-02 101500).md')).toEqual({ original: '/v/Plans.md', tool: 'other' });
    expect(conflictOriginal('/v/Plans (draft).md')).toBeNull();
  });
});

describe('file names from titles', () => {
  it('drop characters no system allows, avoid reserved names, and stay short', () => {
    expect(baseNameForTitle('Trip: Oslo / Bergen?')).toBe('Trip Oslo Bergen');
    expect(baseNameForTitle('CON')).toBe('CON note');
    expect(baseNameForTitle('...')).toBe('Untitled');
    expect([...baseNameForTitle('é'.repeat(300))]).toHaveLength(120);
  });
});
