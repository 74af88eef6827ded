import { chunkRecords } from '../chunking/chunk-records';
import type { BulkChunkRecord } from '../db/repositories/import-notes-repository';

/**
 * A new note's chunks exactly as NotesService stores them (the same chunkRecords), for the import's bulk insert.
 * `maxChars` is the smallest input limit of the receiving spaces.
 */
export function noteChunks(noteId: number, title: string, body: string, maxChars: number): BulkChunkRecord[] {
  return chunkRecords(title, body, maxChars).map((record) => ({ ...record, noteId }));
}
