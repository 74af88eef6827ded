import type { ChunkRecord } from '../db/repositories/chunks-repository';
import { sha256 } from '../notes/content-hash';
import { chunkMarkdown } from './markdown-chunker';

/** Characters of the title repeated before each chunk for keyword search and embedding. */
const TITLE_CONTEXT = 200;

/**
 * A note's chunks as stored: markdown chunks sized so title + headings + text fit `maxInputChars`, each with the
 * search text the embedder and BM25 see and its hash (the same hash means the same vector).
 */
export function chunkRecords(title: string, body: string, maxInputChars: number): ChunkRecord[] {
  const context = title.slice(0, TITLE_CONTEXT);
  return chunkMarkdown(body, Math.max(200, maxInputChars - context.length - 50)).map((chunk) => {
    const searchText = [context, chunk.headingPath, chunk.text].filter(Boolean).join('\n');
    return { ordinal: chunk.ordinal, text: chunk.text, searchText, charStart: chunk.range.start, charEnd: chunk.range.end, contentHash: sha256(searchText) };
  });
}
