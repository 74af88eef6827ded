// Ranking-quality metrics with binary relevance. Pure functions over a ranked list of ids and a relevant set.

/** Discounted cumulative gain of the first k ranks: sum of 1/log2(rank+1) over relevant hits. */
export function dcgAtK(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  let dcg = 0;
  const seen = new Set<number>();
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    const id = ranked[i]!;
    if (seen.has(id)) continue; // a document counts once, at its best rank
    seen.add(id);
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  }
  return dcg;
}

/** nDCG@k with binary relevance: DCG@k divided by the DCG of an ideal ranking; 0 when nothing is relevant. */
export function ndcgAtK(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  const idealHits = Math.min(k, relevant.size);
  if (idealHits === 0) return 0;
  let ideal = 0;
  for (let i = 0; i < idealHits; i++) ideal += 1 / Math.log2(i + 2);
  return dcgAtK(ranked, relevant, k) / ideal;
}

/** recall@k: the share of relevant documents found in the first k ranks; 0 when nothing is relevant. */
export function recallAtK(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) return 0;
  const found = new Set<number>();
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    const id = ranked[i]!;
    if (relevant.has(id)) found.add(id);
  }
  return found.size / relevant.size;
}

/** Arithmetic mean; 0 for an empty list. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** The q-quantile (0..1) by linear interpolation between closest ranks; NaN for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The relative change of `value` over `base` (0.08 = 8% better); 0 when the base is 0. */
export function relativeGain(value: number, base: number): number {
  return base === 0 ? 0 : value / base - 1;
}
