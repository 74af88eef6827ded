// Opening the memory when `engram mcp` holds it: that process releases the lock after 10 idle seconds, so wait.
import type { EngramApi } from '../core/engine/engram-api';

/** True when the error says the data directory is locked by an `engram mcp` process. */
export function isLockedByMcp(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  return code === 'DATA_DIR_LOCKED' && /engram mcp/i.test(error.message);
}

/**
 * Opens the engine; while the lock is held by `engram mcp`, retries every `intervalMs` for up to `waitMs`
 * (default 12 s, a little more than its 10 s idle release). Any other failure rejects at once.
 */
export async function openWithMcpRetry(
  open: () => Promise<EngramApi>,
  options: { waitMs?: number; intervalMs?: number; onWait?: (error: Error) => void } = {},
): Promise<EngramApi> {
  const deadline = Date.now() + (options.waitMs ?? 12_000);
  const interval = options.intervalMs ?? 500;
  for (;;) {
    try {
      return await open();
    } catch (error) {
      if (!isLockedByMcp(error) || Date.now() + interval > deadline) throw error;
      options.onWait?.(error as Error);
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
}
