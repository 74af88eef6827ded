import { CALL_METHOD_SET, type CallMethod, type SerialisedError } from '../core/engine/worker-protocol';
import type { EmbeddingProgress } from '../shared/models';

/** EngramApi methods a socket client may call (never close: the app's engine stays open when a client leaves). */
export type SocketMethod = CallMethod;

/** Every callable method: the same list as the worker transport's. */
export const SOCKET_METHOD_SET = CALL_METHOD_SET;

/** True for a method name a client may call. */
export function isSocketMethod(value: unknown): value is SocketMethod {
  return typeof value === 'string' && Object.hasOwn(SOCKET_METHOD_SET, value);
}

/** Methods that change notes: after one succeeds the server announces 'notes-changed'. */
export const NOTE_WRITE_METHODS: ReadonlySet<SocketMethod> = new Set<SocketMethod>(['addNote', 'updateNote', 'forgetNote', 'restoreNote', 'purgeNote']);

/** Messages from a client: the token first, then calls; `watch-progress` asks for embedding progress events. */
export type ClientMessage =
  | { readonly type: 'hello'; readonly token: string }
  | { readonly type: 'call'; readonly id: number; readonly method: SocketMethod; readonly args: unknown[] }
  | { readonly type: 'watch-progress' };

/** Messages from the server. */
export type ServerMessage =
  | { readonly type: 'welcome'; readonly holder: string }
  | { readonly type: 'refused'; readonly error: SerialisedError }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: SerialisedError }
  | { readonly type: 'progress'; readonly progress: EmbeddingProgress };
