import { compile } from 'html-to-text';

/** html-to-text, configured for readable note text: no wrapping, no link URLs or images, headings kept as lines. */
const convert = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'head', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'h5', options: { uppercase: false } },
    { selector: 'h6', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable' },
  ],
});

/** The readable text of an HTML document or fragment. */
export function htmlToText(html: string): string {
  return convert(html).replace(/\n{3,}/g, '\n\n').trim();
}

/** The document's <title>, or its first <h1>, as plain text. */
export function htmlTitle(html: string): string | undefined {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  const title = match ? htmlToText(match[1]!).replace(/\s+/g, ' ').trim() : '';
  return title || undefined;
}
