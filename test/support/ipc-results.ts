// Reading IPC answers in tests: the value of a success, and the error the core itself raises for a call.
import { isEngramError } from '../../src/core/errors';
import type { IpcError } from '../../src/shared/ipc-contract';

/** The value of a successful answer; fails the test with the error otherwise. */
export function valueOf<T>(result: { ok: true; value: T } | { ok: false; error: IpcError }): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** The code and message the core itself raises for a call, to compare with what crosses IPC. */
export async function coreError(call: () => Promise<unknown>): Promise<IpcError> {
  try {
    await call();
  } catch (error) {
    if (isEngramError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the core to refuse the call');
}
