import { EngramError, type EngramErrorCode } from '../errors';
import type { SerialisedError } from './worker-protocol';

/** Rebuilds an error that crossed a worker or socket boundary; EngramErrors keep their code. */
export function reviveError(error: SerialisedError): Error {
  if (error.name === 'EngramError' && error.code) return new EngramError(error.code as EngramErrorCode, error.message);
  const revived = new Error(error.message);
  revived.name = error.name;
  if (error.stack) revived.stack = error.stack;
  return revived;
}

/** An answer to a call, as both transports deliver it. */
export type CallAnswer =
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: SerialisedError };

/** Calls sent across a boundary and not answered yet, matched to their answers by id. */
export class PendingCalls {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  /** Registers a call: `send` gets its id, and the promise settles with the answer. */
  start(send: (id: number) => void): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      send(id);
    });
  }

  /** Settles the call an answer belongs to. */
  settle(answer: CallAnswer): void {
    const waiter = this.waiting.get(answer.id);
    this.waiting.delete(answer.id);
    if (answer.type === 'result') waiter?.resolve(answer.value);
    else waiter?.reject(reviveError(answer.error));
  }

  /** Rejects every call still waiting (the other side went away). */
  failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
