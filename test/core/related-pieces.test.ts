import { describe, expect, it } from 'vitest';
import { KEYWORD_QUERY_CHARS, keywordQueryFor } from '../../src/core/related/keyword-query';
import { MAX_QUERY_PASSAGES, spreadEvenly } from '../../src/core/related/query-passages';
import { aggregatePairs } from '../../src/core/related/related-aggregation';

const pair = (ownChunkId: number, chunkId: number, noteId: number, similarity: number) => ({ ownChunkId, chunkId, noteId, similarity });

describe('related notes, the pure pieces', () => {
  it('spreads the query passages of a long note from first to last, and keeps a short note whole', () => {
    const ids = Array.from({ length: 40 }, (_, i) => i);
    const picked = spreadEvenly(ids);
    expect(picked).toHaveLength(MAX_QUERY_PASSAGES);
    expect(picked[0]).toBe(0);
    expect(picked.at(-1)).toBe(39);
    expect(new Set(picked).size).toBe(MAX_QUERY_PASSAGES);
    expect(spreadEvenly([1, 2, 3])).toEqual([1, 2, 3]);
  });

  it('scores a note by its best pair, or by its three best pairs that share no passage', () => {
    const pairs = [pair(1, 10, 100, 0.6), pair(2, 11, 100, 0.5), pair(2, 10, 100, 0.55), pair(1, 20, 200, 0.7)];
    expect(aggregatePairs(pairs, 'max').map((s) => [s.noteId, s.score])).toEqual([[200, 0.7], [100, 0.6]]);
    const summed = aggregatePairs(pairs, 'sum-top-3');
    expect(summed[0]).toMatchObject({ noteId: 100, best: { chunkId: 10, similarity: 0.6 } });
    expect(summed[0]!.score).toBeCloseTo(1.1); // 0.6 (1-10) + 0.5 (2-11); 2-10 reuses chunk 10
  });

  it('makes the keyword query from the title and text, cut at a word boundary', () => {
    expect(keywordQueryFor('Bread', 'Bread\n\nknead   the dough')).toBe('Bread knead the dough');
    const long = keywordQueryFor('T', 'word '.repeat(500));
    expect(long.length).toBeLessThanOrEqual(KEYWORD_QUERY_CHARS);
    expect(long.endsWith('word')).toBe(true);
  });
});
