import type { TextRange } from '../../shared/models';
import { markdownBlocks, type MarkdownBlock } from './markdown-blocks';
import { splitLongRange } from './split-long-text';

/** A passage of a note: an exact slice of the body plus the headings it sits under. */
export interface NoteChunk {
  readonly ordinal: number;
  readonly range: TextRange;
  readonly text: string;
  /** "Heading > Subheading" the chunk sits under, for context when embedding. */
  readonly headingPath: string;
}

function trimRange(text: string, range: TextRange): TextRange {
  let { start, end } = range;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/**
 * Splits a markdown body into chunks of at most `maxChars`: a heading starts a new chunk, paragraphs are packed
 * together while they fit, fenced code blocks stay whole where they fit, and longer blocks are cut at line,
 * sentence or word boundaries. Every chunk carries its character range in the body. `blocks` are the body's
 * block boundaries when the caller already parsed it (the importer does, for tags), else they are read here.
 */
export function chunkMarkdown(body: string, maxChars: number, blocks: readonly MarkdownBlock[] = markdownBlocks(body)): NoteChunk[] {
  const limit = Math.max(50, Math.floor(maxChars));
  const chunks: NoteChunk[] = [];
  const headings: string[] = [];
  let current: TextRange | null = null;
  let currentPath = '';

  const flush = (): void => {
    if (!current) return;
    const range = trimRange(body, current);
    if (range.end > range.start) {
      chunks.push({ ordinal: chunks.length, range, text: body.slice(range.start, range.end), headingPath: currentPath });
    }
    current = null;
  };
  const append = (block: TextRange): void => {
    if (current && block.end - current.start <= limit) {
      current = { start: current.start, end: block.end };
      return;
    }
    flush();
    currentPath = headings.filter(Boolean).join(' > ');
    if (block.end - block.start <= limit) {
      current = { start: block.start, end: block.end };
      return;
    }
    const pieces = splitLongRange(body, block.start, block.end, limit);
    for (const piece of pieces.slice(0, -1)) {
      current = piece;
      flush();
    }
    current = pieces[pieces.length - 1] ?? null;
  };

  for (const block of blocks) {
    if (block.kind === 'heading') {
      flush();
      setHeading(headings, block);
    }
    append(block);
  }
  flush();
  return chunks;
}

function setHeading(headings: string[], block: MarkdownBlock): void {
  const level = block.level ?? 1;
  headings.length = level - 1;
  headings[level - 1] = (block.text ?? '').replace(/\s+/g, ' ');
}
