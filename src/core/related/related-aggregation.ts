import type { PassagePair } from '../db/repositories/related-repository';

/**
 * How pairs of passages become one score per note:
 * - `max`: the best pair (one strongly shared passage is enough);
 * - `sum-top-3`: the sum of the note's three best pairs, each own passage and each of its passages used once
 *   (notes that share several passages rank higher);
 * - `centroid`: the best of its passages against the mean of the open note's vectors (the pairs come from
 *   `nearestToCentroid`; aggregated like `max`).
 */
export type RelatedAggregation = 'max' | 'sum-top-3' | 'centroid';

/** Every aggregation, in the order the eval reports them. */
export const RELATED_AGGREGATIONS: readonly RelatedAggregation[] = ['max', 'sum-top-3', 'centroid'];

/** One note's score and the pair shown for it (its best pair). */
export interface NoteScore {
  readonly noteId: number;
  readonly score: number;
  readonly best: PassagePair;
}

const TOP_K = 3;

/** Scores the notes the pairs reach, best first (ties: the better best pair, then the lower note id). */
export function aggregatePairs(pairs: readonly PassagePair[], aggregation: RelatedAggregation): NoteScore[] {
  const byNote = new Map<number, PassagePair[]>();
  for (const pair of pairs) {
    const list = byNote.get(pair.noteId);
    if (list) list.push(pair);
    else byNote.set(pair.noteId, [pair]);
  }
  const scores: NoteScore[] = [];
  for (const [noteId, list] of byNote) {
    list.sort((a, b) => b.similarity - a.similarity);
    const best = list[0]!;
    scores.push({ noteId, best, score: aggregation === 'sum-top-3' ? sumOfDistinctTop(list, TOP_K) : best.similarity });
  }
  return scores.sort((a, b) => b.score - a.score || b.best.similarity - a.best.similarity || a.noteId - b.noteId);
}

/** The sum of the k best pairs (sorted best first) that use no passage of either side twice. */
function sumOfDistinctTop(sorted: readonly PassagePair[], k: number): number {
  const own = new Set<number>();
  const theirs = new Set<number>();
  let sum = 0;
  let taken = 0;
  for (const pair of sorted) {
    if (taken === k) break;
    if (own.has(pair.ownChunkId) || theirs.has(pair.chunkId)) continue;
    own.add(pair.ownChunkId);
    theirs.add(pair.chunkId);
    sum += pair.similarity;
    taken++;
  }
  return sum;
}
