// How a command reaches the memory: opened in this process, or through the socket of the process that holds it.
import { lockHolderServes } from '../core/db/data-dir-lock';
import { connectMemorySocket, type MemorySocketApi } from '../mcp/memory-socket-client';
import { reachMemory } from '../mcp/reach-memory';
import type { CliEngine, OpenEngramOptions } from './cli-context';

/**
 * Opens the memory for one command. When the app (or `engram mcp`) holds it, the command runs through the memory
 * socket instead, with the same results and errors, so `engram recall ...` works while the app is open. The
 * engine module (PGlite, the model) is loaded only when the memory is opened here.
 */
export async function openCliEngine(options: OpenEngramOptions): Promise<CliEngine> {
  const reached = await reachMemory<CliEngine>({
    open: async () => (await import('../core/engine/open-engram')).openEngram(options),
    connect: () => connectMemorySocket({ dataDir: options.dataDir }),
    holderServes: () => lockHolderServes(options.dataDir),
  });
  return reached.via === 'opened' ? reached.api : cliEngineOverSocket(reached.api);
}

/**
 * The socket client as a command's engine. Closing it only disconnects (the holder keeps the memory open), but an
 * import this command started is cancelled first, as closing a memory opened here would (it stays resumable).
 */
export function cliEngineOverSocket(remote: MemorySocketApi): CliEngine {
  let importing = 0;
  return {
    ...remote,
    onProgress: (listener) => remote.onProgress(listener),
    onImportProgress: (listener) => remote.onImportProgress(listener),
    runImport: async (request) => {
      importing++;
      try {
        return await remote.runImport(request);
      } finally {
        importing--;
      }
    },
    close: async () => {
      if (importing > 0) await remote.cancelImport().catch(() => false);
      await remote.close();
    },
  };
}
