/** How many times a retryable embedding failure is retried before it is marked failed for good. */
export const MAX_EMBEDDING_ATTEMPTS = 8;

/** Exponential backoff with full jitter: 2 s, 4 s, 8 s … capped at 10 minutes, each scaled by a random 0.5–1. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(2_000 * 2 ** Math.max(0, attempt), 600_000);
  return Math.round(base * (0.5 + random() * 0.5));
}
