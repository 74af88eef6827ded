// Import benchmark: a generated Obsidian-style vault (10,000 markdown notes by default: front matter, links,
// realistic sizes) imported into a fresh memory through the engine's import API, as the wizard runs it. Measures the
// time until every note is keyword-searchable (proved by keyword recall), peak memory, the embedding pipeline's
// throughput against the built-in model alone in the same run and, with `embed`, the time until all is embedded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEngram } from '../src/core/engine/open-engram';
import { sampleRss } from './import-memory';
import { measureModelAlone, type ModelAloneRun } from './import-model-alone';
import { measurePipeline, type PipelineWindow } from './import-pipeline';
import { verifyKeywordSearchable, type KeywordCheck } from './import-verify';
import { generateVault } from './import-vault';

/** The issue's targets. */
export const IMPORT_TARGETS = { keywordSearchableMs: 20_000, targetNotes: 10_000, peakRssBytes: 1024 ** 3, throughputRatio: 0.9 } as const;

/** Benchmark options. */
export interface ImportBenchmarkOptions {
  /** Notes in the generated vault (default 10,000). */
  readonly notes?: number;
  /** Also embed everything and time it (over half an hour at 10k notes with the built-in model on 2 cores). */
  readonly embed?: boolean;
  /** Chunks in the throughput comparison: the pipeline's window (without embed) and each model-alone run (default 320). */
  readonly sampleChunks?: number;
  /** Notes checked by keyword recall: 'all' (default) or an evenly spread sample. */
  readonly verify?: number | 'all';
  /** Where to put the vault and the data directory; kept afterwards when given. Default: a temporary folder, removed. */
  readonly workDir?: string;
  /** This bundle's path: the model-alone baseline runs it as a child process. */
  readonly script: string;
  readonly log?: (line: string) => void;
}

/** The measurements. */
export interface ImportBenchmarkResult {
  readonly environment: { readonly node: string; readonly cpus: number; readonly loadAverageStart: readonly number[]; readonly loadAverageEnd: readonly number[] };
  readonly notes: number;
  readonly vaultBytes: number;
  readonly chunks: number;
  /** From calling runImport until the progress event after the last batch committed (every note stored). */
  readonly lastBatchCommittedMs: number;
  /** From calling runImport until it returned its report. The keyword-searchable time; target ≤ 20 s at 10k notes. */
  readonly keywordSearchableMs: number;
  /** From calling runImport until the first batch was committed. */
  readonly firstBatchSearchableMs: number;
  readonly keywordCheck: KeywordCheck;
  /** The engine's queue runner over the measured window (sampleChunks chunks, or everything with embed). */
  readonly pipeline: PipelineWindow;
  /**
   * The built-in model alone, before and after the pipeline window, on the same chunk texts: the first sampleChunks
   * queued (the pipeline's window), or with embed a sample of sampleChunks spread evenly over the whole queue.
   */
  readonly modelAlone: readonly [ModelAloneRun, ModelAloneRun];
  /** Pipeline chunks/s over the mean of the two model-alone runs. Target ≥ 0.9. */
  readonly throughputRatio: number;
  /** With embed: keywordSearchableMs + the pipeline's time to empty the queue (embedding starts when the import hands over). */
  readonly fullyEmbeddedMs: number | null;
  /** Highest resident set size of this process (engine, PGlite and the embedder thread) while importing and embedding. */
  readonly peakRssBytes: number;
  readonly targets: { readonly keywordWithin20s: boolean | null; readonly memoryWithin1GB: boolean; readonly throughputAtLeast90: boolean };
}

/** Runs the benchmark and returns the measurements. */
export async function runImportBenchmark(options: ImportBenchmarkOptions): Promise<ImportBenchmarkResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const count = options.notes ?? IMPORT_TARGETS.targetNotes;
  const sampleChunks = options.sampleChunks ?? 320;
  const loadAverageStart = os.loadavg();
  const work = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'engram-bench-import-'));
  const vault = path.join(work, 'vault');
  const dataDir = path.join(work, 'data');
  fs.rmSync(vault, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
  const rss = sampleRss();
  try {
    log(`import bench: generating ${count} notes...`);
    const vaultBytes = generateVault(vault, count);
    log(`import bench: ${(vaultBytes / 1024 ** 2).toFixed(1)} MB; opening a fresh memory...`);
    const engram = await openEngram({ dataDir, holder: 'engram bench (import)' });
    let closed = false;
    try {
      await engram.recall('warm up', { mode: 'vector', limit: 1 }); // the app has its model loaded before an import
      let firstBatch = 0;
      let lastBatch = 0;
      let nextLog = 1000;
      const unsubscribe = engram.onImportProgress((p) => {
        if (p.phase !== 'importing' || p.notesStored === 0) return;
        firstBatch ||= performance.now();
        if (p.filesParsed === p.filesTotal) lastBatch ||= performance.now();
        if (p.filesParsed >= nextLog) {
          log(`  ${p.filesParsed}/${p.filesTotal} files, ${p.notesStored} notes stored`);
          nextLog += 1000;
        }
      });
      const started = performance.now();
      const report = await engram.runImport({ path: vault });
      const keywordSearchableMs = performance.now() - started;
      unsubscribe();
      if (report.counts.imported !== count || report.counts.failed !== 0) throw new Error(`expected ${count} notes imported, got ${JSON.stringify(report.counts)}`);
      log(`import bench: runImport returned after ${(keywordSearchableMs / 1000).toFixed(2)} s; checking keyword recall...`);
      const keywordCheck = await verifyKeywordSearchable(engram, count, options.verify ?? 'all');
      if (keywordCheck.found !== keywordCheck.checked) throw new Error(`${keywordCheck.checked - keywordCheck.found} notes not keyword-searchable, e.g. ${keywordCheck.missing.join(', ')}`);
      log(`import bench: ${keywordCheck.found}/${keywordCheck.checked} notes found by keyword recall (${(keywordCheck.ms / 1000).toFixed(1)} s)`);

      const space = await engram.spaces.active();
      if (!space) throw new Error('no active embedding space');
      const chunks = (await engram.queue.counts(space.id)).pending;
      // Without embed the pipeline's window is the first sampleChunks queued chunks, so the model alone gets those; with
      // embed the pipeline embeds them all, so the model alone gets a sample spread evenly over the whole queue.
      const queued = (await engram.queue.due(space.id, options.embed ? chunks : sampleChunks)).map((d) => d.searchText);
      const sample = options.embed ? spread(queued, sampleChunks) : queued;
      const textsFile = path.join(work, 'model-alone-texts.json');
      log(`import bench: ${chunks} chunks queued; the model alone on ${options.embed ? 'a spread sample of' : 'the first'} ${sample.length}...`);
      const before = await measureModelAlone(options.script, textsFile, sample);
      log(`import bench: model alone ${before.chunksPerSecond.toFixed(2)} chunks/s; the pipeline${options.embed ? ' until everything is embedded' : ` on ${sample.length} chunks`}...`);
      const pipeline = await measurePipeline(engram, sample.length, options.embed === true, log);
      if (options.embed && !pipeline.drained) throw new Error('the pipeline stopped before the queue was empty');
      const peakRssBytes = rss.peak();
      closed = true;
      await engram.close(); // stops the runner (after its batch), so the second baseline has the CPU to itself
      const after = await measureModelAlone(options.script, textsFile, sample);
      const throughputRatio = pipeline.chunksPerSecond / ((before.chunksPerSecond + after.chunksPerSecond) / 2);
      log(`import bench: pipeline ${pipeline.chunksPerSecond.toFixed(2)} chunks/s; model alone ${before.chunksPerSecond.toFixed(2)} / ${after.chunksPerSecond.toFixed(2)} chunks/s`);
      return {
        environment: { node: process.version, cpus: os.cpus().length, loadAverageStart, loadAverageEnd: os.loadavg() },
        notes: count,
        vaultBytes,
        chunks,
        lastBatchCommittedMs: lastBatch - started,
        keywordSearchableMs,
        firstBatchSearchableMs: firstBatch - started,
        keywordCheck,
        pipeline,
        modelAlone: [before, after],
        throughputRatio,
        fullyEmbeddedMs: options.embed ? keywordSearchableMs + pipeline.ms : null,
        peakRssBytes,
        targets: {
          keywordWithin20s: count >= IMPORT_TARGETS.targetNotes ? keywordSearchableMs <= IMPORT_TARGETS.keywordSearchableMs : null,
          memoryWithin1GB: peakRssBytes <= IMPORT_TARGETS.peakRssBytes,
          throughputAtLeast90: throughputRatio >= IMPORT_TARGETS.throughputRatio,
        },
      };
    } finally {
      if (!closed) await engram.close();
    }
  } finally {
    rss.stop();
    if (!options.workDir) fs.rmSync(work, { recursive: true, force: true });
  }
}

/** `count` items spread evenly over the list (all of it when it is shorter). */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}
