import { FileTooLargeError, NotRegularFileError, readRegularFile } from '../files/read-regular-file';
import { ImportFileError, type ParseContext } from '../importers/import-types';
import { routeFile, type SourceFormat } from '../importers/source-format';
import { errorCode, type WalkedFile } from '../importers/walk-source';
import { foldProblems } from './fold-problems';
import type { ReportProblem } from './import-models';
import { isPrepared, prepareNote, type PreparedNote } from './prepared-note';

/** A source file read and parsed: its notes ready to store, and what was skipped or failed in it. */
export interface ParsedSourceFile {
  readonly file: WalkedFile;
  readonly notes: readonly PreparedNote[];
  readonly skipped: readonly ReportProblem[];
  readonly failed: readonly ReportProblem[];
  /** Notes that were read, with something the person should know (a front-matter block kept as text ...). */
  readonly warnings: readonly ReportProblem[];
  readonly attachments: number;
}

/** How a source's files are read: its format, whether it is one file given by name, and the size limit of a file. */
export interface SourceReading {
  readonly format: SourceFormat;
  readonly singleFile: boolean;
  readonly maxFileBytes: number;
}

/**
 * Reads one file and runs its importer. Nothing here throws for a bad file: unreadable, binary, invalid UTF-8 or
 * malformed files come back as failures with their reason, so the rest of the import goes on.
 */
export async function parseSourceFile(file: WalkedFile, reading: SourceReading, context: ParseContext = {}): Promise<ParsedSourceFile> {
  const empty = { file, notes: [], skipped: [], failed: [], warnings: [], attachments: 0 };
  const route = await routeFile(file, reading.format, reading.singleFile);
  if ('skip' in route) return { ...empty, skipped: [{ path: file.absPath, reason: route.skip }], attachments: route.attachment ? 1 : 0 };
  let bytes: Buffer;
  try {
    // the walk saw a plain file (or a link it checked) here: never follow a link swapped in since, never block on a pipe
    bytes = await readRegularFile(file.absPath, { maxBytes: reading.maxFileBytes, noFollow: !file.link });
  } catch (error) {
    return { ...empty, failed: [{ path: file.absPath, reason: readProblem(error) }] };
  }
  try {
    const parsed = await route.importer.parse({ absPath: file.absPath, relPath: file.relPath, bytes, mtime: file.mtime }, context);
    const notes: PreparedNote[] = [];
    const skipped: ReportProblem[] = [];
    const failed: ReportProblem[] = [...parsed.failures];
    const warnings: ReportProblem[] = [...(parsed.warnings ?? [])];
    for (const note of parsed.notes) {
      const prepared = prepareNote(note);
      if (isPrepared(prepared)) notes.push(prepared);
      else (prepared.skip ? skipped : failed).push({ path: note.source.path, reason: prepared.problem });
      for (const reason of note.warnings ?? []) warnings.push({ path: note.source.path, reason });
    }
    const where = file.absPath;
    return { file, notes, skipped: foldProblems(where, skipped), failed: foldProblems(where, failed), warnings: foldProblems(where, warnings), attachments: parsed.attachments };
  } catch (error) {
    if (context.signal?.aborted) throw error; // a cancelled parse is not the file's failure: it is read again on resume
    const reason = error instanceof ImportFileError ? error.message : `could not be parsed (${error instanceof Error ? error.message : String(error)})`;
    return { ...empty, failed: [{ path: file.absPath, reason }] };
  }
}

/** Why a listed file could not be read now (it changed since the walk: replaced by a pipe or a link, grew, vanished). */
function readProblem(error: unknown): string {
  if (error instanceof NotRegularFileError || error instanceof FileTooLargeError) return error.message;
  if (errorCode(error) === 'ELOOP') return 'it became a symbolic link after the folder was listed; not followed';
  return `cannot be read (${errorCode(error)})`;
}
