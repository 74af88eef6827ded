import type { TextRange } from '../../shared/models';

/**
 * Splits the range [start, end) of `text` into pieces of at most `maxChars`, preferring to cut after a line break,
 * then after a sentence end, then at a space, and only then mid-word. Pieces are contiguous and cover the range.
 */
export function splitLongRange(text: string, start: number, end: number, maxChars: number): TextRange[] {
  const pieces: TextRange[] = [];
  let from = start;
  while (end - from > maxChars) {
    const window = text.slice(from, from + maxChars);
    const minCut = Math.floor(maxChars * 0.5);
    let cut = window.lastIndexOf('\n');
    if (cut < minCut) cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! ')) + 1;
    if (cut < minCut) cut = window.lastIndexOf(' ');
    if (cut < minCut) cut = maxChars;
    // never cut a surrogate pair in two
    const code = text.charCodeAt(from + cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    pieces.push({ start: from, end: from + cut });
    from += cut;
  }
  if (end > from) pieces.push({ start: from, end });
  return pieces;
}
