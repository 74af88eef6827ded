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
}

/** How many times the lock and the socket are tried, for a holder that comes or goes in between. */
const ATTEMPTS = 3;

/**
 * Reaches the memory for one short piece of work (a CLI command): opens it in this process when nobody holds it;
 * when a process holds it and serves it on the memory socket (the app, `engram mcp`, or anything else started
 * with MemorySocketServer), connects there instead and asks it to keep the memory open until this client leaves.
 * A holder that does not serve it (another CLI command) still gets DATA_DIR_LOCKED, naming it.
 */
export async function reachMemory<Local>(deps: ReachMemoryDeps<Local>): Promise<ReachedMemory<Local>> {
  let locked: unknown = null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      return { via: 'opened', api: await deps.open() };
    } catch (error) {
      if (!isEngramError(error) || error.code !== 'DATA_DIR_LOCKED') throw error;
      locked = error;
    }
    const remote = await deps.connect();
    if (remote) {
      remote.hold();
      return { via: 'socket', api: remote };
    }
  }
  throw locked;
}
