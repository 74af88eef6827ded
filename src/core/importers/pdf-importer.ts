import path from 'node:path';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ImportFileError, parsedNotes, type Importer } from './import-types';
import { parseDate } from './parse-date';

/** pdfjs-dist's Node build, loaded on first use (it is large). */
type PdfJs = typeof PdfJsModule;
let pdfjs: Promise<PdfJs> | null = null;
const loadPdfJs = (): Promise<PdfJs> => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/**
 * PDF files: the text layer through pdfjs-dist, one "## Page N" heading per page (so recall can point at the page),
 * the document's Title and CreationDate when present. Encrypted, malformed and text-less (scanned) PDFs are refused
 * with a reason.
 */
export const pdfImporter: Importer = {
  format: 'pdf',
  parse: async (file) => {
    const { getDocument } = await loadPdfJs();
    const task = getDocument({ data: new Uint8Array(file.bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
    let doc: Awaited<typeof task.promise>;
    try {
      doc = await task.promise;
    } catch (error) {
      await task.destroy().catch(() => undefined);
      const name = error instanceof Error ? error.name : '';
      if (name === 'PasswordException') throw new ImportFileError('the PDF is password-protected');
      throw new ImportFileError(`not a readable PDF (${error instanceof Error ? error.message : String(error)})`);
    }
    try {
      const pages: string[] = [];
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
        page.cleanup();
        pages.push(`## Page ${n}\n\n${text.replace(/[ \t]+\n/g, '\n').trim()}`);
      }
      const hasText = pages.some((p) => p.replace(/^## Page \d+/, '').trim() !== '');
      if (!hasText) throw new ImportFileError('the PDF has no text layer (a scan?); run it through OCR first');
      const info = ((await doc.getMetadata().catch(() => null))?.info ?? {}) as { Title?: unknown; CreationDate?: unknown };
      const title = typeof info.Title === 'string' && info.Title.trim() ? info.Title.trim() : path.basename(file.absPath).replace(/\.pdf$/i, '');
      const createdAt = parseDate(info.CreationDate) ?? file.mtime.toISOString();
      return parsedNotes([{ title, body: pages.join('\n\n'), tags: [], createdAt, source: { kind: 'pdf', path: file.absPath } }]);
    } finally {
      await doc.destroy();
    }
  },
};
