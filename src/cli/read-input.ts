// Reading note text from stdin or a file, with user-facing errors for the ways that goes wrong.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CliUsageError } from './cli-error';

/** A readable byte/text stream as the CLI uses it (process.stdin, or a test double). */
export interface InputSource extends AsyncIterable<Buffer | string> {
  readonly isTTY?: boolean;
}

/** Reads all of stdin as UTF-8; refuses to wait on an interactive terminal, where nothing was piped in. */
export async function readStdin(stdin: InputSource): Promise<string> {
  if (stdin.isTTY) {
    throw new CliUsageError('Nothing to add: pass the text as an argument, use --file PATH, or pipe text on stdin.');
  }
  const parts: Buffer[] = [];
  for await (const part of stdin) parts.push(typeof part === 'string' ? Buffer.from(part) : part);
  return decodeText(Buffer.concat(parts), 'stdin');
}

/** A note read from a file: its absolute path and UTF-8 text. */
export interface FileInput {
  readonly absPath: string;
  readonly text: string;
}

/** Reads a text file for `add --file`; unreadable, directory or binary files are user errors. */
export async function readNoteFile(filePath: string, cwd: string = process.cwd()): Promise<FileInput> {
  const absPath = path.resolve(cwd, filePath);
  let bytes: Buffer;
  try {
    bytes = await readFile(absPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : ((error as Error).message ?? String(error));
    throw new CliUsageError(`Cannot read --file ${absPath}: ${why}.`);
  }
  return { absPath, text: decodeText(bytes, absPath) };
}

/** Decodes UTF-8 (dropping a byte-order mark); text containing NUL bytes is treated as binary and refused. */
function decodeText(bytes: Buffer, origin: string): string {
  if (bytes.includes(0)) throw new CliUsageError(`${origin} looks like a binary file; Engram stores text notes.`);
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
