import { describe, expect, it } from 'vitest';
import { combinePieceVectors, splitInHalf } from '../../src/core/embedding/ollama/split-text';

describe('splitInHalf', () => {
  it('cuts at a sentence boundary near the middle and loses nothing', () => {
    const text = 'First sentence here. Second sentence here. Third sentence here. Fourth one.';
    const [a, b] = splitInHalf(text);
    expect(a + b).toBe(text);
    expect(a.endsWith('. ')).toBe(true);
    expect(Math.abs(a.length - b.length)).toBeLessThan(text.length / 2);
  });
  it('prefers a paragraph break, and cuts text without spaces in the middle', () => {
    const text = `${'word '.repeat(20)}\n\n${'word '.repeat(20)}`;
    expect(splitInHalf(text)[1].startsWith('word')).toBe(true);
    expect(splitInHalf(text)[0].endsWith('\n\n')).toBe(true);
    expect(splitInHalf('abcdefgh')).toEqual(['abcd', 'efgh']);
  });
  it('never splits a surrogate pair', () => {
    const [a, b] = splitInHalf('ab😀cd');
    expect(a + b).toBe('ab😀cd');
    expect(a).toBe('ab😀');
  });
});

describe('combinePieceVectors', () => {
  it('weights each piece by its length and renormalises', () => {
    const v = combinePieceVectors(
      [
        { vector: Float32Array.from([1, 0]), weight: 3 },
        { vector: Float32Array.from([0, 1]), weight: 1 },
      ],
      2,
    );
    expect(v[0]).toBeCloseTo(3 / Math.sqrt(10), 6);
    expect(v[1]).toBeCloseTo(1 / Math.sqrt(10), 6);
  });
  it('refuses to invent a vector from pieces that cancel out', () => {
    expect(() =>
      combinePieceVectors(
        [
          { vector: Float32Array.from([1, 0]), weight: 1 },
          { vector: Float32Array.from([-1, 0]), weight: 1 },
        ],
        2,
      ),
    ).toThrow(/all-zero/);
  });
});
