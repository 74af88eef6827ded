import { isEngramError } from '../core/errors';
import type { MemorySocketApi } from './memory-socket-client';

/** How a short-lived client reached the memory: opened in this process, or through the holder's socket. */
export type ReachedMemory<Local> = { readonly via: 'opened'; readonly api: Local } | { readonly via: 'socket'; readonly api: MemorySocketApi };

/** The two ways to reach a memory: open it here (takes the data-directory lock), or connect to whoever serves it. */
export interface ReachMemoryDeps<Local> {
  /** Opens the memory in this process; rejects with DATA_DIR_LOCKED while another process holds it. */
  readonly open: () => Promise<Local>;
  /** Connects to the process that holds and serves the memory, or null when nobody serves it. */
  readonly connect: () => Promise<MemorySocketApi | null>;
  /** True while the lock's holder said it serves the memory (it may still be opening it): worth waiting for. */
  readonly holderServes: () => boolean;
  /** How long to wait for a serving holder that is still opening the memory (default 30 s). */
  readonly waitMs?: number;
}

/** How often to look again while a serving holder is still opening the memory. */
const RETRY_MS = 250;

/**
 * Reaches the memory for one short piece of work (a CLI command): opens it in this process when nobody holds it;
 * when the lock says a live holder serves it, its socket is tried first (opening here would only find the lock taken);
 * when a process holds it and serves it on the memory socket (the app, `engram mcp`, or anything else that opens it
 * with `serves: true` and starts MemorySocketServer), connects there instead, waiting while that holder is still
 * opening, and asks it to keep the memory open until this client leaves. A holder that does not serve it (another
 * CLI command) still gets DATA_DIR_LOCKED, naming it.
 */
export async function reachMemory<Local>(deps: ReachMemoryDeps<Local>): Promise<ReachedMemory<Local>> {
  const deadline = Date.now() + (deps.waitMs ?? 30_000);
  const viaSocket = async (): Promise<ReachedMemory<Local> | null> => {
    const remote = await deps.connect();
    if (!remote) return null;
    remote.hold();
    return { via: 'socket', api: remote };
  };
  // the app holds it: go straight to its socket, without loading the engine only to find the lock taken
  const served = deps.holderServes() ? await viaSocket() : null;
  if (served) return served;
  for (let attempt = 0; ; attempt++) {
    try {
      return { via: 'opened', api: await deps.open() };
    } catch (error) {
      if (!isEngramError(error) || error.code !== 'DATA_DIR_LOCKED') throw error;
      const reached = await viaSocket();
      if (reached) return reached;
      // a holder that serves but is still opening the memory (the app starting): wait for its socket; a holder that
      // does not serve (another CLI command) is reported at once, after a second look in case it just let go
      if ((attempt > 0 && !deps.holderServes()) || Date.now() >= deadline) throw error;
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}
