import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import type { ImportReport } from '../../src/core/import/import-models';
import { ImportService } from '../../src/core/import/import-service';
import { openTempEngram, tempDir } from '../support/temp-engram';
import { chatgptExport, enex, minimalPdf, writeTree } from './support/fixtures';

describe('a mixed folder with bad input', () => {
  let engram: Engram;
  let closeEngram: () => Promise<void>;
  let report: ImportReport;
  let root: string;
  const files = tempDir('engram-mixed-');
  const why = (): Record<string, string> => Object.fromEntries([...report.skipped, ...report.failed].map((p) => [path.relative(root, p.path), p.reason]));

  beforeAll(async () => {
    ({ engram, cleanup: closeEngram } = await openTempEngram());
    root = path.join(files.dir, 'Archive (old) — 2019');
    writeTree(root, {
      'journal.md': '# Journal\n\nThe heron came back to the pond today.',
      'plain.txt': 'Call the plumber about the boiler pressure.',
      'page.html': '<html><head><title>Saved article</title></head><body><p>Fermentation needs warmth and patience.</p></body></html>',
      'paper.pdf': minimalPdf(['Glaciers retreat every summer'], 'Glacier Study'),
      'records.json': JSON.stringify([{ id: 7, title: 'From JSON', body: 'Lighthouse keepers kept logs.' }, { title: 'no body' }]),
      'lines.jsonl': '{"text":"Migrating geese fly in a V."}\nnot json\n',
      'evernote.enex': enex([{ title: 'Evernote memo', html: '<p>Renew the passport before June.</p>', tags: ['admin'], resources: 1 }]),
      'conversations.json': chatgptExport([{ id: 'conv-9', title: 'Bread chat', created: 1690000000, turns: [['user', 'Why does rye dough stick?'], ['assistant', 'Rye has pentosans that hold water.']] }]),
      'binary.md': Buffer.from([0x00, 0x01, 0x02, 0x89, 0x50, 0x4e, 0x47]),
      'latin1.txt': Buffer.from('caf\xe9 cr\xe8me', 'latin1'),
      'empty.md': '',
      'malformed.json': '{"notes": [ {"body": "x"} ',
      'malformed.enex': '<?xml version="1.0"?><en-export><note><title>x</title></en-export>',
      'malformed.pdf': '%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage',
      'spreadsheet.xlsx': 'PK-not-really',
      'weird names/emoji 🦉 & "quotes" #hash %percent.md': 'Owls hunt at night.',
      'weird names/new\nline.md': 'A file name with a newline in it.',
    });
    fs.truncateSync(path.join(root, 'empty.md'), 0);
    const big = path.join(root, 'huge.txt');
    fs.writeFileSync(big, 'x');
    fs.truncateSync(big, 200 * 1024 * 1024); // sparse: 200 MB
    fs.symlinkSync(root, path.join(root, 'weird names', 'loop'));
    fs.symlinkSync(path.join(root, 'gone.md'), path.join(root, 'dangling.md'));
    execFileSync('mkfifo', [path.join(root, 'pipe.txt')]);
    report = await new ImportService({ db: engram.database, onQueued: () => undefined }).run({ path: root });
  });
  afterAll(async () => {
    await closeEngram();
    files.cleanup();
  });

  it('imports every good file and record', async () => {
    expect(report.source.format).toBe('mixed');
    expect(report.imported.map((e) => e.title).sort()).toEqual(
      // markdown without a heading is titled by its file name (control characters in names become spaces)
      ['Bread chat', 'Evernote memo', 'From JSON', 'Glacier Study', 'Journal', 'Migrating geese fly in a V.', 'emoji 🦉 & "quotes" #hash %percent', 'new line', 'Saved article', 'Call the plumber about the boiler pressure.', 'caf\uFFFD cr\uFFFDme'].sort(),
    );
    const kinds = (await engram.listNotes({ limit: 50 })).notes.map((n) => n.source.kind).sort();
    expect(kinds).toEqual(['chatgpt', 'enex', 'html', 'json', 'json', 'markdown', 'markdown', 'markdown', 'pdf', 'text', 'text']);
    expect((await engram.recall('glaciers retreat', { mode: 'keyword' })).results[0]?.title).toBe('Glacier Study');
    expect((await engram.recall('pentosans', { mode: 'keyword' })).results[0]?.title).toBe('Bread chat');
    expect(report.counts.attachments).toBe(1); // the ENEX resource
  });

  it('reports each bad file or record with its reason', () => {
    expect(why()).toMatchObject({
      'binary.md': expect.stringContaining('binary'),
      'empty.md': 'empty file (0 bytes)',
      'huge.txt': expect.stringContaining('too large (200 MB'),
      'malformed.json': expect.stringContaining('not valid JSON'),
      'malformed.enex': expect.stringContaining('not valid ENEX XML'),
      'malformed.pdf': expect.stringContaining('not a readable PDF'),
      'spreadsheet.xlsx': 'unsupported file type (.xlsx)',
      'weird names/loop': expect.stringContaining('symlink loop'),
      'dangling.md': expect.stringContaining('broken symbolic link'),
      'pipe.txt': expect.stringContaining('named pipe'),
      'records.json#record-2': expect.stringContaining('no text'),
      'lines.jsonl#line-2': expect.stringContaining('not valid JSON'),
    });
    expect(report.counts).toMatchObject({ imported: 11, failed: 6, skipped: 6, warnings: 1 });
  });

  it('imports text with invalid bytes replaced, and says so in the warnings', () => {
    expect(report.warnings).toEqual([{ path: path.join(root, 'latin1.txt'), reason: expect.stringContaining('2 places in the text are not valid UTF-8') }]);
  });
});
