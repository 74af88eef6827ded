import type { SerialisedError } from '../core/engine/worker-protocol';
import type { AskEvent } from '../shared/ask-models';
import type { ImportProgress } from '../core/import/import-models';
import type { EmbeddingProgress } from '../shared/models';
import type { SocketMethod } from './memory-socket-methods';

export { isSocketMethod, SOCKET_METHODS, type SocketMethod } from './memory-socket-methods';

/** Methods that change notes: after one succeeds the server announces 'notes-changed'. */
export const NOTE_WRITE_METHODS: ReadonlySet<SocketMethod> = new Set<SocketMethod>(['addNote', 'forgetNote', 'restoreNote', 'runImport']);

/** Methods after which the agents list may have changed (a new agent was seen, or access was set). */
export const AGENT_METHODS: ReadonlySet<SocketMethod> = new Set<SocketMethod>(['agentAccess', 'setAgentAccess', 'setDefaultAgentAccess']);

/** An error as it crosses the socket: its name, code and message, never a stack. */
export type SocketError = Omit<SerialisedError, 'stack'>;

/**
 * Messages from a client: the token first, then calls; `watch-progress` / `watch-import-progress` / `watch-ask-events` ask for
 * progress events (and an answer's streamed pieces); `hold` asks a holder that closes the memory when idle (`engram mcp`) to keep it open while this client is
 * connected (the CLI, for the length of one command).
 */
export type ClientMessage =
  | { readonly type: 'hello'; readonly token: string }
  | { readonly type: 'call'; readonly id: number; readonly method: SocketMethod; readonly args: unknown[] }
  | { readonly type: 'watch-progress' }
  | { readonly type: 'watch-import-progress' }
  | { readonly type: 'watch-ask-events' }
  | { readonly type: 'hold' };

/** Messages from the server. */
export type ServerMessage =
  | { readonly type: 'welcome'; readonly holder: string }
  | { readonly type: 'refused'; readonly error: SocketError }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: SocketError }
  | { readonly type: 'progress'; readonly progress: EmbeddingProgress }
  | { readonly type: 'import-progress'; readonly progress: ImportProgress }
  | { readonly type: 'ask-event'; readonly event: AskEvent };
