// Links and backlinks on the real engine: resolved at read time the way Obsidian resolves them, so they follow
// notes that appear, are renamed (title or file) and are forgotten; older memories get their links indexed at open.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { openEngram } from '../../src/core/engine/open-engram';
import { LinkBackfill } from '../../src/core/links/link-backfill';
import { openTempEngram, tempDir, testSeed } from '../support/temp-engram';

const file = (p: string) => ({ kind: 'markdown', path: p });

describe('note links', () => {
  let engram: Engram;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram());
  });
  afterAll(() => cleanup());

  const resolvedTo = async (id: number) => (await engram.noteLinks(id)).outgoing.map((l) => [l.target, l.noteTitle]);

  it('resolves by name first (shortest path among equals), then path, then alias, without case', async () => {
    await engram.addNote({ title: 'Target', body: 'near', source: file('/v/a/Target.md') });
    await engram.addNote({ title: 'Deep one', body: 'far', source: file('/v/b/deep/target.md') });
    await engram.addNote({ title: 'Carol', body: 'Who.\n\nAliases: Nick, The C\n', source: file('/v/people/Carol.md') });
    const { note } = await engram.addNote({ title: 'Linker', body: '[[TARGET]] [[deep/Target]] [[the c]] [[nick]] [[Nowhere]] [[Target|again]]' });
    expect(await resolvedTo(note.id)).toEqual([
      ['TARGET', 'Target'],
      ['deep/Target', 'Deep one'],
      ['the c', 'Carol'],
      ['nick', 'Carol'],
      ['Nowhere', null],
      ['Target', 'Target'],
    ]);
    // a note named Nick outranks Carol's alias
    await engram.addNote({ title: 'Nick', body: 'the other Nick' });
    expect((await resolvedTo(note.id))[3]).toEqual(['nick', 'Nick']);
  });

  it('resolves Markdown links relative to the linking file, and re-resolves when the target appears', async () => {
    const { note } = await engram.addNote({
      title: 'Relative',
      body: '[up](../b/deep/target.md) [here](Target.md) [spaced](Other%20Note.md#Part)',
      source: file('/v/a/Relative.md'),
    });
    expect(await resolvedTo(note.id)).toEqual([
      ['../b/deep/target.md', 'Deep one'],
      ['Target.md', 'Target'],
      ['Other Note.md', null],
    ]);
    const { note: other } = await engram.addNote({ title: 'Something else', body: 'x', source: file('/v/a/Other Note.md') });
    const links = await engram.noteLinks(note.id);
    expect(links.outgoing[2]).toMatchObject({ target: 'Other Note.md', heading: 'Part', label: 'spaced', noteId: other.id });
  });

  it('backlinks follow adds, title renames, forget and restore', async () => {
    const { note: hub } = await engram.addNote({ title: 'Hub', body: 'the hub' });
    const { note: first } = await engram.addNote({ title: 'First', body: 'Intro line\nSee [[Hub]] here and [[hub#Part]] again' });
    const { note: second } = await engram.addNote({ title: 'Second', body: 'Also ![[Hub]]' });
    let back = (await engram.noteLinks(hub.id)).backlinks;
    expect(back).toEqual([
      { noteId: second.id, title: 'Second', context: 'Also Hub', count: 1 },
      { noteId: first.id, title: 'First', context: 'See Hub here and hub again', count: 2 },
    ]);
    await engram.updateNote(hub.id, { title: 'Renamed hub' }); // the links now name no note
    expect((await engram.noteLinks(hub.id)).backlinks).toEqual([]);
    expect((await engram.noteLinks(first.id)).outgoing.map((l) => l.noteId)).toEqual([null, null]);
    await engram.updateNote(hub.id, { title: 'Hub' });
    await engram.forgetNote(second.id); // a forgotten note is no backlink
    back = (await engram.noteLinks(hub.id)).backlinks;
    expect(back.map((b) => b.noteId)).toEqual([first.id]);
    await engram.forgetNote(hub.id); // a forgotten note resolves nothing
    expect((await engram.noteLinks(first.id)).outgoing.map((l) => l.noteId)).toEqual([null, null]);
    expect((await engram.noteLinks(hub.id)).backlinks).toEqual([]);
    await engram.restoreNote(hub.id);
    await engram.restoreNote(second.id);
    back = (await engram.noteLinks(hub.id)).backlinks;
    expect(back.map((b) => b.noteId).sort()).toEqual([first.id, second.id].sort());
  });

  it('an unknown id is NOT_FOUND, as for other calls', async () => {
    await expect(engram.noteLinks(999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('links of a connected folder', () => {
  it('follow a file renamed on disk', async () => {
    const { dir, cleanup } = tempDir();
    const { engram, cleanup: close } = await openTempEngram();
    try {
      fs.writeFileSync(path.join(dir, 'Plan.md'), '# Plan\n\nThe plan.');
      fs.writeFileSync(path.join(dir, 'Journal.md'), 'Today I read [[Plan]] and [the plan](Plan.md).');
      await engram.addSource({ path: dir });
      const ids = async () => new Map((await engram.listNotes({ limit: 10 })).notes.map((n) => [n.source.path, n.id]));
      const journal = (await ids()).get(path.join(dir, 'Journal.md'))!;
      const plan = (await ids()).get(path.join(dir, 'Plan.md'))!;
      expect((await engram.noteLinks(journal)).outgoing.map((l) => l.noteId)).toEqual([plan, plan]);
      expect((await engram.noteLinks(plan)).backlinks).toMatchObject([{ noteId: journal, count: 2 }]);

      fs.renameSync(path.join(dir, 'Plan.md'), path.join(dir, 'Roadmap.md'));
      await engram.syncSources();
      expect((await ids()).get(path.join(dir, 'Roadmap.md'))).toBe(plan); // the same note, moved
      // [[Plan]] still names the note by its title (from its heading); the Markdown link named the old file
      expect((await engram.noteLinks(journal)).outgoing.map((l) => l.noteId)).toEqual([plan, null]);
      fs.writeFileSync(path.join(dir, 'Journal.md'), 'Today I read [[Roadmap]].');
      await engram.syncSources();
      expect((await engram.noteLinks(journal)).outgoing.map((l) => [l.target, l.noteId])).toEqual([['Roadmap', plan]]);
      expect((await engram.noteLinks(plan)).backlinks).toMatchObject([{ noteId: journal, count: 1, context: 'Today I read Roadmap.' }]);
    } finally {
      await close();
      cleanup();
    }
  });
});

describe('links of an imported vault', () => {
  it('come from the import batch, with aliases from front matter, embeds and links in sub-folders', async () => {
    const { dir, cleanup } = tempDir();
    const { engram, cleanup: close } = await openTempEngram();
    try {
      fs.mkdirSync(path.join(dir, 'people'));
      fs.mkdirSync(path.join(dir, 'daily'));
      fs.writeFileSync(path.join(dir, 'people', 'Ada Lovelace.md'), '---\naliases: [Ada, The Countess]\n---\nWrote the first program.');
      fs.writeFileSync(path.join(dir, 'daily', '2026-12-01.md'), 'Met [[ada]] and [[The Countess|her]].\n\n![[people/Ada Lovelace#Work]]\n\n```\n[[not a link]]\n```\n[profile](../people/Ada%20Lovelace.md)');
      const report = await engram.runImport({ path: dir, format: 'obsidian' });
      expect(report.counts.imported).toBe(2);
      const notes = new Map((await engram.listNotes({ limit: 10 })).notes.map((n) => [n.title, n.id]));
      const ada = notes.get('Ada Lovelace')!;
      const daily = notes.get('2026-12-01')!;
      const links = await engram.noteLinks(daily);
      expect(links.outgoing.map((l) => [l.kind, l.target, l.noteId])).toEqual([
        ['wikilink', 'ada', ada],
        ['wikilink', 'The Countess', ada],
        ['embed', 'people/Ada Lovelace', ada],
        ['markdown', '../people/Ada Lovelace.md', ada],
      ]);
      expect((await engram.noteLinks(ada)).backlinks).toEqual([{ noteId: daily, title: '2026-12-01', context: 'Met ada and her.', count: 4 }]);
    } finally {
      await close();
      cleanup();
    }
  });
});

describe('a memory from before links were indexed', () => {
  it('gets its links indexed in the background at open, once', async () => {
    const { dir, cleanup } = tempDir();
    let engram = await openEngram({ dataDir: dir, seed: testSeed() });
    try {
      const { note: target } = await engram.addNote({ title: 'Old target', body: 'x' });
      const { note: source } = await engram.addNote({ title: 'Old source', body: 'links to [[Old target]]' });
      // what an earlier version left: notes without link rows, not marked indexed
      await engram.database.exec('delete from note_links; delete from note_link_names; update notes set links_indexed = false;');
      await engram.close();
      engram = await openEngram({ dataDir: dir });
      const links = await engram.noteLinks(target.id);
      expect(links.backlinks).toMatchObject([{ noteId: source.id, count: 1 }]);
      const rows = await engram.database.query<{ n: number; pending: number }>(
        'select (select count(*)::int from note_links) as n, (select count(*)::int from notes where not links_indexed) as pending',
      );
      expect(rows.rows[0]).toEqual({ n: 1, pending: 0 });
    } finally {
      await engram.close();
      cleanup();
    }
  });

  it('resumes where a stop left it, without indexing a note twice', async () => {
    const { engram, cleanup } = await openTempEngram();
    try {
      const { note: hub } = await engram.addNote({ title: 'Hub', body: 'x' });
      for (let i = 0; i < 250; i++) await engram.addNote({ title: `Spoke ${i}`, body: `to [[Hub]] and [[Spoke ${i + 1}]]` });
      const db = engram.database;
      await db.exec('delete from note_links; delete from note_link_names; update notes set links_indexed = false;');
      const state = async () =>
        (await db.query<{ links: number; pending: number }>('select (select count(*)::int from note_links) as links, (select count(*)::int from notes where not links_indexed) as pending')).rows[0];
      let waits = 0;
      const first: LinkBackfill = new LinkBackfill({ db, foregroundQuiet: async () => void (++waits === 2 && first.stop()) });
      expect(await first.done()).toBe(200); // stopped before its second batch, as a quit would
      expect(await state()).toEqual({ links: 398, pending: 51 }); // the hub and 199 spokes, two links each
      expect(await new LinkBackfill({ db, foregroundQuiet: async () => undefined }).done()).toBe(51);
      expect(await state()).toEqual({ links: 500, pending: 0 });
      expect((await engram.noteLinks(hub.id)).backlinks).toHaveLength(250);
    } finally {
      await cleanup();
    }
  });
});
