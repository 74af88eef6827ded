import { compile } from 'html-to-text';
import { Parser } from 'htmlparser2';

/**
 * Elements nested deeper than this are cut with "..." instead of converted: html-to-text walks the tree recursively,
 * and 10,000 nested <div>s overflowed the stack (the whole file failed). Real documents stay far below it.
 */
const MAX_DEPTH = 500;

/**
 * html-to-text, configured for readable note text: no wrapping, no link URLs or images, headings kept as lines.
 * It only reads the markup (htmlparser2): no script runs, no style applies and nothing is fetched; scripts, styles
 * and the head are left out of the text.
 */
const convert = compile({
  wordwrap: false,
  limits: { maxDepth: MAX_DEPTH },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'head', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    { selector: 'template', format: 'skip' },
    { selector: 'iframe', format: 'skip' },
    { selector: 'object', format: 'skip' },
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

/** What a document says about itself: its title (<title>, else the first <h1>) and a creation date from <meta>. */
export interface HtmlHead {
  readonly title?: string;
  readonly created?: string;
}

const DATE_META = new Set(['date', 'created', 'article:published_time']);

/**
 * Reads a document's title and date in one linear pass of htmlparser2 (regular expressions over raw HTML backtracked
 * quadratically on inputs such as thousands of unclosed "<meta " tags). Entities are decoded, whitespace collapsed.
 */
export function htmlHead(html: string): HtmlHead {
  let title = '';
  let heading = '';
  let created: string | undefined;
  let inside: 'title' | 'h1' | null = null;
  let titleDone = false;
  let headingDone = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'title' && !titleDone) inside = 'title';
        else if (name === 'h1' && !headingDone && inside === null) inside = 'h1';
        else if (name === 'meta' && created === undefined) {
          const key = (attributes.name ?? attributes.property ?? '').toLowerCase();
          if (DATE_META.has(key) && attributes.content) created = attributes.content;
        }
      },
      ontext(text) {
        if (inside === 'title') title += text;
        else if (inside === 'h1') heading += text;
      },
      onclosetag(name) {
        if (name === 'title' && inside === 'title') [inside, titleDone] = [null, true];
        else if (name === 'h1' && inside === 'h1') [inside, headingDone] = [null, true];
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  const chosen = [title, heading].map((t) => t.replace(/\s+/g, ' ').trim()).find((t) => t !== '');
  return { title: chosen, created };
}
