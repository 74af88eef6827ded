import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import type { EngramApi } from '../core/engine/engram-api';
import { EngramError } from '../core/errors';
import { memorySocketPath } from './memory-socket-path';
import { AGENT_METHODS, isSocketMethod, NOTE_WRITE_METHODS, type ClientMessage, type ServerMessage, type SocketMethod } from './memory-socket-protocol';
import { socketError } from './socket-error';
import { createMemoryToken, tokenMatches } from './memory-token';
import { MAX_MESSAGE_CHARS, readMessages, writeMessage } from './ndjson';

/** How long a new connection has to present the token. */
const HELLO_TIMEOUT_MS = 5000;
/** Longest message before the token was accepted (a hello is under 100 characters). */
const MAX_HELLO_CHARS = 4096;

/** What changed after a client's write: the method and the note it touched. */
export interface NotesChangedEvent {
  readonly method: SocketMethod;
  readonly noteId: number | null;
}

/** Options of the memory socket server. */
export interface MemorySocketServerOptions {
  readonly dataDir: string;
  /** The memory to serve (the app passes its worker-hosted engine); only SOCKET_METHODS are called on it. */
  readonly api: EngramApi;
  /** Where internal errors are logged before a client gets only their message (default console.error). */
  readonly log?: (message: string, error: unknown) => void;
  /** Who serves the memory, told to clients (default "the Engram app"). */
  readonly holder?: string;
  /** Overrides the socket path (tests). */
  readonly socketPath?: string;
}

/** Events of the memory socket server. */
interface MemorySocketEvents {
  /** A client changed notes. */
  'notes-changed': [NotesChangedEvent];
  /** A client asked for an agent's access (an agent may be new) or changed access: the agents list may differ. */
  'agents-changed': [];
  /** The number of calls in flight, or of clients holding the memory open, changed. */
  calls: [number];
}

/**
 * Serves the memory to other processes of the same user (`engram mcp`, the CLI) over a Unix socket (mode 0600) or
 * a Windows named pipe, as newline-delimited JSON. A client must first present the token from the data directory's
 * `mcp-token` file (rewritten, mode 0600, at every start). Only SOCKET_METHODS are served, and errors cross without
 * stacks. Emits 'notes-changed' (NotesChangedEvent) after a client's write, 'agents-changed' after a call that may
 * change the agents list, and 'calls' whenever the calls in flight or the holding clients change.
 */
export class MemorySocketServer extends EventEmitter<MemorySocketEvents> {
  private readonly connections = new Set<net.Socket>();
  private readonly holding = new Set<net.Socket>();
  private inFlight = 0;

  private constructor(
    private readonly server: net.Server,
    private readonly api: EngramApi,
    private readonly token: string,
    private readonly holder: string,
    private readonly log: (message: string, error: unknown) => void,
    /** Where clients connect. */
    readonly socketPath: string,
  ) {
    super();
  }

  /** Writes a new token and starts listening; resolves once clients can connect. */
  static async start(options: MemorySocketServerOptions): Promise<MemorySocketServer> {
    const socketPath = options.socketPath ?? memorySocketPath(options.dataDir);
    const token = createMemoryToken(options.dataDir);
    if (process.platform !== 'win32') fs.rmSync(socketPath, { force: true }); // a previous run's socket; we hold the lock
    const server = net.createServer();
    const log = options.log ?? ((message: string, error: unknown) => console.error(message, error));
    const instance = new MemorySocketServer(server, options.api, token, options.holder ?? 'the Engram app', log, socketPath);
    server.on('connection', (socket) => instance.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    if (process.platform !== 'win32') fs.chmodSync(socketPath, 0o600);
    return instance;
  }

  /** Calls from clients still running. */
  get callsInFlight(): number {
    return this.inFlight;
  }

  /** Connected clients that asked to keep the memory open (a CLI command in progress). */
  get clientsHolding(): number {
    return this.holding.size;
  }

  /** Stops listening, drops every client, and removes the socket file. */
  async close(): Promise<void> {
    for (const socket of this.connections) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (process.platform !== 'win32') fs.rmSync(this.socketPath, { force: true });
  }

  private accept(socket: net.Socket): void {
    this.connections.add(socket);
    let authenticated = false;
    let unwatch: (() => void) | null = null;
    let unwatchImports: (() => void) | null = null;
    let unwatchAsk: (() => void) | null = null;
    const send = (message: ServerMessage): void => writeMessage(socket, message);
    const refuse = (message: string): void => {
      send({ type: 'refused', error: socketError(new EngramError('INVALID_INPUT', message), this.log) });
      socket.end();
    };
    const helloTimer = setTimeout(() => refuse('No token was presented in time.'), HELLO_TIMEOUT_MS);
    socket.on('close', () => {
      clearTimeout(helloTimer);
      unwatch?.();
      unwatchImports?.();
      unwatchAsk?.();
      this.connections.delete(socket);
      if (this.holding.delete(socket)) this.emit('calls', this.inFlight);
    });
    socket.on('error', () => socket.destroy());
    readMessages(
      socket,
      (raw) => {
        const message = raw as ClientMessage;
        if (!authenticated) {
          clearTimeout(helloTimer);
          if (message?.type !== 'hello' || !tokenMatches(message.token, this.token)) return refuse('The memory token does not match; this client may not use the memory.');
          authenticated = true;
          send({ type: 'welcome', holder: this.holder });
        } else if (message?.type === 'watch-progress') {
          unwatch ??= this.api.onProgress((progress) => send({ type: 'progress', progress }));
        } else if (message?.type === 'watch-import-progress') {
          unwatchImports ??= this.api.onImportProgress((progress) => send({ type: 'import-progress', progress }));
        } else if (message?.type === 'watch-ask-events') {
          unwatchAsk ??= this.api.onAskEvent((event) => send({ type: 'ask-event', event }));
        } else if (message?.type === 'hold') {
          this.holding.add(socket);
          this.emit('calls', this.inFlight);
        } else if (message?.type === 'call') {
          void this.call(message, send);
        }
      },
      (reason) => refuse(`The memory socket closed the connection: ${reason}.`),
      () => (authenticated ? MAX_MESSAGE_CHARS : MAX_HELLO_CHARS),
    );
  }

  private async call(message: Extract<ClientMessage, { type: 'call' }>, send: (message: ServerMessage) => void): Promise<void> {
    const { id, method } = message;
    if (!isSocketMethod(method)) {
      const refusal = new EngramError('INVALID_INPUT', `"${String(method)}" is not served on the memory socket; only what engram mcp and the engram CLI use is.`);
      send({ type: 'error', id, error: socketError(refusal, this.log) });
      return;
    }
    if (!Array.isArray(message.args)) {
      send({ type: 'error', id, error: socketError(new EngramError('INVALID_INPUT', `The arguments of "${method}" must be a list.`), this.log) });
      return;
    }
    this.track(+1);
    try {
      const fn = this.api[method] as (...args: unknown[]) => Promise<unknown>;
      const value = await fn.apply(this.api, message.args);
      send({ type: 'result', id, value: value ?? null });
      if (NOTE_WRITE_METHODS.has(method)) this.emit('notes-changed', { method, noteId: noteIdOf(value, message.args) });
      if (AGENT_METHODS.has(method)) this.emit('agents-changed');
    } catch (error) {
      send({ type: 'error', id, error: socketError(error, this.log) });
    } finally {
      this.track(-1);
    }
  }

  private track(delta: number): void {
    this.inFlight += delta;
    this.emit('calls', this.inFlight);
  }
}

/** The note a write touched: from the returned note (or add result), else the id argument. */
function noteIdOf(value: unknown, args: unknown[]): number | null {
  const v = value as { id?: unknown; note?: { id?: unknown } } | null;
  const id = v?.note?.id ?? v?.id ?? args[0];
  return typeof id === 'number' ? id : null;
}
