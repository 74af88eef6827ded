// Front matter is data, never code: the shipped CLI imports notes whose front matter tries to run JavaScript (gray-matter's
// `---js` engines, YAML's `!!js/function` tags) without running anything, keeps the block as text and says so.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview, ImportReport } from '../../src/core/import/import-models';
import { readFrontMatter } from '../../src/core/importers/front-matter';
import { prepareDataDir, runJson, tempDir } from '../cli/cli-process';

let work: { dir: string; remove: () => Promise<void> };
let dataDir: string;
let marker: string;

/** A front-matter block that writes the marker file if anything evaluates it. */
function attack(engine: string): string {
  return `---${engine}\n{ title: require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran') || 'pwned' }\n---\nA note that should stay text.\n`;
}

beforeAll(async () => {
  work = await tempDir('engram-front-matter-');
  dataDir = path.join(work.dir, 'data');
  marker = path.join(work.dir, 'code-ran.txt');
  await prepareDataDir(dataDir);
});
afterAll(() => work.remove());

function write(rel: string, text: string): string {
  const file = path.join(work.dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

describe('front matter never runs code', () => {
  it('a dry run of a folder with ---js and ---javascript notes runs nothing and warns', async () => {
    write('notes/js.md', attack('js'));
    write('notes/javascript.md', attack('javascript'));
    write('notes/coffee.md', attack('coffee'));
    const preview = await runJson<ImportPreview>(dataDir, ['import', path.join(work.dir, 'notes'), '--dry-run']);
    expect(fs.existsSync(marker)).toBe(false);
    expect(preview.counts.imported).toBe(3);
    expect(preview.warnings.map((w) => path.basename(w.path)).sort()).toEqual(['coffee.md', 'javascript.md', 'js.md']);
    expect(preview.warnings[0]!.reason).toMatch(/does not read \(only YAML\)/);
  });

  it('importing a .txt as markdown and an Obsidian vault runs nothing, and keeps the block as text', async () => {
    const txt = write('plain/attack.txt', attack('js'));
    const asMarkdown = await runJson<ImportReport>(dataDir, ['import', txt, '--format', 'markdown']);
    write('vault/.obsidian/app.json', '{}');
    write('vault/Daily.md', attack('javascript'));
    const vault = await runJson<ImportReport>(dataDir, ['import', path.join(work.dir, 'vault'), '--format', 'obsidian']);
    expect(fs.existsSync(marker)).toBe(false);
    for (const report of [asMarkdown, vault]) {
      expect(report.counts.imported).toBe(1);
      expect(report.counts.warnings).toBe(1);
    }
    const stored = await runJson<{ body: string; title: string }>(dataDir, ['get', String(vault.imported[0]!.noteId)]);
    expect(stored.body).toContain("require('fs')"); // kept as the person wrote it, as text
    expect(stored.title).toBe('Daily');
  });
});

describe('front matter is plain YAML only', () => {
  it('refuses language and custom tags, keeping the block in the text with a reason', () => {
    for (const tag of ['!!js/function "function () { return 1 }"', '!!js/undefined ""', '!!python/object:os.system ls', '!custom 3', '!!binary aGVsbG8=']) {
      const text = `---\ntitle: ${tag}\ntags: [a]\n---\nBody`;
      const front = readFrontMatter(text);
      expect(front.title, tag).toBeUndefined();
      expect(front.tags).toEqual([]);
      expect(front.content).toBe(text);
      expect(front.warnings[0]).toMatch(/YAML tag .* which Engram does not read/);
    }
  });

  it('bounds alias expansion (a "billion laughs" block is not read)', () => {
    const lines = ['---', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    lines.push('---', 'Body');
    const front = readFrontMatter(lines.join('\n'));
    expect(front.content).toContain('Body');
    expect(front.warnings).toHaveLength(1);
  });

  it('reads every plain shape: lists, comma and space separated tags, dates, empty blocks, CRLF', () => {
    expect(readFrontMatter('---\ntitle: Plan\ntags: [a, b]\ncreated: 2024-05-01\n---\nText')).toMatchObject({ title: 'Plan', tags: ['a', 'b'], createdAt: '2024-05-01T00:00:00.000Z', content: 'Text', warnings: [] });
    expect(readFrontMatter('---\ntags:\n  - x\n  - y/z\n---\nText').tags).toEqual(['x', 'y/z']);
    expect(readFrontMatter('---\ntags: one, two three\n---\nText').tags).toEqual(['one', 'two', 'three']);
    expect(readFrontMatter('---\n---\nText')).toMatchObject({ content: 'Text', warnings: [] });
    expect(readFrontMatter('---\r\ntitle: Win\r\n---\r\nText')).toMatchObject({ title: 'Win', content: 'Text' });
    expect(readFrontMatter('No front matter\n---\nnot: yaml')).toMatchObject({ content: 'No front matter\n---\nnot: yaml', warnings: [] });
    expect(readFrontMatter('---\n- just\n- a list\n---\nText').warnings[0]).toMatch(/not a list of keys and values/);
  });
});
