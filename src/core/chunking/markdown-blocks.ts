import { analyseMarkdown, type MarkdownBlock } from '../markdown/markdown-analysis';

export type { MarkdownBlock } from '../markdown/markdown-analysis';

/**
 * Splits markdown into the blocks chunks are cut at (headings, code, other top-level blocks and list items), with
 * exact offsets, read from the Markdown parser's tokens.
 */
export function markdownBlocks(text: string): readonly MarkdownBlock[] {
  return analyseMarkdown(text).blocks;
}
