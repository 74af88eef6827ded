import { chunkMarkdown } from '../chunking/markdown-chunker';
import type { BulkChunkRecord } from '../db/repositories/import-notes-repository';
import { sha256 } from '../notes/content-hash';

/**
 * A new note's chunks exactly as NotesService stores them (same chunker, size, search text and hash; test/import
 * checks both agree), for the import's bulk insert. `maxChars` is the smallest input limit of the receiving spaces.
 */
export function noteChunks(noteId: number, title: string, body: string, maxChars: number): BulkChunkRecord[] {
  const context = title.slice(0, 200);
  return chunkMarkdown(body, Math.max(200, maxChars - context.length - 50)).map((chunk) => {
    const searchText = [context, chunk.headingPath, chunk.text].filter(Boolean).join('\n');
    return { noteId, ordinal: chunk.ordinal, text: chunk.text, searchText, charStart: chunk.range.start, charEnd: chunk.range.end, contentHash: sha256(searchText) };
  });
}
