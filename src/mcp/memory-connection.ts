import type { EngramApi } from '../core/engine/engram-api';
import { isEngramError } from '../core/errors';
import type { MemorySocketApi } from './memory-socket-client';
import type { SocketMemoryApi } from './memory-socket-methods';
import type { MemorySocketServer } from './memory-socket-server';

/** Where the memory currently lives for this process: another process (the app) serves it, or it is open here. */
export type MemoryMode = 'remote' | 'local' | 'none';

/** What a memory connection needs: ways to reach the memory, and how patient to be. */
export interface MemoryConnectionDeps {
  /** Connects to the process that holds the memory (the app), or null when nobody serves it. */
  readonly connect: () => Promise<MemorySocketApi | null>;
  /** Opens the memory in this process (takes the data-directory lock; DATA_DIR_LOCKED when someone holds it). */
  readonly openLocal: () => Promise<EngramApi>;
  /** Serves a locally opened memory to other `engram mcp` processes (optional). */
  readonly serve?: (api: EngramApi) => Promise<MemorySocketServer>;
  /** A locally opened memory is closed (releasing the lock, so the app can start) after this much idle time. */
  readonly idleCloseMs: number;
  /** How long to keep trying while another process holds the lock without serving it. */
  readonly lockWaitMs: number;
}

/** How often to look again while the lock is held by someone not serving the memory. */
const RETRY_MS = 250;

/**
 * Reaches the memory for `engram mcp`: through the running app's socket when there is one, else by opening it in
 * this process. A memory opened here is also served on the socket (so several agent hosts share it) and closed
 * after an idle period, releasing the lock so the app can start; the next call finds the app or opens it again.
 */
export class MemoryConnection {
  private remote: MemorySocketApi | null = null;
  private local: { api: EngramApi; server: MemorySocketServer | null } | null = null;
  private reaching: Promise<SocketMemoryApi> | null = null;
  private busy = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private closing: Promise<void> | null = null;

  constructor(private readonly deps: MemoryConnectionDeps) {}

  /** Where calls go right now. */
  get mode(): MemoryMode {
    if (this.local) return 'local';
    return this.remote && !this.remote.closed ? 'remote' : 'none';
  }

  /** Who serves the memory, in words (for the status tool). */
  get servedBy(): string {
    if (this.local) return 'this engram mcp process (the app is not running)';
    return this.remote && !this.remote.closed ? this.remote.holder : 'nobody yet';
  }

  /** Runs work against the memory, reaching it first if needed. */
  async use<T>(work: (api: SocketMemoryApi) => Promise<T>): Promise<T> {
    if (this.closing) throw new Error('The memory connection is closed.');
    this.busy++;
    this.stopIdleTimer();
    try {
      return await work(await this.reach());
    } finally {
      this.busy--;
      this.armIdleTimer();
    }
  }

  /** Disconnects, or closes the locally opened memory (releasing the lock). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.stopIdleTimer();
      await this.reaching?.catch(() => undefined);
      await this.remote?.close();
      await this.closeLocal();
    })();
    return this.closing;
  }

  private reach(): Promise<SocketMemoryApi> {
    if (this.local) return Promise.resolve(this.local.api);
    if (this.remote && !this.remote.closed) return Promise.resolve(this.remote);
    this.reaching ??= this.connectOrOpen().finally(() => (this.reaching = null));
    return this.reaching;
  }

  private async connectOrOpen(): Promise<SocketMemoryApi> {
    const deadline = Date.now() + this.deps.lockWaitMs;
    for (;;) {
      this.remote = await this.deps.connect();
      if (this.remote) return this.remote;
      try {
        const api = await this.deps.openLocal();
        const server = this.deps.serve ? await this.deps.serve(api).catch(() => null) : null;
        server?.on('calls', () => this.armIdleTimer());
        this.local = { api, server };
        return api;
      } catch (error) {
        // held by a process that does not serve it (the CLI, an app still starting): wait a little and look again
        if (!isEngramError(error) || error.code !== 'DATA_DIR_LOCKED' || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  private armIdleTimer(): void {
    this.stopIdleTimer();
    const server = this.local?.server;
    if (!this.local || this.busy > 0 || (server?.callsInFlight ?? 0) > 0 || (server?.clientsHolding ?? 0) > 0 || this.closing) return;
    this.idleTimer = setTimeout(() => void this.closeLocal(), this.deps.idleCloseMs);
    this.idleTimer.unref();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private async closeLocal(): Promise<void> {
    const local = this.local;
    if (!local) return;
    this.local = null;
    await local.server?.close();
    await local.api.close();
  }
}
