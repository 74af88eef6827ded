import type { NoteRank } from './rank-fusion';

/**
 * Score fusion settings: a convex combination of the two legs' z-normalised scores. `vectorWeight` is the vector
 * leg's share (0..1); the keyword leg gets the rest.
 */
export interface ScoreFusion {
  readonly method: 'zscore';
  readonly vectorWeight: number;
}

/** A fused note and its combined score (higher is better). */
export interface FusedNote {
  readonly noteId: number;
  readonly score: number;
}

/** One leg's standard scores: z for each note it returned, and the z given to a note it did not return. */
export interface LegStandardScores {
  readonly z: Map<number, number>;
  readonly missing: number;
}

/**
 * Standard scores of one leg's notes, (s - mean) / standard deviation; 0 for every note when the scores do not vary.
 * Unscored notes count as the leg's lowest score. With `zeros` > 0 the leg is known to score that many other
 * candidates exactly 0 (BM25 of a note without any query word): they join the mean and deviation, and a note the leg
 * did not return gets the standard score of 0. Otherwise a note it did not return is only known to score no more
 * than its lowest, and gets the lowest standard score.
 */
export function standardScores(leg: ReadonlyMap<number, NoteRank>, zeros = 0): LegStandardScores {
  const values = [...leg.values()].map((r) => r.score);
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const floor = known.length ? Math.min(...known) : 0;
  const scores = values.map((v) => (v !== null && Number.isFinite(v) ? v : floor));
  const count = scores.length + zeros;
  const mean = scores.reduce((a, b) => a + b, 0) / Math.max(1, count);
  const variance = (scores.reduce((a, b) => a + (b - mean) ** 2, 0) + zeros * mean ** 2) / Math.max(1, count);
  const sd = Math.sqrt(variance);
  const standard = (s: number): number => (sd > 0 ? (s - mean) / sd : 0);
  const z = new Map<number, number>();
  [...leg.keys()].forEach((noteId, i) => z.set(noteId, standard(scores[i]!)));
  return { z, missing: zeros > 0 ? standard(0) : z.size ? Math.min(...z.values()) : 0 };
}

/** What the caller knows about the keyword leg beyond its notes. */
export interface FusionContext {
  /** The keyword leg returned every note that contains a query word (it stopped short of its pool). */
  readonly keywordExhaustive?: boolean;
}

/**
 * CombSUM of standard scores (Fox & Shaw 1994; z-score normalisation after Montague & Aslam 2001), weighted as a
 * convex combination (Bruch et al. 2023): score = (1 - w) * z_keyword + w * z_vector, over the notes either leg
 * returned. A note the vector leg missed gets its lowest standard score. So does a note the keyword leg missed,
 * unless the keyword leg was exhaustive: then that note has no query word, scores 0, and counts as such (so a rare
 * word found in a single note still lifts that note). Best first; ties go to the better keyword rank (a literal
 * match is the stronger evidence, and covers notes still awaiting embeddings), then to the lower id.
 */
export function fuseScores(vector: ReadonlyMap<number, NoteRank>, keyword: ReadonlyMap<number, NoteRank>, vectorWeight: number, context: FusionContext = {}): FusedNote[] {
  const w = Math.min(1, Math.max(0, vectorWeight));
  const ids = new Set([...keyword.keys(), ...vector.keys()]);
  const zVector = standardScores(vector);
  const zKeyword = standardScores(keyword, context.keywordExhaustive && keyword.size > 0 ? ids.size - keyword.size : 0);
  const keywordRank = (id: number): number => keyword.get(id)?.rank ?? Number.MAX_SAFE_INTEGER;
  return [...ids]
    .map((noteId) => ({ noteId, score: (1 - w) * (zKeyword.z.get(noteId) ?? zKeyword.missing) + w * (zVector.z.get(noteId) ?? zVector.missing) }))
    .sort((a, b) => b.score - a.score || keywordRank(a.noteId) - keywordRank(b.noteId) || a.noteId - b.noteId);
}
