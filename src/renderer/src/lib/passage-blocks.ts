// Finding a passage of a note's text among the note's rendered blocks (paragraphs, items, headings, code, quotes).

/** Text as compared for finding a passage: markdown marks dropped, whitespace collapsed, lower case. */
export function comparable(text: string): string {
  return text
    .replace(/[#*_`>~[\]()|·-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const BLOCKS = '.markdown p, .markdown li, .markdown h2, .markdown h3, .markdown h4, .markdown pre, .markdown blockquote, .markdown tr';

/** A block's text; a table row's cells apart, as a search snippet joins them (' · '). */
function blockText(block: HTMLElement): string {
  if (block.tagName !== 'TR') return block.textContent ?? '';
  return [...block.children].map((cell) => cell.textContent ?? '').join(' · ');
}

/** The rendered blocks of the note under `scope` that hold (part of) the passage, in document order. */
export function passageBlocks(scope: HTMLElement, passageText: string): HTMLElement[] {
  const passage = comparable(passageText);
  if (passage.length < 3) return [];
  return [...scope.querySelectorAll<HTMLElement>(BLOCKS)].filter((block) => {
    const text = comparable(blockText(block));
    if (text.length < 3) return false;
    return passage.includes(text.slice(0, 60)) || text.includes(passage.slice(0, 60));
  });
}
