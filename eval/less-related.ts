// The "less related" cut-off of hybrid recall (issue 20, point 3), measured: for each candidate similarity, hybrid's
// results with the hits below it moved under the divider (as the window shows them), scored by nDCG@10 on the judged
// queries, and how many nonsense queries (words no collection is about) then say "No matches".
import type { EngramApi } from '../src/core/engine/engram-api';
import { isLessRelated, lessRelatedLast } from '../src/core/recall/match-strength';
import type { RecallHit } from '../src/shared/models';
import { documentIdOf } from './eval-memory';
import { queryText, EVAL_LIMIT } from './eval-run';
import { mean, ndcgAtK } from './metrics';
import type { SmartCollection } from './smart-collection';

/** Queries about nothing in CISI or CACM (nor in most people's notes): each should come back as "No matches". */
export const NONSENSE_QUERIES: readonly string[] = [
  'xylophone quantum',
  'purple elephant banana',
  'zebra tango marmalade',
  'glitter volcano sandwich',
  'kangaroo saxophone lighthouse',
  'marshmallow tornado violin',
  'pineapple submarine waltz',
  'flamingo trampoline avalanche',
];

/** One candidate cut-off: nDCG@10 with the hits below it moved down, and the nonsense queries it answers with "No matches". */
export interface CutoffRow {
  readonly similarity: number;
  readonly ndcgAt10: number;
  /** Share of the judged queries' top-10 hits marked less related. */
  readonly markedShare: number;
  /**
   * Of the relevant notes hybrid found by meaning alone (no query word in them, anywhere in its 100 results), the
   * share this cut-off marks less related: what it costs a person who describes a note in other words.
   */
  readonly meaningOnlyRelevantMarked: number;
  /** How many such notes there were (the share's base). */
  readonly meaningOnlyRelevant: number;
  readonly nonsenseNoMatches: number;
}

/** Hits in the order the window shows them: matches first, then the less related, each in recall's order. */
export function withDivider(hits: readonly RecallHit[], similarity: number): RecallHit[] {
  // recall already moved its own less-related hits down; its fused scores give back the order before that
  const byScore = [...hits].sort((a, b) => b.score - a.score);
  return lessRelatedLast(byScore.map((h) => ({ ...h, lessRelated: isLessRelated(h.why, similarity) })));
}

/** Runs the judged and the nonsense queries once in hybrid mode and scores every cut-off on them. */
export async function sweepCutoffs(engine: EngramApi, collection: SmartCollection, cutoffs: readonly number[]): Promise<CutoffRow[]> {
  const judged: { relevant: ReadonlySet<number>; hits: readonly RecallHit[] }[] = [];
  for (const query of collection.judgedQueries) {
    const result = await engine.recall(queryText(query), { mode: 'hybrid', limit: EVAL_LIMIT });
    judged.push({ relevant: collection.qrels.get(query.id) ?? new Set<number>(), hits: result.results });
  }
  const nonsense: (readonly RecallHit[])[] = [];
  for (const query of NONSENSE_QUERIES) nonsense.push((await engine.recall(query, { mode: 'hybrid', limit: 10 })).results);
  const meaningOnly = judged.flatMap(({ relevant, hits }) => hits.filter((h) => h.why.keyword === null && relevant.has(documentIdOf(h.source) ?? -1)));
  return cutoffs.map((similarity) => ({
    similarity,
    ndcgAt10: mean(judged.map(({ relevant, hits }) => ndcgAtK(withDivider(hits, similarity).flatMap((h) => documentIdOf(h.source) ?? []), relevant, 10))),
    markedShare: mean(judged.map(({ hits }) => hits.slice(0, 10).filter((h) => isLessRelated(h.why, similarity)).length / Math.max(1, Math.min(10, hits.length)))),
    meaningOnlyRelevantMarked: meaningOnly.filter((h) => isLessRelated(h.why, similarity)).length / Math.max(1, meaningOnly.length),
    meaningOnlyRelevant: meaningOnly.length,
    nonsenseNoMatches: nonsense.filter((hits) => hits.every((h) => isLessRelated(h.why, similarity))).length,
  }));
}
