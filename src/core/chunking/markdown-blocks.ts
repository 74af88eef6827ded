/** A top-level markdown block with its [start, end) offsets in the source. */
export interface MarkdownBlock {
  readonly kind: 'heading' | 'code' | 'paragraph';
  readonly start: number;
  readonly end: number;
  /** Heading level 1..6 (headings only). */
  readonly level?: number;
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const HEADING = /^\s{0,3}(#{1,6})\s+\S/;

/**
 * Splits markdown into headings, fenced code blocks and paragraphs (runs of non-blank lines), keeping exact offsets.
 * An unclosed fence runs to the end of the text, as CommonMark says.
 */
export function markdownBlocks(text: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  const lines: { start: number; end: number; text: string }[] = [];
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    lines.push({ start: pos, end, text: text.slice(pos, end) });
    if (nl === -1) break;
    pos = nl + 1;
  }
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.text.trim() === '') {
      i++;
      continue;
    }
    const fence = FENCE.exec(line.text);
    if (fence) {
      const marker = fence[1]!;
      let j = i + 1;
      while (j < lines.length && !lines[j]!.text.trimStart().startsWith(marker)) j++;
      const last = lines[Math.min(j, lines.length - 1)]!;
      blocks.push({ kind: 'code', start: line.start, end: last.end });
      i = j + 1;
      continue;
    }
    const heading = HEADING.exec(line.text);
    if (heading) {
      blocks.push({ kind: 'heading', start: line.start, end: line.end, level: heading[1]!.length });
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < lines.length) {
      const next = lines[j + 1]!.text;
      if (next.trim() === '' || FENCE.test(next) || HEADING.test(next)) break;
      j++;
    }
    blocks.push({ kind: 'paragraph', start: line.start, end: lines[j]!.end });
    i = j + 1;
  }
  return blocks;
}
