// Reads the citations `[1]`, `[2, 3]` in an answer and checks them against the passages the model was given. Pure
// and dependency-free, so the core (validation, notices, saving a note), the CLI and the window (live, while the
// answer streams) read an answer the same way. Sentences come from Intl.Segmenter (the platform's Unicode sentence
// rules), not a hand-written splitter.

/** A run of answer text, or a citation marker with its numbers sorted into valid and invalid. */
export type AnswerPiece =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'citation'; readonly raw: string; readonly valid: readonly number[]; readonly invalid: readonly number[] };

/** A sentence of the answer. `cited`: it has at least one valid citation; `needsCitation`: it states something. */
export interface AnswerSentence {
  readonly pieces: readonly AnswerPiece[];
  readonly cited: boolean;
  readonly needsCitation: boolean;
}

/** A line of the answer: a paragraph, a list item or a heading, split into sentences. */
export interface AnswerBlock {
  readonly kind: 'paragraph' | 'bullet' | 'numbered' | 'heading';
  /** The list number for numbered items ("2."), else empty. */
  readonly marker: string;
  readonly sentences: readonly AnswerSentence[];
}

/** An answer read for display and checks. */
export interface AnswerAnalysis {
  readonly blocks: readonly AnswerBlock[];
  /** Passage numbers cited that exist, sorted. */
  readonly cited: readonly number[];
  /** Numbers cited that point at no passage given (made up, or out of range), sorted. */
  readonly invalid: readonly number[];
  /** Sentences that state something without a valid citation. */
  readonly uncitedSentences: number;
}

const LABEL = String.raw`(?:(?:passages?|notes?|sources?)\s*#?\s*)?`;
/** `[1]`, `[1, 3]`, `[2; 4]`, `[Passage 2]`, `[note 1, note 4]`. */
const CITATION = new RegExp(String.raw`\[\s*${LABEL}(\d{1,4}(?:\s*[,;]\s*${LABEL}\d{1,4})*)\s*\]`, 'gi');
const BULLET = /^\s*[-*•]\s+/;
const NUMBERED = /^\s*(\d{1,3})[.)]\s+/;
const HEADING = /^\s*#{1,6}\s+/;
/** Sentences that say the notes do not cover something need no citation. */
const NOT_IN_NOTES = /\b(?:do(?:es)?\s+not|don't|doesn't|no\s+(?:passage|note)s?)\b[^.]*\b(?:say|mention|cover|contain|include|answer)/i;

let segmenter: Intl.Segmenter | null = null;

function sentencesOf(text: string): string[] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  return [...segmenter.segment(text)].map((s) => s.segment);
}

/** Splits a sentence into text and citation pieces. */
function piecesOf(sentence: string, passageCount: number): AnswerPiece[] {
  const pieces: AnswerPiece[] = [];
  let at = 0;
  for (const match of sentence.matchAll(CITATION)) {
    if (match.index > at) pieces.push({ kind: 'text', text: sentence.slice(at, match.index) });
    const numbers = [...new Set((match[1] ?? '').match(/\d+/g)?.map(Number) ?? [])];
    pieces.push({
      kind: 'citation',
      raw: match[0],
      valid: numbers.filter((n) => n >= 1 && n <= passageCount),
      invalid: numbers.filter((n) => n < 1 || n > passageCount),
    });
    at = match.index + match[0].length;
  }
  if (at < sentence.length) pieces.push({ kind: 'text', text: sentence.slice(at) });
  return pieces;
}

function plainText(pieces: readonly AnswerPiece[]): string {
  return pieces.map((p) => (p.kind === 'text' ? p.text : '')).join('').trim();
}

function needsCitation(text: string, kind: AnswerBlock['kind']): boolean {
  if (kind === 'heading') return false;
  const words = text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return words >= 4 && !/[:?]$/.test(text) && !NOT_IN_NOTES.test(text);
}

function sentence(pieces: AnswerPiece[], kind: AnswerBlock['kind']): AnswerSentence {
  return {
    pieces,
    cited: pieces.some((p) => p.kind === 'citation' && p.valid.length > 0),
    needsCitation: needsCitation(plainText(pieces), kind),
  };
}

/** Reads one line: its kind, then its sentences. A citation that opens a sentence belongs to the one before. */
function readBlock(line: string, passageCount: number): AnswerBlock {
  let kind: AnswerBlock['kind'] = 'paragraph';
  let marker = '';
  let text = line;
  const numbered = NUMBERED.exec(line);
  if (HEADING.test(line)) {
    kind = 'heading';
    text = line.replace(HEADING, '');
  } else if (BULLET.test(line)) {
    kind = 'bullet';
    text = line.replace(BULLET, '');
  } else if (numbered) {
    kind = 'numbered';
    marker = `${numbered[1]}.`;
    text = line.slice(numbered[0].length);
  }
  text = text.replace(/\*\*|__/g, '');
  const groups: AnswerPiece[][] = [];
  for (const raw of sentencesOf(text)) {
    const pieces = piecesOf(raw, passageCount);
    const previous = groups[groups.length - 1];
    // "... in March. [1] Then ..." : the leading [1] cites the sentence before it
    while (previous && pieces.length > 0 && (pieces[0]!.kind === 'citation' || (pieces[0]!.kind === 'text' && pieces[0]!.text.trim() === '' && pieces[1]?.kind === 'citation'))) {
      previous.push(pieces.shift()!);
    }
    if (pieces.length > 0) groups.push(pieces);
  }
  return { kind, marker, sentences: groups.map((g) => sentence(g, kind)) };
}

/**
 * Reads an answer given `passageCount` numbered passages: its lines and sentences, which citations are valid, which
 * point at no passage (they are never shown as links), and how many sentences state something without a citation.
 */
export function analyseAnswer(answer: string, passageCount: number): AnswerAnalysis {
  const blocks = answer
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => readBlock(line, passageCount));
  const cited = new Set<number>();
  const invalid = new Set<number>();
  let uncitedSentences = 0;
  for (const block of blocks) {
    for (const s of block.sentences) {
      if (s.needsCitation && !s.cited) uncitedSentences++;
      for (const p of s.pieces) {
        if (p.kind !== 'citation') continue;
        p.valid.forEach((n) => cited.add(n));
        p.invalid.forEach((n) => invalid.add(n));
      }
    }
  }
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  return { blocks, cited: sorted(cited), invalid: sorted(invalid), uncitedSentences };
}

/** The answer without its citation markers (earlier turns go back to the model this way: their numbers are stale). */
export function stripCitations(answer: string): string {
  return answer.replace(new RegExp(CITATION.source, 'gi'), '').replace(/[ \t]+([.,;:!?])/g, '$1').replace(/[ \t]{2,}/g, ' ').trim();
}
