// Command-line options of `npm run bench`.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** Parts of the benchmark that can be skipped. */
export type BenchPart = 'latency' | 'related' | 'phrases' | 'throughput' | 'open' | 'disk' | 'responsiveness' | 'backlinks' | 'build';

/** Parsed options. */
export interface BenchOptions {
  readonly sizes: readonly number[];
  readonly runs: number;
  readonly quick: boolean;
  readonly json: boolean;
  readonly cacheDir: string;
  readonly datasetDir: string | null;
  readonly bases: number;
  readonly seed: number;
  readonly notes: number;
  readonly queries: number;
  /** Notes timed per size in the related part. */
  readonly relatedNotes: number;
  /** ef_search values swept in the latency part. */
  readonly efSearch: readonly number[];
  readonly skip: ReadonlySet<BenchPart>;
  /** Notes in the backlinks part's memory. */
  readonly linkNotes: number;
  /** Chunks of the database the phrases part runs on (its own size: the target is at 50k). */
  readonly phraseChunks: number;
}

const PARTS: readonly BenchPart[] = ['latency', 'related', 'phrases', 'throughput', 'open', 'disk', 'responsiveness', 'backlinks', 'build'];

/** The usage text. */
export const BENCH_USAGE = `Usage: npm run bench -- [options]
  --sizes 10000,100000   chunk counts of the synthetic databases (default 10000,100000)
  --chunks N             one size only (the same as --sizes N)
  --runs N               repetitions; reports show medians over runs (default 3)
  --quick                smoke run: sizes 1000,3000, 1 run, fewer real texts and notes
  --cache DIR            where generated databases and base embeddings are kept (default $TMPDIR/engram-bench-cache)
  --dataset DIR          CISI files (default <repo>/../shared/datasets/cisi)
  --bases N              real sentences embedded to derive vectors from (default 3000)
  --seed N               seed of the vector mixtures (default 42)
  --notes N              notes added in the throughput and queue-responsiveness runs (default 150)
  --queries N            CISI queries used for latency (default all 112)
  --ef-search a,b        HNSW ef_search values swept in the latency part (default 40,64,100,200; the app's value is always included)
  --related-notes N      notes related notes is timed for per size (default 50)
  --link-notes N         notes in the backlinks part's linked memory (default 10000)
  --phrase-chunks N      chunks of the database the phrases part runs on (default 50000; --quick: the largest size)
  --skip a,b             skip parts: latency, related, phrases, throughput, open, disk, responsiveness, backlinks, build
  --json                 print the results as JSON
`;

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} needs a positive integer, got "${value}"`);
  return n;
}

/** Parses argv (without node and script). */
export function parseBenchOptions(argv: readonly string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      sizes: { type: 'string' },
      chunks: { type: 'string' },
      'related-notes': { type: 'string' },
      runs: { type: 'string' },
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      cache: { type: 'string' },
      dataset: { type: 'string' },
      bases: { type: 'string' },
      seed: { type: 'string' },
      notes: { type: 'string' },
      queries: { type: 'string' },
      'ef-search': { type: 'string' },
      skip: { type: 'string' },
      'link-notes': { type: 'string' },
      'phrase-chunks': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const quick = values.quick ?? false;
  const sizes = values.chunks
    ? [positiveInt(values.chunks.trim().replace(/k$/i, '000'), 'chunks', 0)]
    : values.sizes
    ? values.sizes.split(',').map((s) => positiveInt(s.trim().replace(/k$/i, '000'), 'sizes', 0))
    : quick
      ? [1000, 3000]
      : [10_000, 100_000];
  const skip = new Set<BenchPart>();
  for (const part of (values.skip ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!PARTS.includes(part as BenchPart)) throw new Error(`--skip: unknown part "${part}" (use ${PARTS.join(', ')})`);
    skip.add(part as BenchPart);
  }
  return {
    sizes: [...sizes].sort((a, b) => a - b),
    runs: positiveInt(values.runs, 'runs', quick ? 1 : 3),
    quick,
    json: values.json ?? false,
    cacheDir: path.resolve(values.cache ?? path.join(os.tmpdir(), 'engram-bench-cache')),
    datasetDir: values.dataset ? path.resolve(values.dataset) : null,
    bases: positiveInt(values.bases, 'bases', quick ? 400 : 3000),
    seed: positiveInt(values.seed, 'seed', 42),
    notes: positiveInt(values.notes, 'notes', quick ? 30 : 150),
    queries: positiveInt(values.queries, 'queries', quick ? 30 : 112),
    relatedNotes: positiveInt(values['related-notes'], 'related-notes', quick ? 10 : 50),
    efSearch: (values['ef-search'] ?? (quick ? '40' : '40,64,100,200')).split(',').map((s) => positiveInt(s.trim(), 'ef-search', 0)),
    skip,
    linkNotes: positiveInt(values['link-notes'], 'link-notes', quick ? 2000 : 10_000),
    phraseChunks: positiveInt(values['phrase-chunks']?.trim().replace(/k$/i, '000'), 'phrase-chunks', quick ? Math.max(...sizes) : 50_000),
  };
}
