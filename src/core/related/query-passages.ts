/**
 * Most of a note's passages used as queries for related notes (their centroid is one HNSW search; with the `max`
 * aggregation each is a search of its own, ~10 ms at 100k chunks here, so 12 took 74 ms p95: bench/README.md). Also
 * bounds the exact pass that finds the shown pairs (passages × the shown notes' chunks).
 */
export const MAX_QUERY_PASSAGES = 12;

/** Up to `cap` items spread evenly from first to last (all of them when there are no more than `cap`). */
export function spreadEvenly<T>(items: readonly T[], cap: number = MAX_QUERY_PASSAGES): T[] {
  if (items.length <= cap) return [...items];
  if (cap <= 1) return items.slice(0, Math.max(0, cap));
  const picked: T[] = [];
  for (let i = 0; i < cap; i++) picked.push(items[Math.round((i * (items.length - 1)) / (cap - 1))]!);
  return picked;
}
