// Command-line options of `npm run bench:reembed` (recall latency while a re-embed runs).
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { positiveNumber } from './number-option';

/** Parsed options. */
export interface ReembedBenchOptions {
  readonly chunks: number;
  readonly runs: number;
  readonly json: boolean;
  readonly cacheDir: string;
  readonly datasetDir: string | null;
  readonly bases: number;
  readonly seed: number;
  readonly queries: number;
  /** Passes over the queries in the idle block. */
  readonly idlePasses: number;
  /** The Ollama model re-embedded into (served by the stand-in). */
  readonly model: string;
  /** Simulated cost of every /api/embed request at the stand-in, ms. */
  readonly latencyMs: number;
  /** Simulated cost of every text in a request, ms. */
  readonly perTextMs: number;
  /** How often the wizard's status poll runs (reembed status + spaces), ms; 0 turns it off. */
  readonly pollMs: number;
  /** Pause between two recalls during the re-embed, ms; 0 = back to back. */
  readonly recallGapMs: number;
  /** A run that has not switched after this many seconds fails. */
  readonly timeoutS: number;
}

/** The usage text. */
export const REEMBED_BENCH_USAGE = `Usage: npm run bench:reembed -- [options]
  --chunks N          chunks in the memory (default 50000); the database is built once and cached
  --runs N            re-embeds measured, each on a fresh copy; reports show medians over runs (default 1)
  --cache DIR         where generated databases and base embeddings are kept (default $TMPDIR/engram-bench-cache,
                      shared with npm run bench)
  --dataset DIR       CISI files (default <repo>/../shared/datasets/cisi)
  --bases N           real sentences the synthetic vectors derive from (default 3000, as npm run bench)
  --seed N            seed of the vector mixtures (default 42)
  --queries N         CISI queries recalled (default all 112)
  --idle-passes N     passes over the queries while idle (default 2)
  --model NAME        Ollama model to re-embed into, served by the stand-in (default nomic-embed-text)
  --latency-ms N      simulated cost per /api/embed request at the stand-in (default 5)
  --per-text-ms N     simulated cost per text (default 1)
  --poll-ms N         the wizard's status poll interval; 0 = off (default 1000, as the app)
  --recall-gap-ms N   pause between recalls during the re-embed, as a person reading results (default 0 =
                      back to back, the harshest load: the build then gets about one write slice per recall)
  --timeout-s N       give up on a run that has not switched after N seconds (default 7200)
  --json              print the results as JSON
`;

/** Parses argv (without node and script); null when help was asked for. */
export function parseReembedBenchOptions(argv: readonly string[]): ReembedBenchOptions | null {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      chunks: { type: 'string' },
      runs: { type: 'string' },
      json: { type: 'boolean', default: false },
      cache: { type: 'string' },
      dataset: { type: 'string' },
      bases: { type: 'string' },
      seed: { type: 'string' },
      queries: { type: 'string' },
      'idle-passes': { type: 'string' },
      model: { type: 'string' },
      'latency-ms': { type: 'string' },
      'per-text-ms': { type: 'string' },
      'poll-ms': { type: 'string' },
      'recall-gap-ms': { type: 'string' },
      'timeout-s': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  return {
    chunks: positiveNumber(values.chunks, 'chunks', 50_000),
    runs: positiveNumber(values.runs, 'runs', 1),
    json: values.json ?? false,
    cacheDir: path.resolve(values.cache ?? path.join(os.tmpdir(), 'engram-bench-cache')),
    datasetDir: values.dataset ? path.resolve(values.dataset) : null,
    bases: positiveNumber(values.bases, 'bases', 3000),
    seed: positiveNumber(values.seed, 'seed', 42),
    queries: positiveNumber(values.queries, 'queries', 112),
    idlePasses: positiveNumber(values['idle-passes'], 'idle-passes', 2),
    model: values.model?.trim() || 'nomic-embed-text',
    latencyMs: positiveNumber(values['latency-ms'], 'latency-ms', 5, false, true),
    perTextMs: positiveNumber(values['per-text-ms'], 'per-text-ms', 1, false, true),
    pollMs: positiveNumber(values['poll-ms'], 'poll-ms', 1000, true, true),
    recallGapMs: positiveNumber(values['recall-gap-ms'], 'recall-gap-ms', 0, true, true),
    timeoutS: positiveNumber(values['timeout-s'], 'timeout-s', 7200),
  };
}
