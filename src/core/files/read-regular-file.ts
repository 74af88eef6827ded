// Opening files whose path came from someone else (a folder being imported, `add --file`) without ever blocking on
// a named pipe or reading a device forever: open without blocking, check what was opened, read at most a limit.
import fs, { constants } from 'node:fs';
import { promisify } from 'node:util';
import { formatBytes } from './format-bytes';

const open = promisify(fs.open);
const fstat = promisify(fs.fstat);
const read = promisify(fs.read);
const close = promisify(fs.close);

/** O_NONBLOCK: opening a FIFO nobody writes returns at once instead of waiting for a writer (0 where it does not exist). */
const NONBLOCK = constants.O_NONBLOCK ?? 0;
/** O_NOFOLLOW: a path that is (now) a symbolic link fails to open instead of being followed (0 where it does not exist). */
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** Why a path cannot be read as a regular file. `kind` is stable; the message says what the thing is. */
export class NotRegularFileError extends Error {
  override readonly name = 'NotRegularFileError';
  constructor(
    readonly kind: 'directory' | 'named pipe' | 'socket' | 'device' | 'other',
    readonly path: string,
  ) {
    super(kind === 'directory' ? 'it is a directory' : `not a regular file (${kind === 'other' ? 'a special file' : `a ${kind}`})`);
  }
}

/** A file over the byte limit the caller set (also when it grew past it while being read). */
export class FileTooLargeError extends Error {
  override readonly name = 'FileTooLargeError';
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`too large (${formatBytes(size)}; the limit is ${formatBytes(limit)})`);
  }
}

/** How to open: the byte limit, and whether a symbolic link at the last path component is refused. */
export interface ReadRegularOptions {
  /** Largest number of bytes read; a longer file fails with FileTooLargeError (nothing past the limit is read). */
  readonly maxBytes: number;
  /** Refuse a path that is a symbolic link (the walk saw a plain file there; a link swapped in later is not followed). */
  readonly noFollow?: boolean;
}

/** What a stat says a path is, in words (null for a regular file). */
export function specialKind(stat: fs.Stats): NotRegularFileError['kind'] | null {
  if (stat.isFile()) return null;
  if (stat.isDirectory()) return 'directory';
  if (stat.isFIFO()) return 'named pipe';
  if (stat.isSocket()) return 'socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'device';
  return 'other';
}

/**
 * Reads a whole regular file, refusing anything else. The path is opened without blocking (a FIFO with no writer
 * would otherwise hang the open), the opened descriptor is checked (so a file swapped for a pipe or device after an
 * earlier stat is still refused), and at most `maxBytes` are read, so /dev/zero or an ever-growing file cannot
 * exhaust memory. Errors from the file system (ENOENT, EACCES, ELOOP for a refused link) pass through.
 */
export async function readRegularFile(path: string, options: ReadRegularOptions): Promise<Buffer> {
  const { fd, size } = await openRegular(path, options.noFollow === true);
  try {
    if (size > options.maxBytes) throw new FileTooLargeError(size, options.maxBytes);
    return await readAll(fd, size, options.maxBytes);
  } finally {
    await close(fd);
  }
}

/** Reads up to `bytes` from the start of a regular file (a sniff of its head); refuses anything else. */
export async function readRegularFileHead(path: string, bytes: number): Promise<Buffer> {
  const { fd } = await openRegular(path, false);
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await read(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await close(fd);
  }
}

/** Opens read-only without blocking and checks that a regular file was opened; the descriptor and size, else an error. */
async function openRegular(path: string, noFollow: boolean): Promise<{ fd: number; size: number }> {
  const fd = await open(path, constants.O_RDONLY | NONBLOCK | (noFollow ? NOFOLLOW : 0));
  try {
    const stat = await fstat(fd);
    const kind = specialKind(stat);
    if (kind) throw new NotRegularFileError(kind, path);
    return { fd, size: stat.size };
  } catch (error) {
    await close(fd);
    throw error;
  }
}

/**
 * Reads the `expected` bytes the file had when opened (one read, as fs.readFile does for a regular file); a file that
 * claims 0 bytes (some virtual files) is read to its end instead. Never more than `maxBytes`.
 */
async function readAll(fd: number, expected: number, maxBytes: number): Promise<Buffer> {
  let buffer = Buffer.allocUnsafe(expected > 0 ? expected : Math.min(64 * 1024, maxBytes + 1));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (expected > 0) return buffer;
      if (length > maxBytes) throw new FileTooLargeError(length, maxBytes);
      const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(larger, 0, 0, length);
      buffer = larger;
    }
    const { bytesRead } = await read(fd, buffer, length, buffer.length - length, null);
    if (bytesRead === 0) return buffer.subarray(0, length);
    length += bytesRead;
  }
}
