import type { WalkedFile } from '../importers/walk-source';
import { parseSourceFile, type ParsedSourceFile } from './parse-source-file';
import type { ScannedSource } from './scan-source';

/**
 * Reads and parses files in order, handing them out in batches of about `notesPerBatch` notes (fewer files when
 * files hold many notes). Stops early, after handing out what it has, once the signal is aborted.
 */
export async function* parseBatches(files: readonly WalkedFile[], source: ScannedSource, notesPerBatch: number, signal?: AbortSignal): AsyncGenerator<ParsedSourceFile[]> {
  let batch: ParsedSourceFile[] = [];
  let notes = 0;
  for (const file of files) {
    if (signal?.aborted) break;
    const parsed = await parseSourceFile(file, source.format, !source.isDirectory);
    batch.push(parsed);
    notes += Math.max(1, parsed.notes.length);
    if (notes >= notesPerBatch) {
      yield batch;
      batch = [];
      notes = 0;
    }
  }
  if (batch.length) yield batch;
}
