import type { Snippet, TextRange } from '../../shared/models';

/** Longest snippet shown, in characters. */
export const SNIPPET_CHARS = 280;

function stem(term: string): string {
  const stemmed = term.replace(/(?:ations?|ings?|edly|ed|es|ly|s)$/u, '');
  return stemmed.length >= 3 ? stemmed : term;
}

/** Ranges of `text` matching the phrases (anywhere) or words starting with a query term's stem, sorted, merged. */
export function findHighlights(text: string, terms: readonly string[], phrases: readonly string[]): TextRange[] {
  const ranges: TextRange[] = [];
  const lower = text.toLowerCase();
  for (const phrase of phrases) {
    const p = phrase.toLowerCase();
    for (let at = lower.indexOf(p); at !== -1; at = lower.indexOf(p, at + p.length)) ranges.push({ start: at, end: at + p.length });
  }
  const stems = terms.map(stem);
  for (const word of lower.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (stems.some((s) => word[0].startsWith(s))) ranges.push({ start: word.index, end: word.index + word[0].length });
  }
  ranges.sort((a, b) => a.start - b.start);
  const merged: TextRange[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, r.end) };
    else merged.push(r);
  }
  return merged;
}

/**
 * The passage of a chunk to show for a hit: the window of at most SNIPPET_CHARS with the most highlights (cut at
 * word boundaries), its highlight ranges relative to the snippet, and its range within the note body.
 */
export function buildSnippet(chunkText: string, chunkStart: number, terms: readonly string[], phrases: readonly string[]): Snippet {
  const all = findHighlights(chunkText, terms, phrases);
  let start = 0;
  let end = chunkText.length;
  if (chunkText.length > SNIPPET_CHARS) {
    let best = 0;
    let bestCount = -1;
    for (const h of all) {
      const from = Math.max(0, h.start - 40);
      const count = all.filter((o) => o.start >= from && o.end <= from + SNIPPET_CHARS).length;
      if (count > bestCount) {
        best = from;
        bestCount = count;
      }
    }
    start = best;
    end = Math.min(chunkText.length, start + SNIPPET_CHARS);
    if (start > 0) {
      const space = chunkText.indexOf(' ', start);
      if (space !== -1 && space - start < 30) start = space + 1;
    }
    if (end < chunkText.length) {
      const space = chunkText.lastIndexOf(' ', end);
      if (space > start + SNIPPET_CHARS / 2) end = space;
    }
  }
  const highlights = all.filter((h) => h.start >= start && h.end <= end).map((h) => ({ start: h.start - start, end: h.end - start }));
  return { text: chunkText.slice(start, end), highlights, range: { start: chunkStart + start, end: chunkStart + end } };
}
