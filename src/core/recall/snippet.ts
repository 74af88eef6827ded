import type { Snippet, TextRange } from '../../shared/models';
import { plainBlocks } from '../markdown/plain-text';

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

/** The window of at most SNIPPET_CHARS of `text` with the most highlights, cut at word boundaries. */
function bestWindow(text: string, all: readonly TextRange[]): { start: number; end: number } {
  let start = 0;
  let end = text.length;
  if (text.length > SNIPPET_CHARS) {
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
    end = Math.min(text.length, start + SNIPPET_CHARS);
    if (start > 0) {
      const space = text.indexOf(' ', start);
      if (space !== -1 && space - start < 30) start = space + 1;
    }
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      if (space > start + SNIPPET_CHARS / 2) end = space;
    }
  }
  return { start, end };
}

/** The 0-based line of `text` that holds offset `at`. */
function lineOf(text: string, at: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * The passage of a chunk to show for a hit, as plain text (issue 20, point 2): the window of the chunk's Markdown
 * with the most highlights gives the range within the note body; the blocks it touches, read through the Markdown
 * parser (no '#', '|', '>', '**' or `[!tip]`; see markdown/plain-text.ts), give the text, in which the matches are
 * found again and the best window of at most SNIPPET_CHARS is kept. Markdown that reads as no text at all (an HTML
 * block) keeps its source.
 */
export function buildSnippet(chunkText: string, chunkStart: number, terms: readonly string[], phrases: readonly string[]): Snippet {
  const rawHighlights = findHighlights(chunkText, terms, phrases);
  const raw = bestWindow(chunkText, rawHighlights);
  const range = { start: chunkStart + raw.start, end: chunkStart + raw.end };
  const first = lineOf(chunkText, raw.start);
  const last = lineOf(chunkText, Math.max(raw.start, raw.end - 1));
  const plain = plainBlocks(chunkText)
    .filter((b) => b.startLine <= last && b.endLine > first)
    .map((b) => b.text)
    .join('\n');
  const [text, all] = plain ? [plain, findHighlights(plain, terms, phrases)] : [chunkText.slice(raw.start, raw.end), rawHighlights.filter((h) => h.start >= raw.start && h.end <= raw.end).map((h) => ({ start: h.start - raw.start, end: h.end - raw.start }))];
  const window = bestWindow(text, all);
  const highlights = all.filter((h) => h.start >= window.start && h.end <= window.end).map((h) => ({ start: h.start - window.start, end: h.end - window.start }));
  return { text: text.slice(window.start, window.end), highlights, range };
}
