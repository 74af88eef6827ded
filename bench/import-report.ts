// Formats the import benchmark's results as a readable report with the issue's targets marked PASS or FAIL.
import { IMPORT_TARGETS, type ImportBenchmarkResult } from './import-benchmark';

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
const mark = (pass: boolean | null): string => (pass === null ? 'n/a ' : pass ? 'PASS' : 'FAIL');
const load = (l: readonly number[]): string => l.map((x) => x.toFixed(2)).join(' ');

/** The text report. */
export function formatImportBenchReport(r: ImportBenchmarkResult): string {
  const [before, after] = r.modelAlone;
  const lines = [
    `import benchmark: ${r.notes} notes (${mb(r.vaultBytes)}), ${r.chunks} chunks; node ${r.environment.node}, ${r.environment.cpus} CPUs`,
    `load average at start ${load(r.environment.loadAverageStart)}, at end ${load(r.environment.loadAverageEnd)}`,
    '',
    `first batch searchable       ${s(r.firstBatchSearchableMs)}`,
    `last batch committed         ${s(r.lastBatchCommittedMs)}`,
    `import returned (searchable) ${s(r.keywordSearchableMs)}`,
    `keyword recall check         ${r.keywordCheck.found}/${r.keywordCheck.checked} notes found by their marker (${s(r.keywordCheck.ms)})`,
    `pipeline                     ${r.pipeline.chunks} chunks in ${s(r.pipeline.ms)}: ${r.pipeline.chunksPerSecond.toFixed(2)} chunks/s${r.pipeline.drained ? ' (queue empty)' : ''}`,
    `model alone (same chunks)    ${before.chunksPerSecond.toFixed(2)} chunks/s before, ${after.chunksPerSecond.toFixed(2)} after (${before.chunks} chunks each)`,
    `fully embedded               ${r.fullyEmbeddedMs === null ? 'not measured (use --embed)' : s(r.fullyEmbeddedMs)}`,
    `peak RSS                     ${mb(r.peakRssBytes)}`,
    '',
    `${mark(r.targets.keywordWithin20s)} every note keyword-searchable ≤ ${IMPORT_TARGETS.keywordSearchableMs / 1000} s at ${IMPORT_TARGETS.targetNotes} notes: ${s(r.keywordSearchableMs)}${r.targets.keywordWithin20s === null ? ` (at ${r.notes} notes)` : ''}`,
    `${mark(r.targets.memoryWithin1GB)} peak memory ≤ 1 GB: ${mb(r.peakRssBytes)}`,
    `${mark(r.targets.throughputAtLeast90)} pipeline throughput ≥ ${IMPORT_TARGETS.throughputRatio * 100}% of the model alone: ${(r.throughputRatio * 100).toFixed(1)}%`,
  ];
  return lines.join('\n');
}
