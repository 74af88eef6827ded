// Errors the CLI raises itself for bad input, and the mapping from any error to an exit code and stderr text.
import { CommanderError } from 'commander';
import { isEngramError } from '../core/errors';

/** A mistake in how the CLI was called (bad ID, unreadable --file, empty note): exit 1, one line, no stack. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/**
 * Ends a command with a given exit code (e.g. 130 after Ctrl-C paused a re-embed). The message, when there is one,
 * is printed as one `engram: ...` line; an empty message prints nothing (the command has said what happened).
 */
export class CliExit extends Error {
  override readonly name = 'CliExit';
  constructor(
    readonly exitCode: number,
    message = '',
  ) {
    super(message);
  }
}

/** Exit code for success. */
export const EXIT_OK = 0;
/** Exit code for errors the user can fix: bad arguments, unknown IDs, a locked data directory. */
export const EXIT_USER_ERROR = 1;
/** Exit code for bugs and unexpected failures. */
export const EXIT_INTERNAL_ERROR = 2;

/** True when the error is the user's to fix (exit 1) rather than a bug (exit 2). */
export function isUserError(error: unknown): boolean {
  return error instanceof CliUsageError || error instanceof CommanderError || isEngramError(error);
}

/** Folds a message onto one line, so user errors always print as exactly one line. */
export function oneLine(message: string): string {
  return message.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/** Writes the error to stderr (one line for user errors; message and stack for internal ones); returns the exit code. */
export function reportError(error: unknown, writeErr: (text: string) => void): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its own one-line message (or the help text) by the time this runs.
    return error.exitCode === 0 ? EXIT_OK : EXIT_USER_ERROR;
  }
  if (error instanceof CliExit) {
    if (error.message) writeErr(`engram: ${oneLine(error.message)}\n`);
    return error.exitCode;
  }
  if (isUserError(error)) {
    writeErr(`engram: ${oneLine((error as Error).message)}\n`);
    return EXIT_USER_ERROR;
  }
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  const message = error instanceof Error ? error.message : String(error);
  writeErr(`engram: internal error: ${oneLine(message)}\n${detail}\n`);
  return EXIT_INTERNAL_ERROR;
}
