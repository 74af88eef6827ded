// Everything a file's content passes through reads it as data and in bounded time (issue 13, point 1's audit, and
// points 7 and 11): PDFs without code or fetching, page by page with a page limit; HTML and ENEX without scripts,
// remote loads, entity bombs or quadratic scans; symbolic links only within the folder being imported.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { enexImporter } from '../../src/core/importers/enex-importer';
import { htmlImporter } from '../../src/core/importers/html-importer';
import type { Importer, ParseContext, SourceFile } from '../../src/core/importers/import-types';
import { MAX_PDF_PAGES, PDF_READ_ONLY, pdfImporter } from '../../src/core/importers/pdf-importer';
import { walkSource } from '../../src/core/importers/walk-source';
import { tempDir } from '../support/temp-engram';
import { enex, minimalPdf, writeTree } from './support/fixtures';

const { dir, cleanup } = tempDir('engram-parser-safety-');
afterAll(cleanup);

function parse(importer: Importer, name: string, content: string | Buffer, context?: ParseContext) {
  const file: SourceFile = { absPath: path.join(dir, name), relPath: name, bytes: Buffer.from(content), mtime: new Date('2024-01-01T00:00:00Z') };
  return importer.parse(file, context);
}

describe('PDF', () => {
  it('is read with nothing evaluated, installed or fetched', () => {
    expect(PDF_READ_ONLY).toMatchObject({ isEvalSupported: false, disableFontFace: true, useSystemFonts: false, enableXfa: false, useWasm: false, useWorkerFetch: false });
    expect(Object.keys(PDF_READ_ONLY).some((k) => /url/i.test(k))).toBe(false);
  });

  it('imports the text of a PDF that carries JavaScript, and runs none of it', async () => {
    const js = `/OpenAction << /S /JavaScript /JS (globalThis.engramPdfRan = 1; app.alert\\(1\\);) >> /Names << /JavaScript << /Names [(x) << /S /JavaScript /JS (globalThis.engramPdfRan = 2) >>] >> >>`;
    const { notes } = await parse(pdfImporter, 'scripted.pdf', minimalPdf(['Quarterly figures'], 'Scripted', js));
    expect(notes[0]?.body).toContain('Quarterly figures');
    expect((globalThis as { engramPdfRan?: number }).engramPdfRan).toBeUndefined();
  });

  it('reports progress page by page, and stops between pages when cancelled', async () => {
    const pages = Array.from({ length: 40 }, (_, i) => `Page text ${i + 1}`);
    const seen: [number, number][] = [];
    await parse(pdfImporter, 'progress.pdf', minimalPdf(pages), { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual(pages.map((_, i) => [i + 1, 40]));
    const controller = new AbortController();
    let read = 0;
    const cancelled = parse(pdfImporter, 'cancel.pdf', minimalPdf(pages), { signal: controller.signal, onProgress: (done) => (read = done) === 5 && controller.abort() });
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    expect(read).toBe(5);
  });

  it('reads every page in document order, whatever the shape of the page tree', async () => {
    const pages = Array.from({ length: 30 }, (_, i) => `Leaf ${i + 1}`);
    const pageOrder = (body: string): string[] => [...body.matchAll(/Leaf \d+/g)].map((m) => m[0]);
    for (const [name, tree] of [['flat', {}], ['nested', { perNode: 7 }], ['overstated count', { count: 35 }], ['nested, overstated count', { perNode: 4, count: 33 }]] as const) {
      const { notes } = await parse(pdfImporter, `${name}.pdf`, minimalPdf(pages, name, '', tree));
      expect(pageOrder(notes[0]!.body), name).toEqual(pages);
    }
    // A /Count below the pages the tree holds: pdfjs reads as many as the document says it has, in order.
    const { notes } = await parse(pdfImporter, 'understated.pdf', minimalPdf(pages, 'understated', '', { count: 25 }));
    expect(pageOrder(notes[0]!.body)).toEqual(pages.slice(0, 25));
  });

  it("runs the installed pdfjs with Engram's page-tree patch (one pass over the tree, not one per page)", () => {
    const require = createRequire(import.meta.url);
    const pdfjsDir = path.dirname(require.resolve('pdfjs-dist/package.json'));
    const { version } = JSON.parse(fs.readFileSync(path.join(pdfjsDir, 'package.json'), 'utf8')) as { version: string };
    expect(fs.existsSync(path.join(import.meta.dirname, `../../patches/pdfjs-dist+${version}.patch`)), `a patch for pdfjs-dist ${version} (npx patch-package pdfjs-dist)`).toBe(true);
    expect(fs.readFileSync(path.join(pdfjsDir, 'legacy/build/pdf.worker.mjs'), 'utf8')).toContain('#pageDictsInOrder');
  });

  it(`refuses a PDF of more than ${MAX_PDF_PAGES} pages before reading any page`, async () => {
    let pagesRead = 0;
    const long = minimalPdf(Array.from({ length: MAX_PDF_PAGES + 1 }, (_, i) => `p${i}`));
    await expect(parse(pdfImporter, 'long.pdf', long, { onProgress: () => pagesRead++ })).rejects.toMatchObject({
      name: 'ImportFileError',
      message: `the PDF has ${(MAX_PDF_PAGES + 1).toLocaleString('en')} pages; Engram imports PDFs of up to ${MAX_PDF_PAGES.toLocaleString('en')} pages (split it, e.g. by chapter, and import the parts)`,
    });
    expect(pagesRead).toBe(0);
  });
});

describe('HTML', () => {
  it('reads the title and date from the markup, entities decoded', async () => {
    const html = '<html><head><meta name="created" content="2020-02-03T04:05:06Z"><title>Fish &amp; Chips</title></head><body><h1>Other</h1><p>Vinegar.</p></body></html>';
    const { notes } = await parse(htmlImporter, 'page.html', html);
    expect(notes[0]).toMatchObject({ title: 'Fish & Chips', createdAt: '2020-02-03T04:05:06.000Z', body: expect.stringContaining('Vinegar.') });
    const { notes: untitled } = await parse(htmlImporter, 'h1.html', '<body><h1>The <em>first</em> heading</h1><h1>Second</h1></body>');
    expect(untitled[0]?.title).toBe('The first heading');
  });

  it('reads a file of 200,000 unclosed <meta and <title tags in one pass (before: quadratic regular expressions, minutes)', async () => {
    const hostile = `${'<meta name=x '.repeat(200_000)}${'<title>'.repeat(200_000)}`;
    const { notes } = await parse(htmlImporter, 'hostile.html', hostile);
    expect(notes).toHaveLength(1);
  }, 60_000);

  it('imports a document nested 10,000 elements deep (before: the converter overflowed the stack and the file failed)', async () => {
    const deep = `<p>Top text.</p>${'<div>'.repeat(10_000)}deep${'</div>'.repeat(10_000)}`;
    const { notes } = await parse(htmlImporter, 'deep.html', deep);
    expect(notes[0]?.body).toMatch(/^Top text\./);
  }, 60_000);

  it('never runs or keeps scripts, and keeps no frame, object or template content', async () => {
    const html = '<p>Visible.</p><script>globalThis.engramHtmlRan = 1</script><noscript>no</noscript><iframe srcdoc="<p>framed</p>"></iframe><template><p>hidden</p></template><img src="http://example.invalid/x.png" onerror="globalThis.engramHtmlRan = 2">';
    const { notes } = await parse(htmlImporter, 'scripted.html', html);
    expect(notes[0]?.body).toBe('Visible.');
    expect((globalThis as { engramHtmlRan?: number }).engramHtmlRan).toBeUndefined();
  });
});

describe('ENEX', () => {
  const doctype = (entities: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE en-export [\n${entities}\n]>\n`;

  it('refuses a file that declares an external entity (XXE), naming why', async () => {
    const xxe = `${doctype('<!ENTITY secret SYSTEM "file:///etc/passwd">')}<en-export><note><title>&secret;</title><content>x</content></note></en-export>`;
    await expect(parse(enexImporter, 'xxe.enex', xxe)).rejects.toMatchObject({ name: 'ImportFileError', message: expect.stringContaining('External entities are not supported') });
  });

  it('does not expand nested entities ("billion laughs"), and bounds expansion', async () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('\n');
    const laughs = `${doctype(`<!ENTITY l0 "lol">\n${levels}`)}<en-export><note><title>Laughs</title><content>&lt;en-note&gt;&l9;&lt;/en-note&gt;</content></note></en-export>`;
    const { notes } = await parse(enexImporter, 'laughs.enex', laughs);
    expect(notes[0]!.body.length).toBeLessThan(100);
    const wide = `${doctype(`<!ENTITY a "${'x'.repeat(1000)}">`)}<en-export><note><title>Wide</title><content>${'&a;'.repeat(1000)}</content></note></en-export>`;
    await expect(parse(enexImporter, 'wide.enex', wide)).rejects.toMatchObject({ name: 'ImportFileError', message: expect.stringMatching(/limit/i) });
  });

  it('a note too deep to convert fails alone; the others import', async () => {
    const xml = enex([
      { title: 'Fine', html: '<p>Ordinary note.</p>' },
      { title: 'Deep', html: `${'<div>'.repeat(10_000)}x${'</div>'.repeat(10_000)}` },
    ]);
    const { notes } = await parse(enexImporter, 'mixed.enex', xml);
    expect(notes.map((n) => n.title)).toEqual(['Fine', 'Deep']);
  }, 60_000);
});

describe('symbolic links in a folder being imported', () => {
  it('follows links that stay inside the folder (the folder itself may be reached through a link), skips the others with a reason', async () => {
    const real = path.join(dir, 'real-vault');
    const outside = path.join(dir, 'outside');
    writeTree(real, { 'a.md': 'a', 'sub/b.md': 'b' });
    writeTree(outside, { 'secret.md': 's', 'dir/c.md': 'c' });
    fs.symlinkSync(path.join(real, 'sub', 'b.md'), path.join(real, 'to-b.md'));
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(real, 'secret.md'));
    fs.symlinkSync(path.join(outside, 'dir'), path.join(real, 'dir'));
    fs.symlinkSync('../outside/secret.md', path.join(real, 'relative.md'));
    const viaLink = path.join(dir, 'vault-link');
    fs.symlinkSync(real, viaLink);
    const { files, skipped } = await walkSource(viaLink);
    expect(files.map((f) => [f.relPath, f.link])).toEqual([['a.md', false], ['sub/b.md', false], ['to-b.md', true]]);
    expect(skipped.map((s) => path.basename(s.path)).sort()).toEqual(['dir', 'relative.md', 'secret.md']);
    expect(skipped.every((s) => s.reason.startsWith('symbolic link leading outside the folder being imported'))).toBe(true);
    const all = await walkSource(viaLink, { followLinks: true });
    expect(all.files.map((f) => f.relPath)).toEqual(['a.md', 'dir/c.md', 'relative.md', 'secret.md', 'sub/b.md', 'to-b.md']);
  });
});
