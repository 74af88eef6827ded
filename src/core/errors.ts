// Errors the core raises on purpose. Each carries a stable code and a message that says what was wrong and what to do.

/** Stable machine-readable codes for errors a user can act on. */
export type EngramErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'DATA_DIR_LOCKED'
  | 'SCHEMA_TOO_NEW'
  | 'DUPLICATE_CONTENT'
  | 'EMBEDDING_UNAVAILABLE'
  | 'CLOSED'
  | 'CANCELLED'
  | 'FILE_CONFLICT'
  | 'DISK_FULL'
  | 'NOT_ENOUGH_SPACE'
  | 'DATABASE_DAMAGED'
  | 'DATA_DIR_UNUSABLE';

/** An error caused by input or environment the user can fix; CLIs exit 1 on it, the app shows its message. */
export class EngramError extends Error {
  override readonly name = 'EngramError';
  constructor(
    readonly code: EngramErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True for errors meant for the user (as opposed to bugs), including ones rebuilt after crossing a worker boundary. */
export function isEngramError(error: unknown): error is EngramError {
  return error instanceof Error && error.name === 'EngramError' && typeof (error as EngramError).code === 'string';
}

/** Raised by embedding providers; `retryable` says whether the queue should try again later. */
export class EmbeddingError extends Error {
  override readonly name = 'EmbeddingError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
