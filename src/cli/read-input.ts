// Reading note text from stdin or a file, with user-facing errors for the ways that goes wrong.
import path from 'node:path';
import { FileTooLargeError, NotRegularFileError, readRegularFile } from '../core/files/read-regular-file';
import { formatBytes } from '../core/files/format-bytes';
import { decodeText, type DecodedText } from '../core/importers/decode-text';
import { ImportFileError } from '../core/importers/import-types';
import { MAX_NOTE_BYTES, requireNoteSize } from '../core/notes/note-input';
import { CliUsageError } from './cli-error';

/** A readable byte/text stream as the CLI uses it (process.stdin, or a test double). */
export interface InputSource extends AsyncIterable<Buffer | string> {
  readonly isTTY?: boolean;
}

/**
 * Bytes read at most from a file or stdin for one note: a note's limit in UTF-8, twice over for UTF-16 (two bytes a
 * character), plus a byte-order mark. Reading stops there, so `/dev/zero` or an endless pipe cannot fill memory.
 */
const MAX_INPUT_BYTES = 2 * MAX_NOTE_BYTES + 4;

/** Text read for a note, and what the person should know about how it was read (invalid bytes replaced ...). */
export type InputText = DecodedText;

/** Reads all of stdin (at most a note's worth); refuses to wait on an interactive terminal, where nothing was piped in. */
export async function readStdin(stdin: InputSource): Promise<InputText> {
  if (stdin.isTTY) {
    throw new CliUsageError('Nothing to add: pass the text as an argument, use --file PATH, or pipe text on stdin.');
  }
  const parts: Buffer[] = [];
  let bytes = 0;
  for await (const part of stdin) {
    const buffer = typeof part === 'string' ? Buffer.from(part) : part;
    parts.push(buffer);
    bytes += buffer.length;
    // leaving the loop closes stdin: nothing more is read from an endless source
    if (bytes > MAX_INPUT_BYTES) throw new CliUsageError(`stdin holds more than ${formatBytes(MAX_INPUT_BYTES)}; a note can hold at most ${formatBytes(MAX_NOTE_BYTES)} of text. Split it into several notes.`);
  }
  return noteText(Buffer.concat(parts), 'stdin');
}

/** A note read from a file: its absolute path, its text, and warnings about how it was read. */
export interface FileInput extends InputText {
  readonly absPath: string;
}

/**
 * Reads a text file for `add --file`. Only a regular file is read: a directory, named pipe, socket or device is
 * refused before anything is read (a FIFO is never waited on), and so is a file larger than a note can be.
 */
export async function readNoteFile(filePath: string, cwd: string = process.cwd()): Promise<FileInput> {
  const absPath = path.resolve(cwd, filePath);
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(absPath, { maxBytes: MAX_INPUT_BYTES });
  } catch (error) {
    throw new CliUsageError(`Cannot read --file ${absPath}: ${whyUnreadable(error)}.`);
  }
  return { absPath, ...noteText(bytes, absPath) };
}

/** Decodes the bytes (byte-order marks, invalid bytes replaced with a warning) and checks the note size limit. */
function noteText(bytes: Buffer, origin: string): InputText {
  let decoded: DecodedText;
  try {
    decoded = decodeText(bytes);
  } catch (error) {
    if (error instanceof ImportFileError) throw new CliUsageError(`Cannot add ${origin}: ${error.message}.`);
    throw error;
  }
  requireNoteSize(decoded.text, origin === 'stdin' ? 'The text on stdin' : origin);
  return decoded;
}

function whyUnreadable(error: unknown): string {
  if (error instanceof NotRegularFileError) return error.kind === 'directory' ? 'it is a directory' : `it is a ${error.kind}, not a regular file`;
  if (error instanceof FileTooLargeError) return `it is ${formatBytes(error.size)}; a note can hold at most ${formatBytes(MAX_NOTE_BYTES)} of text`;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (error as Error).message ?? String(error);
}
