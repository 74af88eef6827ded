// The lookup forms links and notes meet in: one normal form for names, targets and paths, and the names a note
// answers to (title, file name, whole path, front-matter aliases).
import { describe, expect, it } from 'vitest';
import { aliasesFromBody, withAliasesLine } from '../../src/core/importers/aliases-line';
import { linkTarget, nameKey } from '../../src/core/links/link-keys';
import { linkNames } from '../../src/core/links/link-names';

describe('link keys', () => {
  it('compare names without case, .md ending, composed form or Windows separators', () => {
    expect(nameKey(' Café.MD ')).toBe(nameKey('cafe\u0301'));
    expect(nameKey('Folder\\Sub\\Note.markdown')).toBe('folder/sub/note');
  });

  it('split a target into the name it looks up and the path it must end with', () => {
    expect(linkTarget('wikilink', 'Some Note', null)).toEqual({ key: 'some note', path: null });
    expect(linkTarget('wikilink', '/Projects/./Plan.md', null)).toEqual({ key: 'plan', path: 'projects/plan' });
    expect(linkTarget('markdown', '../b/Other Note.md', '/v/a/From.md')).toEqual({ key: 'other note', path: '/v/b/other note' });
    expect(linkTarget('markdown', 'x.md', 'C:\\vault\\a\\From.md')).toEqual({ key: 'x', path: 'c:/vault/a/x' });
    expect(linkTarget('markdown', '../../x.md', null)).toEqual({ key: 'x', path: null }); // no file to be relative to
  });
});

describe('the names a note answers to', () => {
  it('are its title and file name, its whole path, and its aliases, each once at its best rank', () => {
    const body = withAliasesLine('Text.', ['Nick', 'Plan']);
    expect(aliasesFromBody(body)).toEqual(['Nick', 'Plan']);
    expect(linkNames({ id: 1, title: 'Plan', body, sourceKind: 'obsidian', sourcePath: '/v/Work/Plan 2.md' })).toEqual([
      { name: 'plan', rank: 0 },
      { name: 'plan 2', rank: 0 },
      { name: '/v/work/plan 2', rank: 1 },
      { name: 'nick', rank: 2 },
    ]);
  });

  it('take no file names from records inside one file, and no aliases from a typed note', () => {
    expect(linkNames({ id: 1, title: 'Chat', body: 'x\n\nAliases: A\n', sourceKind: 'chatgpt', sourcePath: '/exports/conversations.json#abc' })).toEqual([{ name: 'chat', rank: 0 }]);
    expect(linkNames({ id: 2, title: 'Typed', body: 'x\n\nAliases: A\n', sourceKind: 'manual', sourcePath: null })).toEqual([{ name: 'typed', rank: 0 }]);
  });
});
