import path from 'node:path';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { formatBytes } from '../files/format-bytes';
import { MAX_NOTE_BYTES } from '../notes/note-input';
import { ImportFileError, parsedNotes, type Importer } from './import-types';
import { parseDate } from './parse-date';

/** pdfjs-dist's Node build, loaded on first use (it is large). */
type PdfJs = typeof PdfJsModule;
let pdfjs: Promise<PdfJs> | null = null;
const loadPdfJs = (): Promise<PdfJs> => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/**
 * The most pages a PDF may have. pdfjs finds a page by walking the document's page tree from its root, and in a PDF
 * whose pages all hang off one node (a "flat" tree, as many generators write) that walk passes every page: reading
 * all n pages then costs n² steps. Refusing longer documents up front, before any page is read, keeps the worst case
 * to seconds. See docs/IMPORT.md.
 */
export const MAX_PDF_PAGES = 10_000;

/**
 * What pdfjs may do with a document: nothing but read it. No code is compiled from the PDF (`isEvalSupported`: fonts
 * and functions are interpreted, never turned into JavaScript), no fonts are installed (`disableFontFace`), no system
 * fonts, image or WebAssembly decoders, XFA forms or scripts are used, nothing is fetched, and no URL is given from
 * which anything could be (character maps, standard fonts, colour profiles): the bytes in memory are all pdfjs sees.
 */
export const PDF_READ_ONLY = {
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  enableXfa: false,
  isOffscreenCanvasSupported: false,
  isImageDecoderSupported: false,
  useWasm: false,
  useWorkerFetch: false,
  verbosity: 0,
} as const;

/**
 * PDF files: the text layer through pdfjs-dist, one "## Page N" heading per page (so recall can point at the page),
 * the document's Title and CreationDate when present. Progress is reported page by page and the parse stops between
 * pages when cancelled. Encrypted, malformed, text-less (scanned), over-long (MAX_PDF_PAGES) PDFs and PDFs whose
 * text would not fit in one note (MAX_NOTE_BYTES) are refused with a reason.
 */
export const pdfImporter: Importer = {
  format: 'pdf',
  parse: async (file, context = {}) => {
    const { getDocument } = await loadPdfJs();
    const task = getDocument({ data: new Uint8Array(file.bytes), ...PDF_READ_ONLY });
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
      const total = doc.numPages;
      if (total > MAX_PDF_PAGES) {
        throw new ImportFileError(`the PDF has ${total.toLocaleString('en')} pages; Engram imports PDFs of up to ${MAX_PDF_PAGES.toLocaleString('en')} pages (split it, e.g. by chapter, and import the parts)`);
      }
      const pages: string[] = [];
      let bytes = 0;
      let hasText = false;
      for (let n = 1; n <= total; n++) {
        context.signal?.throwIfAborted();
        const text = await pageText(doc, n);
        hasText ||= text !== '';
        const section = `## Page ${n}\n\n${text}`;
        bytes += Buffer.byteLength(section, 'utf8') + 2;
        if (bytes > MAX_NOTE_BYTES) {
          throw new ImportFileError(`its text passes ${formatBytes(MAX_NOTE_BYTES)}, the most one note can hold, by page ${n.toLocaleString('en')} of ${total.toLocaleString('en')}; split the PDF and import the parts`);
        }
        pages.push(section);
        context.onProgress?.(n, total);
      }
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

/** One page's text, lines kept, trailing spaces trimmed; the page's resources are released afterwards. */
async function pageText(doc: PdfJsModule.PDFDocumentProxy, n: number): Promise<string> {
  const page = await doc.getPage(n);
  try {
    const content = await page.getTextContent();
    const parts: string[] = [];
    for (const item of content.items) if ('str' in item) parts.push(item.hasEOL ? `${item.str}\n` : item.str);
    return parts.join('').replace(/[ \t]+\n/g, '\n').trim();
  } finally {
    page.cleanup();
  }
}
