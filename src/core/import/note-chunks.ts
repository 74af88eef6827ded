import { chunkRecords } from '../chunking/chunk-records';
import type { MarkdownBlock } from '../chunking/markdown-blocks';
import type { BulkChunkRecord } from '../db/repositories/import-notes-repository';

/**
 * A new note's chunks exactly as NotesService stores them (the same chunkRecords), for the import's bulk insert.
 * `maxChars` is the smallest input limit of the receiving spaces; `blocks`, the body's blocks when the importer
 * already parsed it.
 */
export function noteChunks(noteId: number, title: string, body: string, maxChars: number, blocks?: readonly MarkdownBlock[]): BulkChunkRecord[] {
  return chunkRecords(title, body, maxChars, blocks).map((record) => ({ ...record, noteId }));
}
