// `npm run bench`: recall latency (HNSW vs exact) and related-notes latency at 10k/100k chunks, add-note throughput, open-to-first-recall time
// and calling-thread responsiveness, checked against the issue's targets. See bench-options.ts for the flags.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCisiDir, loadCisi } from '../eval/cisi-parser';
import type { RecallMode } from '../src/shared/models';
import { cisiSentences, embedTexts, loadBaseEmbeddings, spreadPick } from './base-embeddings';
import { measureBacklinks, type BacklinksResult } from './backlinks';
import { measureDiskUse, type DiskUseResult } from './disk-use';
import { BENCH_USAGE, parseBenchOptions, type BenchPart } from './bench-options';
import { measureLatency, type BenchQuery, type LatencyResult } from './latency';
import { OPEN_CHILD_FLAG, measureOpenTime, runOpenChild, type OpenTimeResult } from './open-time';
import { measurePhraseLatency, phraseQueryTexts, type PhraseLatencyResult } from './phrase-latency';
import { diskVerdict, formatBenchReport, phraseVerdict, verdicts, type BenchReport } from './report';
import { measureRelatedLatency, relatedVerdict, type RelatedLatencyResult } from './related-latency';
import { measureResponsiveness, type ResponsivenessResult } from './responsiveness';
import { syntheticDatabase, type SyntheticDatabase } from './synthetic-database';
import { measureSpaceBuild, type SpaceBuildResult } from './space-build';
import { emptyMemory, measureThroughput, type ThroughputResult } from './throughput';

/** How the synthetic vectors are made, printed with every report. */
export const VECTOR_DESCRIPTION =
  'derived from real model output, not random noise: distinct CISI abstract sentences embedded by the built-in model ' +
  '(USE lite, 512-d); beyond those, each vector is a renormalised mixture of 2 or 3 real embeddings (one dominant, ' +
  'weights from a seeded PRNG), and its chunk text is the mixed sentences. Queries are real CISI query texts.';

const log = (msg: string): void => {
  process.stderr.write(`bench: ${msg}\n`);
};

const failures: { part: string; error: string }[] = [];

/** Runs one part; a failure is logged and recorded in the report instead of losing the other parts' results. */
async function part<T>(name: string, work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${name} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
    failures.push({ part: name, error: message });
    return null;
  }
}

async function openChild(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { 'open-child': { type: 'boolean' }, query: { type: 'string' }, mode: { type: 'string' } },
    allowPositionals: true,
  });
  await runOpenChild(positionals[0]!, values.query ?? 'information retrieval', (values.mode ?? 'hybrid') as RecallMode);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === OPEN_CHILD_FLAG) return openChild(argv);
  const options = parseBenchOptions(argv);
  if (!options) {
    process.stdout.write(BENCH_USAGE);
    return;
  }
  const started = performance.now();
  const loadAverageStart = os.loadavg();
  fs.mkdirSync(options.cacheDir, { recursive: true });
  const cisi = loadCisi(options.datasetDir ?? defaultCisiDir());
  log(`cache ${options.cacheDir}; sizes ${options.sizes.join(', ')}; runs ${options.runs}`);

  const needDatabases = ['latency', 'related', 'phrases', 'open', 'disk', 'responsiveness', 'build'].some((p) => !options.skip.has(p as BenchPart));
  const sentences = cisiSentences(cisi.documents);
  const baseTexts = spreadPick(sentences, options.bases);
  const bases = needDatabases ? await loadBaseEmbeddings(baseTexts, options.cacheDir, log) : null;
  if (bases) log(`${bases.texts.length} real base embeddings (of ${sentences.length} distinct sentences)${bases.fromCache ? ' from cache' : ''}`);

  const queryTexts = cisi.queries.slice(0, options.queries).map((q) => q.text);
  const queryVectors = needDatabases ? await embedTexts(queryTexts, () => undefined) : [];
  const queries: BenchQuery[] = queryVectors.map((vector, i) => ({ text: queryTexts[i]!, vector }));

  const databases: SyntheticDatabase[] = [];
  if (bases) {
    for (const size of options.sizes) {
      const db = await syntheticDatabase(options.cacheDir, size, options.seed, bases, log);
      log(`database ${size}: ${db.fromCache ? 'cached' : `built (insert ${(db.meta.insertMs / 1000).toFixed(1)} s, HNSW ${(db.meta.indexMs / 1000).toFixed(1)} s)`} at ${db.dataDir}`);
      databases.push(db);
    }
  }

  const latency: LatencyResult[] = [];
  if (!options.skip.has('latency')) {
    for (const db of databases) {
      const result = await part(`latency ${db.meta.chunks}`, () => measureLatency(db.dataDir, db.meta.chunks, queries, options.runs, options.efSearch, log));
      if (result) latency.push(result);
    }
  }

  const related: RelatedLatencyResult[] = [];
  if (!options.skip.has('related')) {
    for (const db of databases) {
      const result = await part(`related ${db.meta.chunks}`, () => measureRelatedLatency(db.dataDir, db.meta.chunks, options.relatedNotes, options.runs, log));
      if (result) related.push(result);
    }
  }

  let phrases: PhraseLatencyResult | null = null;
  if (!options.skip.has('phrases') && bases) {
    phrases = await part('phrases', async () => {
      const db = databases.find((d) => d.meta.chunks === options.phraseChunks) ?? (await syntheticDatabase(options.cacheDir, options.phraseChunks, options.seed, bases, log));
      // every CISI query that quotes a phrase, whatever --queries says: there are only a few
      return measurePhraseLatency(db.dataDir, db.meta.chunks, phraseQueryTexts(cisi.queries.map((q) => q.text)), options.runs, log);
    });
  }

  const emptyDir = await emptyMemory(path.join(options.cacheDir, 'empty-memory'));
  const notes = cisi.documents.slice(0, options.notes);
  let throughput: ThroughputResult | null = null;
  if (!options.skip.has('throughput')) throughput = await part('throughput', () => measureThroughput(notes, emptyDir, options.runs, log));

  const openTime: OpenTimeResult[] = [];
  const largest = databases[databases.length - 1];
  if (!options.skip.has('open') && largest) {
    // hybrid is the target (it needs the model); keyword shows the part that does not wait for the model
    for (const mode of ['hybrid', 'keyword'] as const) {
      const result = await part(`open (${mode})`, () => measureOpenTime(largest.dataDir, largest.meta.chunks, queryTexts, Math.max(3, options.runs), mode, log));
      if (result) openTime.push(result);
    }
  }

  let disk: DiskUseResult | null = null;
  if (!options.skip.has('disk') && largest) disk = await part('disk', () => measureDiskUse(largest.dataDir, largest.meta.chunks));

  let build: SpaceBuildResult | null = null;
  if (!options.skip.has('build') && largest) build = await part('build', () => measureSpaceBuild(largest.dataDir, 2000, log));

  let responsiveness: ResponsivenessResult | null = null;
  const smallest = databases[0];
  if (!options.skip.has('responsiveness') && smallest) {
    responsiveness = await part('responsiveness', () =>
      measureResponsiveness(notes, emptyDir, smallest.dataDir, smallest.meta.chunks, smallest.meta.chunks <= 20_000, log),
    );
  }

  let backlinks: BacklinksResult | null = null;
  if (!options.skip.has('backlinks')) {
    backlinks = await part('backlinks', () => measureBacklinks(emptyDir, cisi.documents.map((d) => d.abstract || d.title), options.linkNotes, Math.max(3, options.runs), options.seed, log));
  }

  const report: BenchReport = {
    environment: {
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      loadAverageStart,
      loadAverageEnd: os.loadavg(),
      startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
      totalMs: performance.now() - started,
    },
    options: { sizes: options.sizes, runs: options.runs, quick: options.quick, bases: options.bases, seed: options.seed },
    vectors: {
      description: VECTOR_DESCRIPTION,
      realTexts: bases?.texts.length ?? 0,
      realEmbedMs: bases?.embedMs ?? 0,
      fromCache: bases?.fromCache ?? false,
      queries: queries.length,
    },
    databases: databases.map((d) => ({ ...d.meta, fromCache: d.fromCache, dataDir: d.dataDir })),
    latency,
    related,
    phrases,
    throughput,
    openTime,
    disk,
    responsiveness,
    backlinks,
    build,
    verdicts: [...verdicts(latency, throughput, openTime, responsiveness, backlinks, build), ...[relatedVerdict(related), phraseVerdict(phrases), diskVerdict(disk)].filter((v) => v !== null)],
    failures,
  };
  if (failures.length) process.exitCode = 1;
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatBenchReport(report)}\n`);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
