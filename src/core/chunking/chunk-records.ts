import type { ChunkRecord } from '../db/repositories/chunks-repository';
import { sha256 } from '../notes/content-hash';
import type { MarkdownBlock } from './markdown-blocks';
import { chunkMarkdown } from './markdown-chunker';

/** Characters of the title repeated before each chunk for keyword search and embedding. */
const TITLE_CONTEXT = 200;

/**
 * A note's chunks as stored: markdown chunks sized so title + headings + text fit `maxInputChars`, each with the
 * search text the embedder and BM25 see and its hash (the same hash means the same vector). `blocks`: the body's
 * block boundaries when already parsed.
 */
export function chunkRecords(title: string, body: string, maxInputChars: number, blocks?: readonly MarkdownBlock[]): ChunkRecord[] {
  const context = title.slice(0, TITLE_CONTEXT);
  return chunkMarkdown(body, Math.max(200, maxInputChars - context.length - 50), blocks).map((chunk) => {
    const searchText = [context, chunk.headingPath, chunk.text].filter(Boolean).join('\n');
    return { ordinal: chunk.ordinal, text: chunk.text, searchText, charStart: chunk.range.start, charEnd: chunk.range.end, contentHash: sha256(searchText) };
  });
}
