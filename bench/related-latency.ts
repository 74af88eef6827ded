// Related notes at the bench's database sizes: the vector leg (each query passage an HNSW search, then aggregation)
// for 1, 5 and 12 query passages, and the whole call the app makes (meaning + the note's own words, passages as text).
import { RELATED_EF_SEARCH, RelatedRepository } from '../src/core/db/repositories/related-repository';
import { spaceIndexName } from '../src/core/db/repositories/spaces-repository';
import { openEngram } from '../src/core/engine/open-engram';
import { MAX_QUERY_PASSAGES } from '../src/core/related/query-passages';
import { aggregatePairs, type RelatedAggregation } from '../src/core/related/related-aggregation';
import { CENTROID_POOL, DEFAULT_RELATED_TUNING, PAIRS_PER_PASSAGE } from '../src/core/related/related-service';
import { medianSummary, summarize, type Summary } from './stats';

/** The target: related notes for one note, vector leg only, at 100k chunks. */
export const RELATED_TARGET = { p95Ms: 50, chunks: 100_000 } as const;

/** Related-notes latency at one database size. */
export interface RelatedLatencyResult {
  readonly chunks: number;
  /** Notes the calls were made for. */
  readonly notes: number;
  /** Whether EXPLAIN of the vector leg names the space's partial HNSW index. */
  readonly hnswIndexUsed: boolean;
  /** Vector leg (HNSW searches + aggregation) by number of query passages and HNSW ef_search (the app's: RELATED_EF_SEARCH). */
  readonly vectorLeg: readonly { readonly aggregation: RelatedAggregation; readonly passages: number; readonly efSearch: number; readonly ms: Summary }[];
  /** `relatedNotes` as the app calls it (a synthetic note has 5 passages). */
  readonly full: Summary;
}

/** Measures related notes for `samples` notes spread over the database, `runs` times; medians over runs. */
export async function measureRelatedLatency(dataDir: string, chunks: number, samples: number, runs: number, log: (msg: string) => void): Promise<RelatedLatencyResult> {
  const engine = await openEngram({ dataDir, holder: 'engram bench (related)' });
  try {
    const space = await engine.spaces.active();
    if (!space) throw new Error('no active space');
    const related = new RelatedRepository(engine.database);
    const total = (await engine.listNotes({ limit: 1 })).total;
    const noteIds: number[] = [];
    for (let i = 0; i < samples; i++) noteIds.push((await engine.listNotes({ offset: Math.floor((i * total) / samples), limit: 1 })).notes[0]!.id);
    const ownOf = new Map<number, number[]>();
    for (const id of noteIds) ownOf.set(id, (await related.ownChunks(id, space.id)).filter((c) => c.embedded).map((c) => c.chunkId));
    // 12 passages: the note's own and the next sampled notes' (the cost is per passage, whoever holds it)
    const passagesFor = (i: number, count: number): number[] => noteIds.flatMap((_, k) => ownOf.get(noteIds[(i + k) % noteIds.length]!)!).slice(0, count);
    const plans = [await related.explainNearest('centroid', space, noteIds[0]!, passagesFor(0, 5), CENTROID_POOL), await related.explainNearest('passages', space, noteIds[0]!, passagesFor(0, 5), PAIRS_PER_PASSAGE)];
    const plan = plans.join('\n');
    const hnswIndexUsed = plans.every((p) => p.includes(spaceIndexName(space.id)));
    if (!hnswIndexUsed) log(`related ${chunks}: WARNING: the vector leg does not use the HNSW index:\n${plan}`);
    // the app's centroid (one search) for 5 and 12 passages; one search per passage (max) beside it, and recall's ef_search
    const cases = [
      ...[5, MAX_QUERY_PASSAGES].map((passages) => ({ aggregation: 'centroid' as const, passages, efSearch: RELATED_EF_SEARCH })),
      ...[1, 5, MAX_QUERY_PASSAGES].map((passages) => ({ aggregation: 'max' as const, passages, efSearch: RELATED_EF_SEARCH })),
      { aggregation: 'max' as const, passages: 5, efSearch: 200 },
    ];
    const legRuns = new Map<(typeof cases)[number], Summary[]>(cases.map((c) => [c, []]));
    const fullRuns: Summary[] = [];
    for (let run = 0; run < runs; run++) {
      for (const c of cases) {
        const times: number[] = [];
        for (const [i, id] of noteIds.entries()) {
          const started = performance.now();
          const own = passagesFor(i, c.passages);
          const pairs = c.aggregation === 'centroid' ? await related.nearestToCentroid(space, id, own, CENTROID_POOL, c.efSearch) : await related.nearestToChunks(space, id, own, PAIRS_PER_PASSAGE, c.efSearch);
          aggregatePairs(pairs, c.aggregation);
          times.push(performance.now() - started);
        }
        const s = summarize(times);
        legRuns.get(c)!.push(s);
        log(`related ${chunks}: run ${run + 1}/${runs}: vector leg, ${c.aggregation}, ${c.passages} passages, ef_search ${c.efSearch}: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms`);
      }
      const times: number[] = [];
      for (const id of noteIds) {
        const started = performance.now();
        await engine.relatedNotes(id);
        times.push(performance.now() - started);
      }
      fullRuns.push(summarize(times));
      log(`related ${chunks}: run ${run + 1}/${runs}: relatedNotes: p50 ${fullRuns.at(-1)!.p50.toFixed(1)} ms, p95 ${fullRuns.at(-1)!.p95.toFixed(1)} ms`);
    }
    return {
      chunks,
      notes: noteIds.length,
      hnswIndexUsed,
      vectorLeg: cases.map((c) => ({ ...c, ms: medianSummary(legRuns.get(c)!) })),
      full: medianSummary(fullRuns),
    };
  } finally {
    await engine.close();
  }
}

/** The related-notes section of the bench report. */
export function formatRelatedLatency(results: readonly RelatedLatencyResult[]): string[] {
  if (results.length === 0) return [];
  const lines = ['', '## Related notes latency (ms)', '', `Vector leg = centroid: one HNSW search (${CENTROID_POOL} nearest chunks) for the mean of the query passages; max: one search per passage (${PAIRS_PER_PASSAGE} each); + aggregation; full = relatedNotes (vector leg + the note's text as a BM25 query + passages as plain text)`, ''];
  lines.push('| chunks | notes | index used | aggregation | passages | ef_search | vector p50 | vector p95 |', '|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    for (const leg of r.vectorLeg) lines.push(`| ${r.chunks} | ${r.notes} | ${r.hnswIndexUsed ? 'yes' : 'NO'} | ${leg.aggregation}${leg.aggregation === DEFAULT_RELATED_TUNING.aggregation ? ' (app)' : ''} | ${leg.passages} | ${leg.efSearch} | ${leg.ms.p50.toFixed(1)} | ${leg.ms.p95.toFixed(1)} |`);
  }
  lines.push('', '| chunks | full p50 | full p95 |', '|---|---|---|');
  for (const r of results) lines.push(`| ${r.chunks} | ${r.full.p50.toFixed(1)} | ${r.full.p95.toFixed(1)} |`);
  return lines;
}

/** The target's verdict: the vector leg for a 5-passage note at 100k chunks (n/a when that size was not measured). */
export function relatedVerdict(results: readonly RelatedLatencyResult[]): { target: string; measured: string; pass: boolean | null } | null {
  const largest = results[results.length - 1];
  if (!largest) return null;
  const leg = largest.vectorLeg.find((l) => l.passages === 5 && l.aggregation === DEFAULT_RELATED_TUNING.aggregation)!;
  const atTarget = largest.chunks >= RELATED_TARGET.chunks;
  return {
    target: `related notes p95 ≤ ${RELATED_TARGET.p95Ms} ms (vector leg, HNSW) at ${RELATED_TARGET.chunks} chunks`,
    measured: `${leg.ms.p95.toFixed(1)} ms for a 5-passage note at ${largest.chunks} chunks${atTarget ? '' : ' (target size not measured)'}${largest.hnswIndexUsed ? '' : ', HNSW index NOT used'}`,
    pass: atTarget ? leg.ms.p95 <= RELATED_TARGET.p95Ms && largest.hnswIndexUsed : null,
  };
}
