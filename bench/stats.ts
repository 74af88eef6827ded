// Small statistics helpers for the benchmarks: quantiles, medians and summaries of timing samples.
import { quantile } from '../eval/metrics';

/** A summary of timing samples in milliseconds. */
export interface Summary {
  readonly n: number;
  readonly mean: number;
  readonly min: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** The q-quantile (0..1), shared with the eval's metrics. */
export { quantile };

/** The median; NaN for an empty list. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Summarises samples: count, mean, min, p50, p95, p99, max. */
export function summarize(values: readonly number[]): Summary {
  // one pass, no spreading: Math.min(...values) passes every sample as an argument and overflows the stack past ~100k
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return {
    n: values.length,
    mean: values.length ? sum / values.length : Number.NaN,
    min: values.length ? min : Number.NaN,
    p50: quantile(values, 0.5),
    p95: quantile(values, 0.95),
    p99: quantile(values, 0.99),
    max: values.length ? max : Number.NaN,
  };
}

/** Median of each field across several summaries (one per run), so a report shows medians over runs. */
export function medianSummary(runs: readonly Summary[]): Summary {
  const pick = (f: (s: Summary) => number): number => median(runs.map(f));
  return {
    n: runs.reduce((a, s) => a + s.n, 0),
    mean: pick((s) => s.mean),
    min: pick((s) => s.min),
    p50: pick((s) => s.p50),
    p95: pick((s) => s.p95),
    p99: pick((s) => s.p99),
    max: pick((s) => s.max),
  };
}

/** Milliseconds elapsed since `start` (a performance.now() value). */
export function since(start: number): number {
  return performance.now() - start;
}

/** Formats milliseconds with a precision that suits the magnitude. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(2)} ms`;
}
