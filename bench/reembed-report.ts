// The report of `npm run bench:reembed`: medians over runs, the issue's two targets, and a plain-text rendering.
import { fmtMs, median, medianSummary, type Summary } from './stats';
import type { ReembedRunResult } from './reembed-run';
import type { ReembedBenchOptions } from './reembed-options';

/** The issue's targets: recall p95 during a re-embed within 2x of idle, and no failed recall. */
export const TARGET_P95_RATIO = 2;

/** What the benchmark prints (as JSON with --json). */
export interface ReembedBenchReport {
  readonly environment: Record<string, unknown>;
  readonly settings: ReembedBenchOptions;
  /** Says plainly what served the "Ollama" model. */
  readonly server: string;
  readonly vectors: string;
  readonly database: { readonly chunks: number; readonly dataDir: string; readonly fromCache: boolean };
  readonly runs: readonly ReembedRunResult[];
  readonly median: {
    readonly idle: Summary;
    readonly during: Summary;
    readonly duringBuild: Summary;
    readonly duringFinish: Summary;
    readonly ratioP95: number;
    readonly seconds: number;
    readonly chunksPerSecond: number;
  };
  /** Failed recalls summed over runs. */
  readonly failures: number;
  readonly verdicts: { readonly p95WithinTarget: boolean; readonly noFailures: boolean };
}

/** Medians over runs and the verdicts. */
export function summariseRuns(runs: readonly ReembedRunResult[]): Pick<ReembedBenchReport, 'median' | 'failures' | 'verdicts'> {
  const med = {
    idle: medianSummary(runs.map((r) => r.idle)),
    during: medianSummary(runs.map((r) => r.during)),
    duringBuild: medianSummary(runs.map((r) => r.duringBuild)),
    duringFinish: medianSummary(runs.map((r) => r.duringFinish)),
    ratioP95: median(runs.map((r) => r.ratioP95)),
    seconds: median(runs.map((r) => r.reembed.seconds)),
    chunksPerSecond: median(runs.map((r) => r.reembed.chunksPerSecond)),
  };
  const failures = runs.reduce((n, r) => n + r.failures.total, 0);
  return { median: med, failures, verdicts: { p95WithinTarget: med.ratioP95 <= TARGET_P95_RATIO, noFailures: failures === 0 } };
}

function line(label: string, s: Summary): string {
  return `  ${label.padEnd(30)} p50 ${fmtMs(s.p50).padStart(9)}   p95 ${fmtMs(s.p95).padStart(9)}   max ${fmtMs(s.max).padStart(9)}   (${s.n} recalls)`;
}

/** The report as text. */
export function formatReembedReport(report: ReembedBenchReport): string {
  const m = report.median;
  const runs = report.runs;
  const first = runs[0];
  const ok = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');
  const out = [
    `Recall during a re-embed of ${report.database.chunks} chunks (${runs.length} run${runs.length === 1 ? '' : 's'}; medians over runs)`,
    '',
    `Model server: ${report.server}`,
    `Vectors: ${report.vectors}`,
    first ? `Re-embed: ${first.reembed.from} -> ${first.reembed.to}` : '',
    '',
    `Hybrid recall() through the worker-hosted engine, real CISI query texts, ${report.settings.recallGapMs > 0 ? `${report.settings.recallGapMs} ms apart during the re-embed` : 'back to back'}:`,
    line('idle', m.idle),
    line('during the re-embed (all)', m.during),
    line('  while building', m.duringBuild),
    line('  validate + switch', m.duringFinish),
    '',
    `p95 during / idle: ${m.ratioP95.toFixed(2)}x (target <= ${TARGET_P95_RATIO}x)   ${ok(report.verdicts.p95WithinTarget)}`,
    `failed recalls: ${report.failures} (target 0)   ${ok(report.verdicts.noFailures)}`,
    `re-embed: ${m.seconds.toFixed(1)} s from start to switch, ${m.chunksPerSecond.toFixed(0)} chunks/s`,
    '',
    'Per run:',
  ];
  runs.forEach((r, i) => {
    out.push(
      `  run ${i + 1}: idle p95 ${fmtMs(r.idle.p95)}, during p95 ${fmtMs(r.during.p95)} (${r.ratioP95.toFixed(2)}x), failures ${r.failures.total}` +
        ` (threw ${r.failures.threw}, empty ${r.failures.empty}, keyword only ${r.failures.keywordOnly}), plan ${r.reembed.planSeconds.toFixed(1)} s,` +
        ` build ${r.reembed.buildSeconds.toFixed(1)} s, validate+switch ${r.reembed.finishSeconds.toFixed(1)} s, ${r.reembed.embedded} vectors,` +
        ` stand-in busy ${(r.server.busyShare * 100).toFixed(0)}% over ${r.server.requests} requests, ${r.polls} status polls`,
    );
    for (const example of r.failures.examples) out.push(`    ${example}`);
    if (r.failures.idle > 0) out.push(`    WARNING: ${r.failures.idle} recalls already failed while idle`);
  });
  const env = report.environment;
  out.push('', `Environment: node ${String(env['node'])}, ${String(env['cpus'])} CPUs, load average ${JSON.stringify(env['loadAverageStart'])} -> ${JSON.stringify(env['loadAverageEnd'])}`);
  return out.join('\n');
}
