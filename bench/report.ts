// Formats benchmark results as a readable report with the issue's acceptance targets marked PASS or FAIL.
import type { LatencyResult } from './latency';
import { formatRelatedLatency, type RelatedLatencyResult } from './related-latency';
import type { OpenTimeResult } from './open-time';
import type { DiskUseResult } from './disk-use';
import { phraseNotesLabel, type PhraseLatencyResult } from './phrase-latency';
import type { BacklinksResult } from './backlinks';
import type { SpaceBuildResult } from './space-build';
import type { DelayStats, ResponsivenessResult } from './responsiveness';
import type { SyntheticDatabaseMeta } from './synthetic-database';
import type { ThroughputResult } from './throughput';

/** Acceptance targets from the issue. */
export const TARGETS = {
  /** #17: on par with LanceDB's HNSW at 100k chunks (an earlier issue asked for 15 ms). */
  hnswP95Ms: 5,
  hnswTargetChunks: 100_000,
  /** #17: HNSW p95 at most this share of the plain JS loop's p95, at jsLoopTargetChunks. */
  hnswVsJsLoopP95: 0.5,
  jsLoopTargetChunks: 10_000,
  recallAt10: 0.95,
  outsideShare: 0.15,
  /** #17: a fresh process opens a memory of openTargetChunks and answers its first recall, by mode. */
  openToFirstRecallMs: { hybrid: 1000, keyword: 500, vector: 1000 },
  openTargetChunks: 100_000,
  /** #17: resident memory after opening that memory and answering (hybrid: the model loaded). */
  rssMb: 250,
  eventLoopP99Ms: 50,
  backlinksP95Ms: 20,
  backlinksTargetNotes: 10_000,
  /** #17: inserting and indexing a space's vectors in bulk at buildTargetChunks (model excluded). */
  buildMs: 120_000,
  buildTargetChunks: 100_000,
  /** #17: quoted-phrase queries, the search without the query's embedding, at phraseTargetChunks. */
  phraseP95Ms: 100,
  phraseTargetChunks: 50_000,
  /** #17: the memory's directory at most this many times the raw size of its texts and vectors. */
  diskRatio: 3,
  diskTargetChunks: 100_000,
} as const;

/** Everything one bench run produced (also the --json output). */
export interface BenchReport {
  readonly environment: {
    readonly node: string;
    readonly cpus: number;
    readonly cpuModel: string;
    readonly loadAverageStart: readonly number[];
    readonly loadAverageEnd: readonly number[];
    readonly startedAt: string;
    readonly totalMs: number;
  };
  readonly options: { readonly sizes: readonly number[]; readonly runs: number; readonly quick: boolean; readonly bases: number; readonly seed: number };
  readonly vectors: {
    readonly description: string;
    readonly realTexts: number;
    readonly realEmbedMs: number;
    readonly fromCache: boolean;
    readonly queries: number;
  };
  readonly databases: readonly (SyntheticDatabaseMeta & { readonly fromCache: boolean; readonly dataDir: string })[];
  readonly latency: readonly LatencyResult[];
  readonly related: readonly RelatedLatencyResult[];
  readonly phrases: PhraseLatencyResult | null;
  readonly throughput: ThroughputResult | null;
  readonly openTime: readonly OpenTimeResult[];
  readonly disk: DiskUseResult | null;
  readonly responsiveness: ResponsivenessResult | null;
  readonly backlinks: BacklinksResult | null;
  readonly build: SpaceBuildResult | null;
  readonly verdicts: readonly Verdict[];
  /** Parts that failed, with their error (the other parts still report). */
  readonly failures: readonly { readonly part: string; readonly error: string }[];
}

/** One target checked against a measurement. */
export interface Verdict {
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean | null;
}

const f1 = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
const f2 = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');
const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;
const mb = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;

/** Checks the acceptance targets; a target whose condition was not measured (e.g. no 100k size) has pass null. */
export function verdicts(
  latency: readonly LatencyResult[],
  throughput: ThroughputResult | null,
  open: readonly OpenTimeResult[],
  resp: ResponsivenessResult | null,
  links: BacklinksResult | null = null,
  build: SpaceBuildResult | null = null,
): Verdict[] {
  const out: Verdict[] = [];
  const big = latency.find((l) => l.chunks >= TARGETS.hnswTargetChunks) ?? null;
  const largest = latency[latency.length - 1];
  if (largest) {
    const l = big ?? largest;
    const at = `${l.chunks} chunks${big ? '' : ` (target is at ${TARGETS.hnswTargetChunks}; not measured)`}`;
    out.push({ target: `HNSW p95 ≤ ${TARGETS.hnswP95Ms} ms, embedding excluded, at ${TARGETS.hnswTargetChunks} chunks`, measured: `${f2(l.hnsw.p95)} ms at ${at}`, pass: big ? l.hnsw.p95 <= TARGETS.hnswP95Ms : null });
    const small = latency.find((l) => l.chunks === TARGETS.jsLoopTargetChunks) ?? null;
    if (small) {
      out.push({
        target: `HNSW p95 ≤ ${TARGETS.hnswVsJsLoopP95}× a plain JS loop's p95 at ${TARGETS.jsLoopTargetChunks} chunks`,
        measured: `${f2(small.hnswVsJsLoopP95)}× (HNSW ${f2(small.hnsw.p95)} ms, JS loop ${f2(small.jsLoop.p95)} ms)`,
        pass: small.hnswVsJsLoopP95 <= TARGETS.hnswVsJsLoopP95,
      });
    }
    out.push({ target: `recall@10 of HNSW vs exact ≥ ${TARGETS.recallAt10}`, measured: `${l.recallAt10.toFixed(3)} at ${at}`, pass: big ? l.recallAt10 >= TARGETS.recallAt10 : null });
  }
  if (throughput) {
    out.push({ target: `time outside the model while adding notes ≤ ${pct(TARGETS.outsideShare)}`, measured: `${pct(throughput.outsideShare)} (${f2(throughput.notesPerSecond)} notes/s)`, pass: throughput.outsideShare <= TARGETS.outsideShare });
  }
  for (const o of open) {
    const ok = o.chunks >= TARGETS.openTargetChunks;
    const limit = TARGETS.openToFirstRecallMs[o.mode];
    out.push({ target: `open a ${TARGETS.openTargetChunks}-chunk database to its first answered ${o.mode} recall ≤ ${limit} ms`, measured: `${f1(o.totalMs)} ms at ${o.chunks} chunks`, pass: ok ? o.totalMs <= limit : null });
    if (o.mode === 'hybrid') out.push({ target: `resident memory after opening it and answering ≤ ${TARGETS.rssMb} MB`, measured: `${f1(o.rssMb)} MB at ${o.chunks} chunks`, pass: ok ? o.rssMb <= TARGETS.rssMb : null });
  }
  if (resp) {
    const worst = Math.max(resp.workerAdd.p99, resp.workerDrain.p99, resp.workerIndexBuild.p99);
    out.push({ target: `calling thread event-loop delay p99 ≤ ${TARGETS.eventLoopP99Ms} ms while embedding and indexing`, measured: `${f1(worst)} ms (worst worker phase)`, pass: worst <= TARGETS.eventLoopP99Ms });
  }
  if (links) {
    const ok = links.notes >= TARGETS.backlinksTargetNotes;
    out.push({ target: `a note's links and backlinks (noteLinks) p95 ≤ ${TARGETS.backlinksP95Ms} ms at ${TARGETS.backlinksTargetNotes} notes`, measured: `${f2(links.noteLinks.p95)} ms at ${links.notes} notes`, pass: ok ? links.noteLinks.p95 <= TARGETS.backlinksP95Ms : null });
  }
  if (build) {
    const ok = build.chunks >= TARGETS.buildTargetChunks;
    const bulkMs = build.copyMs + build.indexMs;
    out.push({
      target: `insert + index ${TARGETS.buildTargetChunks} vectors in bulk (binary COPY, then one HNSW build) ≤ ${TARGETS.buildMs / 1000} s`,
      measured:
        `${f1(bulkMs / 1000)} s for ${build.chunks} (COPY ${f1(build.copyMs / 1000)} s + index ${f1(build.indexMs / 1000)} s); ` +
        `a re-embed's incremental writes at that size: ${f2(build.incrementalMsPerVector)} ms a vector (${build.incrementalVectors} measured); ` +
        `WAL ${mb(build.walBytesBefore)} before, ${mb(build.walBytesAfter)} after; directory ${mb(build.directoryBytesAfter)}, tables and indexes ${mb(build.databaseBytesAfter)}`,
      pass: ok ? bulkMs <= TARGETS.buildMs : null,
    });
  }
  return out;
}

/** The phrase target, or null when the part did not run. */
export function phraseVerdict(p: PhraseLatencyResult | null): Verdict | null {
  if (!p) return null;
  const ok = p.chunks >= TARGETS.phraseTargetChunks;
  return {
    target: `quoted-phrase queries p95 ≤ ${TARGETS.phraseP95Ms} ms at ${TARGETS.phraseTargetChunks} chunks (hybrid recall(), the query's vector cached)`,
    measured: `${f1(p.hybridSearch.p95)} ms at ${p.chunks} chunks${ok ? '' : ' (target size not measured)'}; embedding each query anew ${f1(p.hybrid.p95)} ms; keyword mode ${f1(p.keyword.p95)} ms`,
    pass: ok ? p.hybridSearch.p95 <= TARGETS.phraseP95Ms : null,
  };
}

/** Raw bytes of a memory's contents: note texts and vectors. */
function rawBytes(d: DiskUseResult): number {
  return d.textBytes + d.vectorBytes;
}

/** The disk target, or null when the part did not run. */
export function diskVerdict(d: DiskUseResult | null): Verdict | null {
  if (!d) return null;
  const ok = d.chunks >= TARGETS.diskTargetChunks;
  const ratio = d.directoryBytes / rawBytes(d);
  return {
    target: `the memory's directory ≤ ${TARGETS.diskRatio}x the raw size of its texts + vectors at ${TARGETS.diskTargetChunks} chunks`,
    measured:
      `${f2(ratio)}x: ${mb(d.directoryBytes)} for ${mb(rawBytes(d))} raw at ${d.chunks} chunks${ok ? '' : ' (target size not measured)'}; ` +
      `tables and indexes (base/) ${mb(d.baseBytes)} = ${f2(d.baseBytes / rawBytes(d))}x, write-ahead log ${mb(d.walBytes)}`,
    pass: ok ? ratio <= TARGETS.diskRatio : null,
  };
}

function delayRow(d: DelayStats): string {
  return `| ${d.phase} | ${f1(d.durationMs / 1000)} s | ${f1(d.p50)} | ${f1(d.p99)} | ${f1(d.max)} |`;
}

/** Renders the report as markdown-ish text. */
export function formatBenchReport(r: BenchReport): string {
  const lines: string[] = [];
  const env = r.environment;
  lines.push('# Engram benchmark');
  lines.push('');
  lines.push(`node ${env.node}, ${env.cpus} × ${env.cpuModel}; load average ${env.loadAverageStart.map(f2).join('/')} at start, ${env.loadAverageEnd.map(f2).join('/')} at end; total ${f1(env.totalMs / 1000)} s`);
  lines.push(`runs: ${r.options.runs} (figures are medians over runs)${r.options.quick ? '; QUICK smoke run: sizes too small for the targets' : ''}`);
  lines.push('');
  lines.push(`Vectors: ${r.vectors.description}`);
  lines.push(`  ${r.vectors.realTexts} real texts embedded${r.vectors.fromCache ? ' (read from cache)' : ` in ${f1(r.vectors.realEmbedMs / 1000)} s`}; ${r.vectors.queries} real CISI queries embedded by the model.`);
  for (const db of r.databases) {
    lines.push(`  database ${db.chunks} chunks / ${db.notes} notes: insert ${f1(db.insertMs / 1000)} s, HNSW build ${f1(db.indexMs / 1000)} s${db.fromCache ? ' (cached build)' : ''}`);
  }
  if (r.latency.length) {
    lines.push('');
    lines.push('## Recall latency (ms)');
    lines.push('');
    lines.push('Vector leg = SearchRepository.nearestChunks top 10 (embedding excluded); "index used" = the planner picked the HNSW index');
    lines.push('(databases are ANALYZEd after the bulk load); JS loop = the baseline, top 10 by brute force over every vector in one');
    lines.push('Float32Array, same queries, same run; recall() = the whole API call, limit 10 (embedding included).');
    lines.push('');
    lines.push('| chunks | index used | HNSW p50 | HNSW p95 | exact p50 | exact p95 | exact/HNSW | JS loop p50 / p95 | HNSW/JS loop p95 | recall@10 | recall() vector p50 / p95 | recall() hybrid p50 / p95 | embedQuery p50 |');
    lines.push('| ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const l of r.latency) {
      lines.push(
        `| ${l.chunks} | ${l.hnswIndexUsed ? 'yes' : 'NO'} | ${f2(l.hnsw.p50)} | ${f2(l.hnsw.p95)} | ${f1(l.exact.p50)} | ${f1(l.exact.p95)} | ${f1(l.speedupP50)}× | ${f2(l.jsLoop.p50)} / ${f2(l.jsLoop.p95)} | ${f2(l.hnswVsJsLoopP95)}× | ${l.recallAt10.toFixed(3)} | ` +
          `${f1(l.recallVector.p50)} / ${f1(l.recallVector.p95)} | ${f1(l.recallHybrid.p50)} / ${f1(l.recallHybrid.p95)} | ${f1(l.embedQuery.p50)} |`,
      );
    }
    lines.push('');
    lines.push(`HNSW at each ef_search (the app uses ${r.latency[0]!.efSearch}); each value runs as its own block of queries:`);
    lines.push('');
    lines.push('| chunks | ef_search | HNSW p50 | HNSW p95 | recall@10 |');
    lines.push('| ---: | ---: | ---: | ---: | ---: |');
    for (const l of r.latency) {
      for (const p of l.sweep) lines.push(`| ${l.chunks} | ${p.efSearch}${p.efSearch === l.efSearch ? ' (app)' : ''} | ${f2(p.hnsw.p50)} | ${f2(p.hnsw.p95)} | ${p.recallAt10.toFixed(3)} |`);
    }
  }
  lines.push(...formatRelatedLatency(r.related));
  if (r.phrases) {
    const p = r.phrases;
    lines.push('');
    lines.push(`## Quoted-phrase queries at ${p.chunks} chunks (ms)`);
    lines.push('');
    lines.push(`The ${p.queries.length} CISI queries that quote phrases, recall() limit 10. "search" = hybrid with the query's vector cached (the`);
    lines.push('search alone, the target\'s figure); "embedded" = hybrid with the query embedded anew (no query-vector cache).');
    lines.push('');
    lines.push('| phrases | notes holding them | search (hybrid, vector cached) | keyword mode |');
    lines.push('| --- | ---: | ---: | ---: |');
    for (const q of p.queries) lines.push(`| ${q.phrases.map((x) => JSON.stringify(x)).join(' ').slice(0, 80)} | ${phraseNotesLabel(q)} | ${f1(q.searchMs)} | ${f1(q.keywordMs)} |`);
    lines.push('');
    lines.push('| recall() | p50 | p95 | max |');
    lines.push('| --- | ---: | ---: | ---: |');
    for (const [name, s] of [['search (hybrid, vector cached)', p.hybridSearch], ['hybrid, embedded', p.hybrid], ['keyword mode', p.keyword]] as const) lines.push(`| ${name} | ${f1(s.p50)} | ${f1(s.p95)} | ${f1(s.max)} |`);
  }
  if (r.throughput) {
    const t = r.throughput;
    lines.push('');
    lines.push('## Add-note throughput (built-in model)');
    lines.push('');
    const run = t.runs[0]!;
    lines.push(`${run.notes} CISI abstracts added one by one, then the queue drained (${run.chunks} chunks).`);
    lines.push(`- ${f2(t.notesPerSecond)} notes/s, ${f1(t.chunksPerSecond)} chunks/s end to end`);
    lines.push(`- time outside the model: ${pct(t.outsideShare)} of add+drain wall time (${pct(t.drainOutsideShare)} of the drain alone)`);
    lines.push(`- model alone on the same texts (same run): ${f1(t.modelOnlyChunksPerSecond)} chunks/s; engine reaches ${pct(t.ratioToModelOnly)} of it`);
  }
  if (r.openTime.length) {
    lines.push('');
    lines.push('## Open to first answered recall');
    lines.push('');
    lines.push(`${r.openTime[0]!.chunks}-chunk database, a fresh child process per run; hybrid needs the model (loaded on first use), keyword does not:`);
    for (const o of r.openTime) {
      lines.push(
        `- ${o.mode}: open ${f1(o.openMs)} ms + first recall ${f1(o.firstRecallMs)} ms = ${f1(o.totalMs)} ms ` +
          `(a second recall: ${f1(o.secondRecallMs)} ms; child process wall incl. Node start ${f1(o.processMs)} ms; RSS after the answer ${f1(o.rssMb)} MB)`,
      );
    }
  }
  if (r.responsiveness) {
    const s = r.responsiveness;
    lines.push('');
    lines.push('## Calling-thread responsiveness (event-loop delay, ms)');
    lines.push('');
    lines.push(`Engine in its worker thread (openEngramInWorker); ${s.notes} notes added and embedded; HNSW rebuilt over ${s.indexChunks} chunks.`);
    lines.push('');
    lines.push('| phase | duration | p50 | p99 | max |');
    lines.push('| --- | ---: | ---: | ---: | ---: |');
    for (const d of [s.idle, s.workerAdd, s.workerDrain, s.workerIndexBuild, s.inThreadIndexBuild]) if (d) lines.push(delayRow(d));
  }
  if (r.backlinks) {
    const b = r.backlinks;
    lines.push('');
    lines.push('## Links and backlinks (ms)');
    lines.push('');
    lines.push(`${b.notes} notes, ${b.links} links (built in ${f1(b.buildMs / 1000)} s); the most linked note has ${b.maxBacklinks} backlinks; ${b.queries} queries.`);
    lines.push('');
    lines.push('| call | p50 | p95 | p99 | max |');
    lines.push('| --- | ---: | ---: | ---: | ---: |');
    for (const [name, s] of [['noteLinks(id)', b.noteLinks], ['backlinks query alone', b.backlinksQuery]] as const) lines.push(`| ${name} | ${f2(s.p50)} | ${f2(s.p95)} | ${f2(s.p99)} | ${f2(s.max)} |`);
  }
  lines.push('');
  lines.push('## Targets');
  lines.push('');
  for (const v of r.verdicts) lines.push(`- [${v.pass === null ? 'n/a ' : v.pass ? 'PASS' : 'FAIL'}] ${v.target}: ${v.measured}`);
  for (const f of r.failures ?? []) lines.push(`- [ERROR] ${f.part} did not complete: ${f.error}`);
  return lines.join('\n');
}
