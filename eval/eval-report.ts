// Formats the evaluation as markdown: one table per collection, then the leave-one-collection-out rows.
import type { MemoryPreparation } from './eval-memory';
import { NONSENSE_QUERIES, type CutoffRow } from './less-related';
import type { RunResult } from './eval-run';
import type { LeaveOneOutRow, SweepPoint } from './leave-one-out';
import { relativeGain } from './metrics';

/** Everything measured on one collection. */
export interface CollectionReport {
  readonly name: string;
  readonly documents: number;
  readonly judgedQueries: number;
  readonly memory: MemoryPreparation;
  readonly runs: readonly RunResult[];
  /** The "less related" cut-offs tried (--cutoffs); empty when not measured. */
  readonly cutoffs: readonly CutoffRow[];
}

/** The whole evaluation, as printed with --json. */
export interface EvalReport {
  readonly collections: readonly CollectionReport[];
  readonly sweep: readonly SweepPoint[];
  readonly leaveOneOut: readonly LeaveOneOutRow[];
  /** `uptime`'s load averages when the queries ran: timings depend on them, quality scores do not. */
  readonly loadAverage: readonly number[];
}

const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/** The keyword row's nDCG@10 of a collection, the baseline every gain is measured against (null without one). */
export function keywordNdcg(report: CollectionReport): number | null {
  return report.runs.find((r) => r.mode === 'keyword' && r.setting === 'default')?.ndcgAt10 ?? null;
}

function formatCollection(c: CollectionReport): string[] {
  const lines = [`${c.name}: ${c.documents} documents, ${c.judgedQueries} judged queries (memory ${c.memory.dataDir})`];
  if (c.memory.reused) lines.push('memory: reused from the cache');
  else lines.push(`memory: notes added in ${((c.memory.loadMs ?? 0) / 1000).toFixed(1)} s; ${c.memory.embeddedChunks} chunks embedded in ${((c.memory.embedMs ?? 0) / 1000).toFixed(1)} s`);
  const base = keywordNdcg(c);
  lines.push('', '| mode | nDCG@10 | vs keyword | recall@10 | recall@100 | p50 ms | p95 ms |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of c.runs) {
    const label = r.setting === 'default' ? r.mode : `${r.mode} (${r.setting})`;
    const gain = base === null || (r.mode === 'keyword' && r.setting === 'default') ? '' : pct(relativeGain(r.ndcgAt10, base));
    lines.push(`| ${label} | ${r.ndcgAt10.toFixed(4)} | ${gain} | ${r.recallAt10.toFixed(4)} | ${r.recallAt100.toFixed(4)} | ${r.p50Ms.toFixed(1)} | ${r.p95Ms.toFixed(1)} |`);
  }
  return lines;
}

/** Formats the report as markdown tables. */
export function formatReport(report: EvalReport): string {
  const lines: string[] = [];
  for (const c of report.collections) lines.push(...formatCollection(c), '');
  if (report.sweep.length) {
    const names = report.collections.map((c) => c.name);
    lines.push('Hybrid settings tried for the leave-one-out choice (nDCG@10):', '');
    lines.push(`| setting | ${names.join(' | ')} |`, `| --- | ${names.map(() => '---:').join(' | ')} |`);
    for (const p of report.sweep) lines.push(`| ${p.label} | ${names.map((n) => (p.ndcgAt10.get(n) ?? 0).toFixed(4)).join(' | ')} |`);
    lines.push('');
  }
  if (report.leaveOneOut.length) {
    lines.push('Leave-one-collection-out (setting chosen on the other collections, measured on this one):', '');
    lines.push('| measured on | chosen on | setting chosen | nDCG@10 | vs keyword |', '| --- | --- | --- | ---: | ---: |');
    for (const r of report.leaveOneOut) lines.push(`| ${r.measuredOn} | ${r.chosenOn.join(', ')} | ${r.label} | ${r.ndcgAt10.toFixed(4)} | ${pct(r.gainOverKeyword)} |`);
    lines.push('');
  }
  for (const c of report.collections.filter((c) => c.cutoffs.length)) {
    lines.push(`${c.name}: hybrid with hits below a similarity cut-off (and without a query word) moved under "less related":`, '');
    lines.push(`| cut-off | nDCG@10 | top-10 hits marked | relevant notes found by meaning alone, marked | nonsense queries answered "No matches" (of ${NONSENSE_QUERIES.length}) |`, '| ---: | ---: | ---: | ---: | ---: |');
    for (const r of c.cutoffs) lines.push(`| ${r.similarity} | ${r.ndcgAt10.toFixed(4)} | ${(r.markedShare * 100).toFixed(1)}% | ${(r.meaningOnlyRelevantMarked * 100).toFixed(1)}% of ${r.meaningOnlyRelevant} | ${r.nonsenseNoMatches} |`);
    lines.push('');
  }
  lines.push(`load average while querying: ${report.loadAverage.map((l) => l.toFixed(2)).join(', ')} (timings depend on it; quality scores do not)`);
  return lines.join('\n');
}
