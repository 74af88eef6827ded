// Turns recalled notes into passages for the prompt: the recalled snippet widened to the paragraphs around it in the
// note's body (a snippet is at most 280 characters; a model answers better from the whole paragraph), up to a limit.
import type { Note, RecallHit, TextRange } from '../../shared/models';
import type { PassageCandidate } from './prompt-packing';

/** Longest passage taken from one note, in characters (about 400 tokens). */
export const PASSAGE_MAX_CHARS = 1600;

/**
 * The range of `body` to give the model for a hit whose snippet covers `range`: widened to the paragraph(s) around
 * it, and to at most `maxChars` centred on the snippet, cut at whitespace.
 */
export function widenToParagraphs(body: string, range: TextRange, maxChars = PASSAGE_MAX_CHARS): TextRange {
  const from = Math.max(0, Math.min(range.start, body.length));
  const to = Math.max(from, Math.min(range.end, body.length));
  const paraStart = body.lastIndexOf('\n\n', from);
  let start = paraStart === -1 ? 0 : paraStart + 2;
  const paraEnd = body.indexOf('\n\n', to);
  let end = paraEnd === -1 ? body.length : paraEnd;
  if (end - start > maxChars) {
    const spare = Math.max(0, maxChars - (to - from));
    start = Math.max(start, from - Math.floor(spare / 2));
    end = Math.min(end, start + Math.max(maxChars, to - from));
    start = Math.max(0, Math.min(start, end - maxChars));
    if (start > 0) {
      const space = body.indexOf(' ', start);
      if (space !== -1 && space < from) start = space + 1;
    }
    if (end < body.length) {
      const space = body.lastIndexOf(' ', end);
      if (space > to) end = space;
    }
  }
  while (start < end && /\s/.test(body[start]!)) start++;
  while (end > start && /\s/.test(body[end - 1]!)) end--;
  return { start, end };
}

/** Moves a range's start past a leading markdown heading that only repeats the note's title (the prompt names it). */
export function skipTitleHeading(body: string, range: TextRange, title: string): TextRange {
  const match = /^#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*(?:\n\s*|$)/.exec(body.slice(range.start, range.end));
  if (!match || match[1]!.trim().toLowerCase() !== title.trim().toLowerCase()) return range;
  const start = range.start + match[0].length;
  return start < range.end ? { start, end: range.end } : range;
}

/** Passage candidates for hits, best first; a hit whose note is gone (purged meanwhile) is skipped. */
export function passagesFromHits(hits: readonly RecallHit[], notes: ReadonlyMap<number, Note>, maxChars = PASSAGE_MAX_CHARS): PassageCandidate[] {
  const candidates: PassageCandidate[] = [];
  for (const hit of hits) {
    const note = notes.get(hit.id);
    if (!note) continue;
    const range = skipTitleHeading(note.body, widenToParagraphs(note.body, hit.snippet.range, maxChars), note.title);
    const text = note.body.slice(range.start, range.end);
    candidates.push({ noteId: hit.id, title: hit.title, createdAt: hit.createdAt, tags: hit.tags, text: text || hit.snippet.text, range: text ? range : hit.snippet.range });
  }
  return candidates;
}
