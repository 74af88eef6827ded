// A tiny worker pool: runs jobs 0..count-1 with at most `limit` in flight, in order of index.

/**
 * Calls `job(i)` for i in 0..count-1 keeping at most `limit` calls in flight. `shouldStop()` is checked before each
 * job starts; jobs not started are reported to `skipped` so the caller can account for them.
 */
export async function runBounded(
  count: number,
  limit: number,
  job: (index: number) => Promise<void>,
  shouldStop: () => boolean = () => false,
  skipped: (index: number) => void = () => {},
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      if (shouldStop()) {
        skipped(index);
        continue;
      }
      await job(index);
    }
  };
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, count)) }, () => lane());
  await Promise.all(lanes);
}
