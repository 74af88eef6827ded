// `npm run bench:reembed`: the re-embed issue's measurement. "During a re-embed of 50,000 chunks, recall p95 latency
// stays within 2x of idle and no recall fails." A memory of N chunks (built-in model, 512-d, vectors derived from
// real model output) is re-embedded into an Ollama model served by the stand-in server from test/support, while
// hybrid recall runs back to back. See bench/README.md and reembed-options.ts for the flags.
import fs from 'node:fs';
import os from 'node:os';
import { defaultCisiDir, loadCisi } from '../eval/cisi-parser';
import { cisiSentences, loadBaseEmbeddings, spreadPick } from './base-embeddings';
import { REEMBED_BENCH_USAGE, parseReembedBenchOptions } from './reembed-options';
import { formatReembedReport, summariseRuns, type ReembedBenchReport } from './reembed-report';
import { measureReembedRun, type ReembedRunResult } from './reembed-run';
import { syntheticDatabase } from './synthetic-database';

/** How the memory's vectors were made (the same builder and cache as `npm run bench`). */
const VECTORS =
  'the active space is the built-in model (USE lite, 512-d); vectors are derived from real model output by the ' +
  'synthetic database builder of npm run bench (distinct CISI sentences embedded by the built-in model, mixtures of ' +
  '2-3 of them beyond that; chunk text is the mixed sentences). Queries are real CISI query texts.';

const log = (msg: string): void => {
  process.stderr.write(`bench:reembed: ${msg}\n`);
};

async function main(): Promise<void> {
  const options = parseReembedBenchOptions(process.argv.slice(2));
  if (!options) {
    process.stdout.write(REEMBED_BENCH_USAGE);
    return;
  }
  const started = performance.now();
  const loadAverageStart = os.loadavg();
  fs.mkdirSync(options.cacheDir, { recursive: true });
  const cisi = loadCisi(options.datasetDir ?? defaultCisiDir());
  const bases = await loadBaseEmbeddings(spreadPick(cisiSentences(cisi.documents), options.bases), options.cacheDir, log);
  const db = await syntheticDatabase(options.cacheDir, options.chunks, options.seed, bases, log);
  log(`database ${options.chunks}: ${db.fromCache ? 'cached' : 'built'} at ${db.dataDir}`);
  const queries = cisi.queries.slice(0, options.queries).map((q) => q.text);

  const server =
    `the stand-in Ollama server from test/support/fake-ollama-server.ts, NOT Ollama: it speaks Ollama's HTTP API to the ` +
    `real \`ollama\` client, answers with hashed word-feature vectors (near-zero CPU) and charges a simulated ` +
    `${options.latencyMs} ms per request + ${options.perTextMs} ms per text, one request at a time (like a local GPU server)`;
  const runs: ReembedRunResult[] = [];
  for (let run = 0; run < options.runs; run++) {
    log(`run ${run + 1}/${options.runs}: re-embedding ${options.chunks} chunks into ${options.model}`);
    const result = await measureReembedRun(db.dataDir, db.meta.chunks, queries, options, log);
    log(
      `run ${run + 1}: idle p95 ${result.idle.p95.toFixed(1)} ms, during p95 ${result.during.p95.toFixed(1)} ms (${result.ratioP95.toFixed(2)}x), ` +
        `${result.failures.total} failed, ${result.reembed.seconds.toFixed(1)} s`,
    );
    runs.push(result);
  }

  const report: ReembedBenchReport = {
    environment: {
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      loadAverageStart,
      loadAverageEnd: os.loadavg(),
      totalMs: performance.now() - started,
    },
    settings: { ...options },
    server,
    vectors: VECTORS,
    database: { chunks: db.meta.chunks, dataDir: db.dataDir, fromCache: db.fromCache },
    runs,
    ...summariseRuns(runs),
  };
  if (!report.verdicts.noFailures || !report.verdicts.p95WithinTarget) process.exitCode = 1;
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReembedReport(report)}\n`);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`bench:reembed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
