// Calls window.api and unwraps its IpcResult: a value, or a thrown AppError with the code and readable message.
import type { IpcError, IpcErrorCode, IpcResult } from '../../../shared/ipc-contract';

/** An error the main process reported, with its stable code. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Awaits an api call and returns its value, throwing AppError on a reported error. */
export async function unwrap<T>(call: Promise<IpcResult<T>>): Promise<T> {
  let result: IpcResult<T>;
  try {
    result = await call;
  } catch (error) {
    throw new AppError('INTERNAL', error instanceof Error ? error.message : String(error));
  }
  if (result.ok) return result.value;
  throw new AppError(result.error.code, result.error.message);
}

/** The message to show for anything a store caught. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The api object (a function, so tests can swap window.api before the first call). */
export function api(): Window['api'] {
  return window.api;
}

export type { IpcError };
