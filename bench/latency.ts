// Recall latency over a synthetic database: the vector leg through HNSW and by exact scan (query embedding
// excluded), recall@10 of HNSW against exact, and whole recall() calls that embed the query (included).
import type { Database } from '../src/core/db/queryable';
import { vectorLiteral } from '../src/core/db/repositories/embedding-queue-repository';
import { spaceIndexName } from '../src/core/db/repositories/spaces-repository';
import { openEngram } from '../src/core/engine/open-engram';
import { median, medianSummary, summarize, type Summary } from './stats';
import { installModelTimer } from './model-timer';

/** A query: its text and the model's vector for it. */
export interface BenchQuery {
  readonly text: string;
  readonly vector: Float32Array;
}

/** Latency results at one database size; summaries are medians over runs. */
export interface LatencyResult {
  readonly chunks: number;
  readonly queries: number;
  readonly runs: number;
  /** Vector leg through the HNSW index, top 10, embedding excluded. */
  readonly hnsw: Summary;
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

/** Whether the vector leg's plan uses the space's HNSW index (same SQL shape as SearchRepository.nearestChunks). */
async function planUsesHnsw(db: Database, spaceId: number, dims: number, vector: Float32Array): Promise<boolean> {
  const plan = await db.query<Record<string, string>>(
    `explain select c.id from chunk_embeddings e join chunks c on c.id = e.chunk_id join notes n on n.id = c.note_id
     where e.space_id = ${spaceId} and n.deleted_at is null
     order by e.embedding::vector(${dims}) <=> $1::vector(${dims}) limit 10`,
    [vectorLiteral(vector)],
  );
  return plan.rows.some((r) => Object.values(r).some((line) => String(line).includes(spaceIndexName(spaceId))));
}

/** Runs the latency benchmark on one prepared data directory. */
export async function measureLatency(
  dataDir: string,
  chunks: number,
  queries: readonly BenchQuery[],
  runs: number,
  log: (msg: string) => void,
): Promise<LatencyResult> {
  const timed = installModelTimer();
  const engine = await openEngram({ dataDir, holder: 'engram bench (latency)' });
  try {
    const space = await engine.spaces.active();
    if (!space) throw new Error('no active space');
    const search = engine.search;
    const hnswIndexUsed = await planUsesHnsw(engine.database, space.id, space.dimensions, queries[0]!.vector);
    if (!hnswIndexUsed) log(`latency ${chunks}: WARNING: the planner does not use the HNSW index for the vector leg`);
    // warm-up: page the index and the table in, load the model
    for (const q of queries.slice(0, 5)) {
      await search.nearestChunks(space, q.vector, {}, 10);
      await search.nearestChunks(space, q.vector, {}, 10, true);
      await engine.recall(q.text, { mode: 'hybrid', limit: 10 });
    }
    const hnswRuns: Summary[] = [];
    const exactRuns: Summary[] = [];
    const vectorRuns: Summary[] = [];
    const hybridRuns: Summary[] = [];
    const embedRuns: Summary[] = [];
    const speedups: number[] = [];
    let overlap = 0;
    let perfect = 0;
    for (let run = 0; run < runs; run++) {
      const hnswTimes: number[] = [];
      const exactTimes: number[] = [];
      for (const q of queries) {
        let t = performance.now();
        const approx = await search.nearestChunks(space, q.vector, {}, 10);
        hnswTimes.push(performance.now() - t);
        t = performance.now();
        const exact = await search.nearestChunks(space, q.vector, {}, 10, true);
        exactTimes.push(performance.now() - t);
        if (run === 0) {
          const truth = new Set(exact.map((m) => m.chunkId));
          const hits = approx.filter((m) => truth.has(m.chunkId)).length;
          overlap += hits / Math.max(1, truth.size);
          if (hits === truth.size && approx.length === truth.size) perfect++;
        }
      }
      const vectorTimes: number[] = [];
      const hybridTimes: number[] = [];
      const embedTimes: number[] = [];
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
      const h = summarize(hnswTimes);
      const e = summarize(exactTimes);
      hnswRuns.push(h);
      exactRuns.push(e);
      vectorRuns.push(summarize(vectorTimes));
      hybridRuns.push(summarize(hybridTimes));
      embedRuns.push(summarize(embedTimes));
      speedups.push(e.p50 / h.p50);
      log(`latency ${chunks}: run ${run + 1}/${runs}: hnsw p50 ${h.p50.toFixed(2)} ms, p95 ${h.p95.toFixed(2)} ms; exact p50 ${e.p50.toFixed(1)} ms`);
    }
    return {
      chunks,
      queries: queries.length,
      runs,
      hnsw: medianSummary(hnswRuns),
      exact: medianSummary(exactRuns),
      speedupP50: median(speedups),
      recallAt10: overlap / queries.length,
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
