import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chatgptImporter } from '../../src/core/importers/chatgpt-importer';
import { decodeText } from '../../src/core/importers/decode-text';
import { enexImporter } from '../../src/core/importers/enex-importer';
import { htmlImporter } from '../../src/core/importers/html-importer';
import type { Importer, SourceFile } from '../../src/core/importers/import-types';
import { inlineTags, wikilinks } from '../../src/core/importers/inline-tags';
import { jsonImporter } from '../../src/core/importers/json-importer';
import { markdownImporter } from '../../src/core/importers/markdown-importer';
import { obsidianImporter } from '../../src/core/importers/obsidian-importer';
import { pdfImporter } from '../../src/core/importers/pdf-importer';
import { textImporter } from '../../src/core/importers/text-importer';
import { tempDir } from '../support/temp-engram';
import { chatgptExport, enex, minimalPdf } from './support/fixtures';

const { dir, cleanup } = tempDir('engram-importers-');
afterAll(cleanup);
const mtime = new Date('2023-02-03T04:05:06Z');

function file(name: string, content: string | Buffer): SourceFile {
  const absPath = path.join(dir, name);
  fs.mkdirSync(path.dirname(absPath), { recursive: true });
  fs.writeFileSync(absPath, content);
  return { absPath, relPath: name, bytes: fs.readFileSync(absPath), mtime };
}

async function parse(importer: Importer, name: string, content: string | Buffer) {
  return importer.parse(file(name, content));
}

describe('markdown and Obsidian', () => {
  const note = [
    '---',
    'tags: [Projects/Alpha, reading list]',
    'aliases: [Alpha plan, "The A"]',
    'created: 2021-05-06T07:08:09Z',
    '---',
    '# Alpha planning',
    '',
    'Talked with #team/design about [[Roadmap 2024|the roadmap]] and [[Budget#Q3]].',
    '![[diagram.png]] #1 is not a tag, C#sharp is not either.',
    '',
    '```js',
    'const x = "#not-a-tag [[NotALink]]";',
    '```',
    'Inline `#code-tag` too. Done #status/in-progress/',
  ].join('\n');

  it('reads front-matter title, tags, aliases and date; inline nested #tags outside code; keeps [[links]] and ![[embeds]]', async () => {
    const { notes, failures } = await parse(obsidianImporter, 'vault/Alpha.md', note);
    expect(failures).toEqual([]);
    expect(notes).toHaveLength(1);
    const [n] = notes;
    expect(n).toMatchObject({
      title: 'Alpha', // Obsidian: the file name is the note's name
      tags: ['projects/alpha', 'reading-list', 'status/in-progress', 'team/design'],
      createdAt: '2021-05-06T07:08:09.000Z',
      source: { kind: 'obsidian', path: path.join(dir, 'vault/Alpha.md') },
      links: ['Roadmap 2024', 'Budget', 'diagram.png'],
    });
    expect(n!.body.startsWith('# Alpha planning')).toBe(true);
    expect(n!.body).toContain('[[Roadmap 2024|the roadmap]]');
    expect(n!.body).toContain('![[diagram.png]]');
    expect(n!.body).not.toContain('tags: [');
    expect(n!.body.trimEnd().endsWith('Aliases: Alpha plan, The A')).toBe(true);
  });

  it('plain markdown takes the leading heading as title and falls back to the file date', async () => {
    const { notes } = await parse(markdownImporter, 'md/plan.md', '# Weekly plan\n\nWater the plants.');
    expect(notes[0]).toMatchObject({ title: 'Weekly plan', createdAt: mtime.toISOString(), tags: [], source: { kind: 'markdown' } });
    const untitled = await parse(markdownImporter, 'md/just-text.markdown', 'No heading here.');
    expect(untitled.notes[0]!.title).toBe('just-text');
  });

  it('keeps a file whose front matter is broken YAML, text and all', async () => {
    const { notes } = await parse(markdownImporter, 'md/broken.md', '---\ntags: [unclosed\n---\nBody text');
    expect(notes[0]!.body).toContain('Body text');
    expect(notes[0]!.body).toContain('tags: [unclosed');
  });

  it('tag and link rules', () => {
    expect(inlineTags('# Heading\n#a/b/c and #x #2024 #-ok (#paren) text#no')).toEqual(['a/b/c', 'x', '-ok']);
    expect(wikilinks('See [[A]], [[B|b]], ![[c.png]] and `[[D]]`')).toEqual(['A', 'B', 'c.png']);
  });
});

describe('text, HTML and PDF', () => {
  it('text: first line as title', async () => {
    const { notes } = await parse(textImporter, 'plain.txt', 'Shopping\nmilk, eggs');
    expect(notes[0]).toMatchObject({ title: 'Shopping', body: 'Shopping\nmilk, eggs', source: { kind: 'text' } });
  });

  it('HTML: readable text, <title>, no scripts, styles or image data', async () => {
    const html = '<html><head><title>Trip &amp; notes</title><style>p{color:red}</style><script>alert(1)</script></head><body><h1>Lisbon</h1><p>Tram <a href="http://x">28</a> at 9.</p><img src="data:image/png;base64,AAAA"><ul><li>pasteis</li></ul></body></html>';
    const { notes } = await parse(htmlImporter, 'trip.html', html);
    expect(notes[0]!.title).toBe('Trip & notes');
    expect(notes[0]!.body).toContain('Lisbon');
    expect(notes[0]!.body).toContain('Tram 28 at 9.');
    expect(notes[0]!.body).toContain('pasteis');
    expect(notes[0]!.body).not.toMatch(/alert|color:red|base64|http:\/\/x/);
  });

  it('PDF: text per page with page markers, Title and CreationDate', async () => {
    const { notes } = await parse(pdfImporter, 'paper.pdf', minimalPdf(['Whales sing at dawn', 'Krill swarm at dusk'], 'Ocean Notes'));
    expect(notes[0]).toMatchObject({ title: 'Ocean Notes', createdAt: '2021-03-04T05:06:07.000Z', source: { kind: 'pdf' } });
    expect(notes[0]!.body).toBe('## Page 1\n\nWhales sing at dawn\n\n## Page 2\n\nKrill swarm at dusk');
  });

  it('PDF: a malformed file is refused with a reason', async () => {
    await expect(parse(pdfImporter, 'bad.pdf', Buffer.from('%PDF-1.4\nthis is not really a pdf'))).rejects.toMatchObject({ name: 'ImportFileError', message: expect.stringContaining('not a readable PDF') });
  });
});

describe('JSON, JSONL, ENEX, ChatGPT', () => {
  it('JSON: records with body/text/content, tags and dates; a record without text fails alone', async () => {
    const records = [
      { id: 'a1', title: 'First', body: 'Alpha body', tags: ['x', 'y z'], created: '2020-01-02T03:04:05Z' },
      { text: 'Second via text' },
      { content: 'Third via content', createdAt: 1600000000 },
      { title: 'No text' },
    ];
    const { notes, failures } = await parse(jsonImporter, 'notes.json', JSON.stringify({ notes: records }));
    const p = path.join(dir, 'notes.json');
    expect(notes.map((n) => [n.title, n.source.path, n.tags])).toEqual([
      ['First', `${p}#a1`, ['x', 'y-z']],
      ['Second via text', `${p}#record-2`, []],
      ['Third via content', `${p}#record-3`, []],
    ]);
    expect(notes[0]!.createdAt).toBe('2020-01-02T03:04:05.000Z');
    expect(notes[2]!.createdAt).toBe(new Date(1600000000 * 1000).toISOString());
    expect(failures).toEqual([{ path: `${p}#record-4`, reason: expect.stringContaining('no text') }]);
  });

  it('JSONL: a bad line is reported, the rest imported; malformed JSON fails the file', async () => {
    const { notes, failures } = await parse(jsonImporter, 'log.jsonl', '{"body":"one"}\n{oops\n\n{"body":"three"}\n');
    expect(notes.map((n) => n.body)).toEqual(['one', 'three']);
    expect(failures).toEqual([{ path: `${path.join(dir, 'log.jsonl')}#line-2`, reason: expect.stringContaining('not valid JSON') }]);
    await expect(parse(jsonImporter, 'bad.json', '[{"body": "x"},')).rejects.toMatchObject({ message: expect.stringContaining('not valid JSON') });
  });

  it('ENEX: notes with ENML text, tags, dates; attachments counted; malformed XML refused', async () => {
    const xml = enex([
      { title: 'Recipe', html: '<div>Mix <b>flour</b> and water.</div><en-media hash="abc" type="image/png"/>', tags: ['Cooking', 'bread'], created: '20190102T030405Z', resources: 2 },
      { title: 'Empty', html: '' },
    ]);
    const parsed = await parse(enexImporter, 'export.enex', xml);
    expect(parsed.notes).toHaveLength(1);
    expect(parsed.notes[0]).toMatchObject({ title: 'Recipe', tags: ['bread', 'cooking'], createdAt: '2019-01-02T03:04:05.000Z', source: { kind: 'enex' } });
    expect(parsed.notes[0]!.body).toContain('Mix flour and water.');
    expect(parsed.attachments).toBe(2);
    expect(parsed.failures).toEqual([{ path: `${path.join(dir, 'export.enex')}#note-2`, reason: expect.stringContaining('no text') }]);
    await expect(parse(enexImporter, 'broken.enex', '<en-export><note><title>x</title></en-export>')).rejects.toMatchObject({ message: expect.stringContaining('not valid ENEX XML') });
  });

  it('ChatGPT: one note per conversation, the visible thread as You/ChatGPT turns', async () => {
    const json = chatgptExport([
      { id: 'c-1', title: 'Sourdough help', created: 1700000000, turns: [['user', 'How long to proof?'], ['assistant', 'About 4 hours at 24°C.']] },
      { id: 'c-2', title: 'Silent', created: 1700000100, turns: [['system', 'hidden']] },
    ]);
    const { notes, failures } = await parse(chatgptImporter, 'conversations.json', json);
    expect(notes).toEqual([
      {
        title: 'Sourdough help',
        body: '**You:** How long to proof?\n\n**ChatGPT:** About 4 hours at 24°C.',
        tags: [],
        createdAt: new Date(1700000000 * 1000).toISOString(),
        source: { kind: 'chatgpt', path: `${path.join(dir, 'conversations.json')}#c-1` },
      },
    ]);
    expect(failures).toHaveLength(1);
    await expect(parse(chatgptImporter, 'other.json', '[{"body":"x"}]')).rejects.toMatchObject({ message: expect.stringContaining('not a ChatGPT export') });
  });
});

describe('decoding', () => {
  it('refuses binary and UTF-32; reads UTF-8 (with or without a BOM) and UTF-16 LE and BE by their BOM', () => {
    expect(() => decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toThrow(/binary/);
    expect(() => decodeText(Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x68, 0x00, 0x00, 0x00]))).toThrow(/UTF-32/);
    expect(decodeText(Buffer.from('héllo'))).toEqual({ text: 'héllo', warnings: [] });
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x68, 0x69]))).toEqual({ text: 'hi', warnings: [] });
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x68, 0x00, 0xe9, 0x00]))).toEqual({ text: 'hé', warnings: [] });
    expect(decodeText(Buffer.from([0xfe, 0xff, 0x00, 0x68, 0x00, 0xe9]))).toEqual({ text: 'hé', warnings: [] });
    // a UTF-16 file is mostly NUL bytes: read by its BOM, never refused as binary
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('A long line of UTF-16 text.\n'.repeat(500), 'utf16le')])).text).toMatch(/^A long line/);
  });

  it('replaces invalid bytes as editors do, and says so: how many places, and what to do', () => {
    const latin1 = decodeText(Buffer.from('caf\xe9 cr\xe8me', 'latin1'));
    expect(latin1.text).toBe('caf\uFFFD cr\uFFFDme');
    expect(latin1.warnings).toEqual([expect.stringMatching(/^2 places in the text are not valid UTF-8 and were replaced by "\uFFFD".*save it as UTF-8/)]);
    // a U+FFFD the file really contains is not counted as a replacement
    expect(decodeText(Buffer.concat([Buffer.from('already \uFFFD here, bad '), Buffer.from([0xff])])).warnings).toEqual([expect.stringMatching(/^1 place in the text is not valid UTF-8/)]);
    const lone = decodeText(Buffer.from([0xff, 0xfe, 0x68, 0x00, 0x00, 0xd8, 0x69, 0x00])); // a lone high surrogate
    expect(lone).toEqual({ text: 'h\uFFFDi', warnings: [expect.stringContaining('not valid UTF-16 LE')] });
  });
});
