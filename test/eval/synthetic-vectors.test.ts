// Bench helpers that decide what is measured: the synthetic vectors must be deterministic mixtures of real ones,
// and the statistics must be right. (Kept beside the eval tests: bench/ has no test tree of its own.)
import { describe, expect, it } from 'vitest';
import { seededRandom, syntheticItem } from '../../bench/synthetic-vectors';
import { median, medianSummary, quantile, summarize } from '../../bench/stats';

function unit(values: number[]): Float32Array {
  const n = Math.hypot(...values);
  return Float32Array.from(values.map((v) => v / n));
}

const bases = [unit([1, 0, 0, 0]), unit([0, 1, 0, 0]), unit([0, 0, 1, 0]), unit([0, 0, 0, 1]), unit([1, 1, 0, 0])];

describe('synthetic vectors', () => {
  it('starts with the real embeddings themselves', () => {
    expect(Array.from(syntheticItem(bases, 7, 2).vector)).toEqual(Array.from(bases[2]!));
    expect(syntheticItem(bases, 7, 2).parts).toEqual([2]);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = syntheticItem(bases, 7, 40);
    const b = syntheticItem(bases, 7, 40);
    expect(Array.from(a.vector)).toEqual(Array.from(b.vector));
    expect(a.parts).toEqual(b.parts);
    const others = [1, 2, 3, 4, 5].map((s) => Array.from(syntheticItem(bases, s, 40).vector).join());
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it('mixes 2 or 3 distinct real vectors, renormalised, with the first one dominant', () => {
    for (let i = bases.length; i < bases.length + 50; i++) {
      const { vector, parts } = syntheticItem(bases, 11, i);
      expect(parts.length === 2 || parts.length === 3).toBe(true);
      expect(new Set(parts).size).toBe(parts.length);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
      // lies in the span of its parts: the residual after projecting onto them is zero
      const dominant = bases[parts[0]!]!;
      const dot = (x: Float32Array, y: Float32Array): number => x.reduce((s, v, d) => s + v * y[d]!, 0);
      const sims = parts.map((p) => dot(vector, bases[p]!));
      expect(dot(vector, dominant)).toBeGreaterThanOrEqual(Math.max(...sims) - 0.35);
    }
  });

  it('has a PRNG in [0, 1) that repeats for a seed', () => {
    const r1 = seededRandom(3);
    const r2 = seededRandom(3);
    const xs = Array.from({ length: 100 }, () => r1());
    expect(xs).toEqual(Array.from({ length: 100 }, () => r2()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('bench stats', () => {
  it('summarises samples', () => {
    const s = summarize([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(s.n).toBe(10);
    expect(s.mean).toBe(5.5);
    expect(s.p50).toBe(5.5);
    expect(s.p95).toBeCloseTo(9.55, 10);
    expect(s.min).toBe(1);
    expect(s.max).toBe(10);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('takes medians over runs field by field', () => {
    const runs = [summarize([1, 2, 3]), summarize([10, 20, 30]), summarize([4, 5, 6])];
    expect(medianSummary(runs).p50).toBe(5);
    expect(median([3, 1, 2])).toBe(2);
  });
});
