import type { ChunkMatch } from '../db/repositories/search-repository';

/** A note's best chunk in one leg and its rank among notes (1-based). */
export interface NoteRank {
  readonly noteId: number;
  readonly chunkId: number;
  readonly rank: number;
  /** The chunk's similarity or BM25 score; null when the leg gave none. */
  readonly score: number | null;
}

/** Collapses chunk matches (best first) to notes: each note ranked by its best chunk. */
export function rankNotes(matches: readonly ChunkMatch[]): Map<number, NoteRank> {
  const notes = new Map<number, NoteRank>();
  for (const match of matches) {
    if (notes.has(match.noteId)) continue;
    notes.set(match.noteId, { noteId: match.noteId, chunkId: match.chunkId, rank: notes.size + 1, score: match.score });
  }
  return notes;
}

/** Reciprocal rank fusion settings: `k` damps the head; weights tilt towards one leg. */
export interface FusionWeights {
  readonly k: number;
  readonly vector: number;
  readonly keyword: number;
}

/**
 * Reciprocal rank fusion as hybrid recall used it before score fusion (score-fusion.ts) became the default: k = 20,
 * vector leg at half weight, chosen on CISI alone. Kept for comparison rows in `npm run eval -- --fusion`.
 */
export const DEFAULT_FUSION: FusionWeights = { k: 20, vector: 0.5, keyword: 1 };

/**
 * Reciprocal rank fusion of the two legs: score = Σ weight / (k + rank). Returns note ids with scores, best first;
 * ties go to the better keyword rank (a literal match is the stronger evidence, and covers notes still awaiting
 * their embeddings), then to the lower id.
 */
export function fuseRanks(vector: Map<number, NoteRank>, keyword: Map<number, NoteRank>, weights: FusionWeights = DEFAULT_FUSION): { noteId: number; score: number }[] {
  const scores = new Map<number, number>();
  for (const r of vector.values()) scores.set(r.noteId, (scores.get(r.noteId) ?? 0) + weights.vector / (weights.k + r.rank));
  for (const r of keyword.values()) scores.set(r.noteId, (scores.get(r.noteId) ?? 0) + weights.keyword / (weights.k + r.rank));
  const keywordRank = (id: number): number => keyword.get(id)?.rank ?? Number.MAX_SAFE_INTEGER;
  return [...scores]
    .map(([noteId, score]) => ({ noteId, score }))
    .sort((a, b) => b.score - a.score || keywordRank(a.noteId) - keywordRank(b.noteId) || a.noteId - b.noteId);
}
