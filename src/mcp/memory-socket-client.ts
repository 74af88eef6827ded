import net from 'node:net';
import { PendingCalls, reviveError } from '../core/engine/pending-calls';
import { EngramError } from '../core/errors';
import type { ImportProgress } from '../core/import/import-models';
import type { AskEvent } from '../shared/ask-models';
import type { EmbeddingProgress } from '../shared/models';
import type { SocketMemoryApi } from './memory-socket-methods';
import { memorySocketPath } from './memory-socket-path';
import { SOCKET_METHODS, type ClientMessage, type ServerMessage, type SocketMethod } from './memory-socket-protocol';
import { readMemoryToken } from './memory-token';
import { readMessages, writeMessage } from './ndjson';

/** How long connecting (and the token exchange) may take. */
const CONNECT_TIMEOUT_MS = 5000;

/** The memory over the socket (the methods it serves); `closed` tells whether the connection is gone (the app quit). */
export interface MemorySocketApi extends SocketMemoryApi {
  readonly closed: boolean;
  /** Who serves the memory ("the Engram app", or another `engram mcp`). */
  readonly holder: string;
  /** Asks a holder that closes the memory when idle (`engram mcp`) to keep it open while this client is connected. */
  hold(): void;
}

/** Options of a socket client. */
export interface MemorySocketClientOptions {
  readonly dataDir: string;
  /** Overrides the socket path (tests). */
  readonly socketPath?: string;
  /** Overrides the token read from the data directory (tests). */
  readonly token?: string;
}

/**
 * Connects to the app's memory socket and presents the token. Resolves with an EngramApi whose calls travel
 * over the socket (errors keep their EngramError codes), or null when nobody is listening or there is no token.
 * close() only disconnects: the app's memory stays open.
 */
export function connectMemorySocket(options: MemorySocketClientOptions): Promise<MemorySocketApi | null> {
  const token = options.token ?? readMemoryToken(options.dataDir);
  if (!token) return Promise.resolve(null);
  const socket = net.connect(options.socketPath ?? memorySocketPath(options.dataDir));
  const pending = new PendingCalls();
  const listeners = new Set<(progress: EmbeddingProgress) => void>();
  const importListeners = new Set<(progress: ImportProgress) => void>();
  const askListeners = new Set<(event: AskEvent) => void>();
  let closed = false;
  let holder = 'the Engram app';
  let gone: Error = new EngramError('CLOSED', 'The connection to the Engram app was closed.');

  const send = (message: ClientMessage): void => writeMessage(socket, message);
  const call = (method: SocketMethod, args: unknown[]): Promise<unknown> => {
    if (closed) return Promise.reject(gone);
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop(); // JSON would turn them into null
    return pending.start((id) => send({ type: 'call', id, method, args }));
  };
  const forwarded = Object.fromEntries(Object.keys(SOCKET_METHODS).map((method) => [method, (...args: unknown[]) => call(method as SocketMethod, args)]));
  const api: MemorySocketApi = {
    ...(forwarded as Omit<SocketMemoryApi, 'onProgress' | 'onImportProgress' | 'onAskEvent' | 'close'>),
    onAskEvent: (listener) => {
      if (askListeners.size === 0) send({ type: 'watch-ask-events' });
      askListeners.add(listener);
      return () => askListeners.delete(listener);
    },
    onImportProgress: (listener) => {
      if (importListeners.size === 0) send({ type: 'watch-import-progress' });
      importListeners.add(listener);
      return () => importListeners.delete(listener);
    },
    hold: () => send({ type: 'hold' }),
    get closed() {
      return closed;
    },
    get holder() {
      return holder;
    },
    onProgress: (listener) => {
      if (listeners.size === 0) send({ type: 'watch-progress' });
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      if (closed) return;
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.end();
      });
    },
  };

  return new Promise((resolveConnect, rejectConnect) => {
    let welcomed = false;
    const timer = setTimeout(() => {
      socket.destroy();
      resolveConnect(null);
    }, CONNECT_TIMEOUT_MS);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      gone = new EngramError('CLOSED', `The connection to the Engram app failed (${error.code ?? error.message}).`);
      socket.destroy();
    });
    socket.on('close', () => {
      closed = true;
      clearTimeout(timer);
      pending.failAll(gone);
      if (!welcomed) resolveConnect(null); // nobody listening (a stale socket file) or the server went away
    });
    socket.on('connect', () => send({ type: 'hello', token }));
    readMessages(
      socket,
      (raw) => {
        const message = raw as ServerMessage;
        switch (message?.type) {
          case 'welcome':
            welcomed = true;
            if (typeof message.holder === 'string') holder = message.holder;
            clearTimeout(timer);
            resolveConnect(api);
            break;
          case 'refused':
            clearTimeout(timer);
            rejectConnect(reviveError(message.error));
            socket.destroy();
            break;
          case 'progress':
            for (const listener of listeners) listener(message.progress);
            break;
          case 'import-progress':
            for (const listener of importListeners) listener(message.progress);
            break;
          case 'ask-event':
            for (const listener of askListeners) listener(message.event);
            break;
          case 'result':
          case 'error':
            pending.settle(message);
        }
      },
      () => socket.destroy(),
    );
  });
}
