import { errorCode, type WalkedFile } from '../importers/walk-source';
import { parseSourceFile, type ParsedSourceFile } from './parse-source-file';
import type { ScannedSource } from './scan-source';

/**
 * Files read ahead of the one being handed out. Reading one file takes four round trips to libuv's thread pool
 * (open, stat, read, close); one at a time, the import spent most of its parsing time waiting on them (measured: 60%
 * of the parse phase idle at 10k notes). With reads in flight they overlap each other and the previous batch's
 * database writes. Bounded in count and bytes, so memory stays at a few files beyond one batch.
 */
const READ_AHEAD = 32;
/** ...and at most this many bytes of them (a folder of 50 MB exports is read one or two at a time). */
const READ_AHEAD_BYTES = 16 * 1024 * 1024;

/**
 * Reads and parses files in order, handing them out in batches of about `notesPerBatch` notes (fewer files when
 * files hold many notes). Stops early, after handing out what it has, once the signal is aborted.
 */
export async function* parseBatches(files: readonly WalkedFile[], source: ScannedSource, notesPerBatch: number, signal?: AbortSignal): AsyncGenerator<ParsedSourceFile[]> {
  const pending: { size: number; parsed: Promise<ParsedSourceFile> }[] = [];
  let next = 0;
  let bytes = 0;
  const fill = (): void => {
    while (next < files.length && !signal?.aborted && (pending.length === 0 || (pending.length < READ_AHEAD && bytes + files[next]!.size <= READ_AHEAD_BYTES))) {
      const file = files[next++]!;
      bytes += file.size;
      pending.push({ size: file.size, parsed: parseSafely(file, source) });
    }
  };
  let batch: ParsedSourceFile[] = [];
  let notes = 0;
  try {
    for (fill(); pending.length > 0 && !signal?.aborted; fill()) {
      const head = pending.shift()!;
      bytes -= head.size;
      const parsed = await head.parsed;
      batch.push(parsed);
      notes += Math.max(1, parsed.notes.length);
      if (notes >= notesPerBatch) {
        fill(); // reads continue while the caller writes this batch
        yield batch;
        batch = [];
        notes = 0;
      }
    }
    if (batch.length) yield batch;
  } finally {
    await Promise.all(pending.map((p) => p.parsed)); // nothing is left reading a file after we return
  }
}

/**
 * parseSourceFile with any unexpected error turned into that file's failure: a read started ahead must never reject
 * unobserved (an unhandled rejection ends the process), and one bad file never ends the import.
 */
async function parseSafely(file: WalkedFile, source: ScannedSource): Promise<ParsedSourceFile> {
  try {
    return await parseSourceFile(file, source.format, !source.isDirectory);
  } catch (error) {
    const reason = `cannot be read (${errorCode(error)})`;
    return { file, notes: [], skipped: [], failed: [{ path: file.absPath, reason }], warnings: [], attachments: 0 };
  }
}
