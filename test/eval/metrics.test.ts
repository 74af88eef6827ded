import { describe, expect, it } from 'vitest';
import { dcgAtK, mean, ndcgAtK, quantile, recallAtK } from '../../eval/metrics';

describe('ndcgAtK', () => {
  it('is 1 for an ideal ranking', () => {
    expect(ndcgAtK([1, 2, 3, 9], new Set([1, 2, 3]), 10)).toBeCloseTo(1, 12);
  });

  it('is 0 when no relevant document is ranked', () => {
    expect(ndcgAtK([7, 8, 9], new Set([1, 2]), 10)).toBe(0);
  });

  it('is 0 when nothing is relevant', () => {
    expect(ndcgAtK([1, 2], new Set(), 10)).toBe(0);
  });

  it('matches a hand-computed value', () => {
    // relevant {1, 2}; ranking [5, 1, 6, 2]: DCG = 1/log2(3) + 1/log2(5) = 0.63093 + 0.43068 = 1.06161
    // ideal DCG = 1/log2(2) + 1/log2(3) = 1 + 0.63093 = 1.63093; nDCG = 0.65092
    expect(dcgAtK([5, 1, 6, 2], new Set([1, 2]), 10)).toBeCloseTo(1.06161, 4);
    expect(ndcgAtK([5, 1, 6, 2], new Set([1, 2]), 10)).toBeCloseTo(0.65092, 4);
  });

  it('only counts the first k ranks, and caps the ideal at k', () => {
    // k = 2, relevant {1, 2, 3}; ranking [9, 1, 2]: DCG@2 = 1/log2(3) = 0.63093; ideal@2 = 1.63093 -> 0.38685
    expect(ndcgAtK([9, 1, 2], new Set([1, 2, 3]), 2)).toBeCloseTo(0.38685, 4);
    expect(ndcgAtK([1, 2], new Set([1, 2, 3, 4, 5]), 2)).toBeCloseTo(1, 12);
  });

  it('counts a repeated document once', () => {
    expect(ndcgAtK([1, 1], new Set([1, 2]), 10)).toBeCloseTo(1 / 1.63093, 4);
  });
});

describe('recallAtK', () => {
  it('matches hand-computed values', () => {
    const relevant = new Set([1, 2, 3, 4]);
    const ranked = [9, 1, 8, 2, 7, 3];
    expect(recallAtK(ranked, relevant, 1)).toBe(0);
    expect(recallAtK(ranked, relevant, 2)).toBe(0.25);
    expect(recallAtK(ranked, relevant, 4)).toBe(0.5);
    expect(recallAtK(ranked, relevant, 100)).toBe(0.75);
  });

  it('is 0 when nothing is relevant, and counts duplicates once', () => {
    expect(recallAtK([1], new Set(), 10)).toBe(0);
    expect(recallAtK([1, 1, 1], new Set([1, 2]), 10)).toBe(0.5);
  });
});

describe('mean and quantile', () => {
  it('computes means', () => {
    expect(mean([])).toBe(0);
    expect(mean([1, 2, 3, 6])).toBe(3);
  });

  it('interpolates quantiles', () => {
    expect(quantile([5, 1, 3], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.95)).toBe(10.5);
    expect(quantile([4], 0.99)).toBe(4);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
