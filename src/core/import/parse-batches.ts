import type { ParseContext } from '../importers/import-types';
import { errorCode, type WalkedFile } from '../importers/walk-source';
import { parseSourceFile, type ParsedSourceFile, type SourceReading } from './parse-source-file';
import type { ScannedSource } from './scan-source';

/** Progress inside one file (a PDF's pages): which file, how far. */
export interface FileProgress {
  readonly path: string;
  readonly done: number;
  readonly total: number;
}

/** Cancellation, and progress within long files. */
export interface ParseBatchOptions {
  readonly signal?: AbortSignal;
  readonly onFileProgress?: (progress: FileProgress) => void;
}

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
 * files hold many notes). Stops early, after handing out what it has, once the signal is aborted; a file whose parse
 * the abort interrupted is not handed out (it was not read to the end, so a resumed import reads it again).
 */
export async function* parseBatches(files: readonly WalkedFile[], source: ScannedSource, notesPerBatch: number, options: ParseBatchOptions = {}): AsyncGenerator<ParsedSourceFile[]> {
  const { signal, onFileProgress } = options;
  const reading: SourceReading = { format: source.format, singleFile: !source.isDirectory, maxFileBytes: source.maxFileBytes };
  const pending: { size: number; parsed: Promise<ParsedSourceFile | null> }[] = [];
  let next = 0;
  let bytes = 0;
  const fill = (): void => {
    while (next < files.length && !signal?.aborted && (pending.length === 0 || (pending.length < READ_AHEAD && bytes + files[next]!.size <= READ_AHEAD_BYTES))) {
      const file = files[next++]!;
      bytes += file.size;
      const onProgress = onFileProgress && ((done: number, total: number) => onFileProgress({ path: file.absPath, done, total }));
      pending.push({ size: file.size, parsed: parseSafely(file, reading, { signal, onProgress }) });
    }
  };
  let batch: ParsedSourceFile[] = [];
  let notes = 0;
  try {
    for (fill(); pending.length > 0 && !signal?.aborted; fill()) {
      const head = pending.shift()!;
      bytes -= head.size;
      const parsed = await head.parsed;
      if (parsed === null) break; // cancelled in the middle of this file
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
async function parseSafely(file: WalkedFile, reading: SourceReading, context: ParseContext): Promise<ParsedSourceFile | null> {
  try {
    return await parseSourceFile(file, reading, context);
  } catch (error) {
    if (context.signal?.aborted) return null;
    const reason = `cannot be read (${errorCode(error)})`;
    return { file, notes: [], skipped: [], failed: [{ path: file.absPath, reason }], warnings: [], attachments: 0 };
  }
}
