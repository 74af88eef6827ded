import { describe, expect, it } from 'vitest';
import { defaultFusionFor, isScoreFusion } from '../../src/core/recall/fusion-defaults';
import { rankNotes } from '../../src/core/recall/rank-fusion';
import { fuseScores, standardScores } from '../../src/core/recall/score-fusion';

/** A leg from [noteId, score] pairs, best first (one chunk per note). */
function leg(pairs: [number, number | null][]): ReturnType<typeof rankNotes> {
  return rankNotes(pairs.map(([noteId, score]) => ({ chunkId: noteId * 10, noteId, score })));
}

describe('standardScores', () => {
  it('turns scores into standard scores over the leg', () => {
    // scores 3, 2, 1: mean 2, population standard deviation sqrt(2/3)
    const { z, missing } = standardScores(leg([[1, 3], [2, 2], [3, 1]]));
    const sd = Math.sqrt(2 / 3);
    expect(z.get(1)).toBeCloseTo(1 / sd, 12);
    expect(z.get(2)).toBeCloseTo(0, 12);
    expect(z.get(3)).toBeCloseTo(-1 / sd, 12);
    // a note the leg did not return scored no more than its lowest
    expect(missing).toBeCloseTo(-1 / sd, 12);
  });

  it('counts candidates the leg is known to score 0 in its statistics', () => {
    // scores 4 and 2 plus two zeros: mean 1.5, population standard deviation sqrt(11/4)
    const { z, missing } = standardScores(leg([[1, 4], [2, 2]]), 2);
    const sd = Math.sqrt(11 / 4);
    expect(z.get(1)).toBeCloseTo(2.5 / sd, 12);
    expect(missing).toBeCloseTo(-1.5 / sd, 12);
    // one match among zeros stands out instead of standing alone (where nothing varies)
    expect(standardScores(leg([[1, 7]]), 3).z.get(1)).toBeCloseTo(Math.sqrt(3), 12);
  });

  it('gives 0 to every note when the scores do not vary, or the leg has one note', () => {
    expect([...standardScores(leg([[1, 5], [2, 5]])).z.values()]).toEqual([0, 0]);
    expect([...standardScores(leg([[1, 0.7]])).z.values()]).toEqual([0]);
    expect(standardScores(leg([])).z.size).toBe(0);
  });

  it("counts an unscored note as the leg's lowest score", () => {
    const { z } = standardScores(leg([[1, 4], [2, 2], [3, null]]));
    expect(z.get(3)).toBeCloseTo(z.get(2)!, 12);
  });
});

describe('fuseScores', () => {
  // note 2 is second by keyword and first by vector; note 1 is first by keyword and not found by vector
  const keyword = leg([[1, 12], [2, 11], [3, 4], [4, 3]]);
  const vector = leg([[2, 0.62], [5, 0.6], [6, 0.35], [4, 0.3]]);
  const ids = (w: number): number[] => fuseScores(vector, keyword, w).map((f) => f.noteId);

  it('combines the legs convexly: weight 0 keeps the keyword order, weight 1 the vector order', () => {
    expect(ids(0).slice(0, 4)).toEqual([1, 2, 3, 4]);
    expect(ids(1).slice(0, 3)).toEqual([2, 5, 6]);
  });

  it('lets a note both legs found overtake the first keyword match that the vector leg missed', () => {
    expect(ids(0.3).slice(0, 3)).toEqual([2, 1, 5]);
    const fused = fuseScores(vector, keyword, 0.3);
    const score = (id: number): number => fused.find((f) => f.noteId === id)!.score;
    const zk = standardScores(keyword).z;
    const zv = standardScores(vector).z;
    expect(score(2)).toBeCloseTo(0.7 * zk.get(2)! + 0.3 * zv.get(2)!, 12);
    // a note a leg did not return gets that leg's lowest standard score
    expect(score(1)).toBeCloseTo(0.7 * zk.get(1)! + 0.3 * Math.min(...zv.values()), 12);
  });

  it('lifts the only note containing a rare word when the keyword leg returned every match', () => {
    // the vector leg ranks the note last: its text means little to the model (a name, a code)
    const rare = leg([[9, 3.2]]);
    const near = leg([[1, 0.7], [2, 0.65], [3, 0.6], [9, 0.2]]);
    expect(fuseScores(near, rare, 0.3, { keywordExhaustive: true })[0]!.noteId).toBe(9);
    // without knowing the leg was exhaustive, a lone score carries no information
    expect(fuseScores(near, rare, 0.3)[0]!.noteId).toBe(1);
  });

  it('ranks by keyword alone when the vector leg found nothing (embeddings pending or the model down)', () => {
    expect(fuseScores(leg([]), keyword, 0.3).map((f) => f.noteId)).toEqual([1, 2, 3, 4]);
  });

  it('breaks ties by the better keyword rank, then by the lower id', () => {
    // every score is 0: neither leg's scores vary
    const fused = fuseScores(leg([[10, 1], [7, 1], [8, 1]]), leg([[9, 2], [8, 2]]), 0.5);
    expect(fused.map((f) => f.noteId)).toEqual([9, 8, 7, 10]);
  });
});

describe('defaultFusionFor', () => {
  it('weights the built-in model below other models', () => {
    const builtin = defaultFusionFor('builtin');
    const ollama = defaultFusionFor('ollama');
    expect(isScoreFusion(builtin) && isScoreFusion(ollama)).toBe(true);
    expect(builtin.vectorWeight).toBeLessThan(ollama.vectorWeight);
    expect(isScoreFusion({ k: 20, vector: 0.5, keyword: 1 })).toBe(false);
  });
});
