/**
 * Most of a note's passages used as queries for related notes. Each one is an HNSW search, so this bounds the cost of
 * a long note: `npm run bench -- --related` measured 1 passage ~N ms and 12 ~M ms at 100k chunks (bench/README.md).
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
