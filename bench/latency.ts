// Recall latency over a synthetic database: the vector leg through HNSW and by exact scan (query embedding
// excluded), recall@10 of HNSW against exact, and whole recall() calls that embed the query (included).
import type { NearestOptions } from '../src/core/db/repositories/search-repository';
import { spaceIndexName } from '../src/core/db/repositories/spaces-repository';
import { RECALL_EF_SEARCH } from '../src/core/db/hnsw-search';
import { openEngram } from '../src/core/engine/open-engram';
import { median, medianSummary, summarize, type Summary } from './stats';
import { installModelTimer } from './model-timer';
import { bruteForceTop, loadSpaceVectors } from './js-loop-baseline';

/** A query: its text and the model's vector for it. */
export interface BenchQuery {
  readonly text: string;
  readonly vector: Float32Array;
}

/** HNSW latency and recall at one ef_search value (the candidate list size). */
export interface EfSearchPoint {
  readonly efSearch: number;
  readonly hnsw: Summary;
  /** Mean over queries of |HNSW top 10 ∩ exact top 10| / 10. */
  readonly recallAt10: number;
}

/** Latency results at one database size; summaries are medians over runs. */
export interface LatencyResult {
  readonly chunks: number;
  readonly queries: number;
  readonly runs: number;
  /** The ef_search recall uses (RECALL_EF_SEARCH); hnsw and recallAt10 are at this value. */
  readonly efSearch: number;
  /** Vector leg through the HNSW index, top 10, embedding excluded. */
  readonly hnsw: Summary;
  /** The same measurement at each ef_search of the sweep (the app's value included): the latency/recall frontier. */
  readonly sweep: readonly EfSearchPoint[];
  /** The baseline: top 10 by a plain JS loop over every vector held in one Float32Array (js-loop-baseline.ts). */
  readonly jsLoop: Summary;
  /** HNSW p95 / JS loop p95, each a median over runs of this run's own measurements. */
  readonly hnswVsJsLoopP95: number;
  /** Mean overlap of the JS loop's top 10 with the exact SQL scan's (1 unless ties or a bug). */
  readonly jsLoopAgreement: number;
  /** Vector leg by exact (sequential) scan, top 10, embedding excluded. */
  readonly exact: Summary;
  /** exact p50 / hnsw p50, measured in the same run. */
  readonly speedupP50: number;
  /** Mean over queries of |HNSW top 10 ∩ exact top 10| / 10. */
  readonly recallAt10: number;
  /** Share of queries whose HNSW top 10 equals the exact top 10 as a set. */
  readonly perfectShare: number;
  /** recall() in vector mode, limit 10: query embedding included. */
  readonly recallVector: Summary;
  /** recall() in hybrid mode, limit 10: query embedding and keyword leg included. */
  readonly recallHybrid: Summary;
  /** Time inside embedQuery during the recall() calls. */
  readonly embedQuery: Summary;
  /** Whether the planner used the space's HNSW index for the vector leg (EXPLAIN of the first query). */
  readonly hnswIndexUsed: boolean;
}

/** Top-10 chunk ids of each query, in query order. */
type TopTens = Set<number>[];

/** Mean overlap of approximate and exact top-10 sets. */
function recallAgainst(exact: TopTens, approx: TopTens): number {
  let sum = 0;
  exact.forEach((truth, i) => {
    let hits = 0;
    for (const id of approx[i]!) if (truth.has(id)) hits++;
    sum += hits / Math.max(1, truth.size);
  });
  return sum / Math.max(1, exact.length);
}

/**
 * Runs the latency benchmark on one prepared data directory. Each kind of query runs as its own block, as the app
 * issues them: an exact scan reads the whole table and evicts the index from Postgres's buffer cache, so exact
 * scans interleaved with HNSW queries would charge the index for page faults the app never causes.
 */
export async function measureLatency(
  dataDir: string,
  chunks: number,
  queries: readonly BenchQuery[],
  runs: number,
  efSearchSweep: readonly number[],
  log: (msg: string) => void,
): Promise<LatencyResult> {
  const timed = installModelTimer();
  const engine = await openEngram({ dataDir, holder: 'engram bench (latency)', queryVectorCacheSize: 0 }) // every recall embeds its query;
  try {
    const space = await engine.spaces.active();
    if (!space) throw new Error('no active space');
    const search = engine.search;
    const appEf = RECALL_EF_SEARCH;
    const sweep = [...new Set([...efSearchSweep, appEf])].sort((a, b) => a - b);
    const db = engine.database;
    // the vector leg's plan as recall runs it: its pool of candidates, its filter for live notes
    const plan = await search.explainNearest(space, queries[0]!.vector, {}, 200);
    const hnswIndexUsed = plan.includes(spaceIndexName(space.id));
    if (!hnswIndexUsed) log(`latency ${chunks}: WARNING: the planner does not use the HNSW index for the vector leg`);
    const topTens = async (options: NearestOptions): Promise<{ sets: TopTens; times: number[] }> => {
      const sets: TopTens = [];
      const times: number[] = [];
      for (const q of queries) {
        const t = performance.now();
        const found = await search.nearestChunks(space, q.vector, {}, 10, options);
        times.push(performance.now() - t);
        sets.push(new Set(found.map((m) => m.chunkId)));
      }
      return { sets, times };
    };
    const inMemory = await loadSpaceVectors(db, space.id, space.dimensions);
    const jsLoopRuns: Summary[] = [];
    const ratios: number[] = [];
    let jsLoopSets: TopTens = [];
    const hnswRuns = new Map<number, Summary[]>(sweep.map((ef) => [ef, []]));
    const recallAt = new Map<number, number>();
    const exactRuns: Summary[] = [];
    const vectorRuns: Summary[] = [];
    const hybridRuns: Summary[] = [];
    const embedRuns: Summary[] = [];
    const speedups: number[] = [];
    let exactSets: TopTens = [];
    let perfect = 0;
    for (let run = 0; run < runs; run++) {
      const exact = await topTens({ exact: true });
      const e = summarize(exact.times);
      exactRuns.push(e);
      if (run === 0) exactSets = exact.sets;
      let hnswP95 = Number.NaN;
      for (const ef of sweep) {
        for (const q of queries.slice(0, 5)) await search.nearestChunks(space, q.vector, {}, 10, { efSearch: ef }); // warm-up
        const approx = await topTens({ efSearch: ef });
        const h = summarize(approx.times);
        hnswRuns.get(ef)!.push(h);
        if (run === 0) {
          recallAt.set(ef, recallAgainst(exactSets, approx.sets));
          if (ef === appEf) perfect = approx.sets.filter((set, i) => set.size === exactSets[i]!.size && [...set].every((id) => exactSets[i]!.has(id))).length;
        }
        if (ef === appEf) speedups.push(e.p50 / h.p50);
        if (ef === appEf) hnswP95 = h.p95;
        log(`latency ${chunks}: run ${run + 1}/${runs}: ef_search ${ef}: hnsw p50 ${h.p50.toFixed(2)} ms, p95 ${h.p95.toFixed(2)} ms, recall@10 ${recallAt.get(ef)!.toFixed(3)}`);
      }
      log(`latency ${chunks}: run ${run + 1}/${runs}: exact p50 ${e.p50.toFixed(1)} ms`);
      const loopTimes: number[] = [];
      const loopSets: TopTens = [];
      for (const q of queries) {
        const t = performance.now();
        const top = bruteForceTop(inMemory, q.vector, 10);
        loopTimes.push(performance.now() - t);
        loopSets.push(new Set(top));
      }
      const loop = summarize(loopTimes);
      jsLoopRuns.push(loop);
      ratios.push(hnswP95 / loop.p95);
      if (run === 0) {
        jsLoopSets = loopSets;
        log(`latency ${chunks}: JS loop top 10 agrees with the exact SQL scan's: ${recallAgainst(exactSets, loopSets).toFixed(3)}`);
      }
      log(`latency ${chunks}: run ${run + 1}/${runs}: JS loop p50 ${loop.p50.toFixed(2)} ms, p95 ${loop.p95.toFixed(2)} ms; HNSW p95 / JS loop p95 ${(hnswP95 / loop.p95).toFixed(2)}`);
      const vectorTimes: number[] = [];
      const hybridTimes: number[] = [];
      const embedTimes: number[] = [];
      for (const q of queries.slice(0, 5)) await engine.recall(q.text, { mode: 'hybrid', limit: 10 }); // warm-up
      for (const q of queries) {
        const before = timed.queryMs;
        let t = performance.now();
        await engine.recall(q.text, { mode: 'vector', limit: 10 });
        vectorTimes.push(performance.now() - t);
        embedTimes.push(timed.queryMs - before);
        t = performance.now();
        await engine.recall(q.text, { mode: 'hybrid', limit: 10 });
        hybridTimes.push(performance.now() - t);
      }
      vectorRuns.push(summarize(vectorTimes));
      hybridRuns.push(summarize(hybridTimes));
      embedRuns.push(summarize(embedTimes));
    }
    const points = sweep.map((ef) => ({ efSearch: ef, hnsw: medianSummary(hnswRuns.get(ef)!), recallAt10: recallAt.get(ef)! }));
    const app = points.find((p) => p.efSearch === appEf)!;
    return {
      chunks,
      queries: queries.length,
      runs,
      efSearch: appEf,
      hnsw: app.hnsw,
      sweep: points,
      exact: medianSummary(exactRuns),
      jsLoop: medianSummary(jsLoopRuns),
      hnswVsJsLoopP95: median(ratios),
      jsLoopAgreement: recallAgainst(exactSets, jsLoopSets),
      speedupP50: median(speedups),
      recallAt10: app.recallAt10,
      perfectShare: perfect / queries.length,
      recallVector: medianSummary(vectorRuns),
      recallHybrid: medianSummary(hybridRuns),
      embedQuery: medianSummary(embedRuns),
      hnswIndexUsed,
    };
  } finally {
    await engine.close();
  }
}
