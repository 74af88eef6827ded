// Runs a collection's judged queries through recall in one mode and scores the rankings.
import type { EngramApi } from '../src/core/engine/engram-api';
import type { RecallMode } from '../src/shared/models';
import { documentIdOf } from './eval-memory';
import { mean, ndcgAtK, quantile, recallAtK } from './metrics';
import type { SmartCollection } from './smart-collection';
import type { SmartQuery } from './smart-parser';

/** Results asked for per query: enough for recall@100. */
export const EVAL_LIMIT = 100;

/** Quality and latency of one recall setting over a collection's judged queries. */
export interface RunResult {
  readonly mode: RecallMode;
  /** What differs from the defaults ("default" for the core's own settings). */
  readonly setting: string;
  readonly queries: number;
  readonly ndcgAt10: number;
  readonly recallAt10: number;
  readonly recallAt100: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** nDCG@10 of each judged query, in file order. */
  readonly perQuery: readonly number[];
}

/**
 * The text sent as the query: the `.W` field with its double quote marks removed. The queries are prose written for
 * systems without a phrase operator ("what you see is what you get" systems); sent as written, Engram would read
 * every quoted span as a phrase the note must contain.
 */
export function queryText(query: SmartQuery): string {
  return query.text.replace(/["“”]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Runs every judged query in one mode and scores the rankings. */
export async function runQueries(engine: EngramApi, collection: SmartCollection, mode: RecallMode, setting = 'default'): Promise<RunResult> {
  const perQuery: number[] = [];
  const r10: number[] = [];
  const r100: number[] = [];
  const times: number[] = [];
  for (const query of collection.judgedQueries) {
    const relevant = collection.qrels.get(query.id) ?? new Set<number>();
    const start = performance.now();
    const result = await engine.recall(queryText(query), { mode, limit: EVAL_LIMIT });
    times.push(performance.now() - start);
    const ranked = result.results.flatMap((hit) => documentIdOf(hit.source) ?? []);
    perQuery.push(ndcgAtK(ranked, relevant, 10));
    r10.push(recallAtK(ranked, relevant, 10));
    r100.push(recallAtK(ranked, relevant, 100));
  }
  return {
    mode,
    setting,
    queries: collection.judgedQueries.length,
    ndcgAt10: mean(perQuery),
    recallAt10: mean(r10),
    recallAt100: mean(r100),
    p50Ms: quantile(times, 0.5),
    p95Ms: quantile(times, 0.95),
    perQuery,
  };
}
