// Import benchmark: a generated Obsidian-style vault of 10,000 markdown notes (front matter, links, realistic sizes)
// imported into a fresh memory with the built-in model: time until every note is keyword-searchable, time until all
// are embedded, peak memory (RSS sampled), and the pipeline's embedding throughput against the model alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BuiltinProvider } from '../src/core/embedding/builtin/builtin-provider';
import { openEngram } from '../src/core/engine/open-engram';
import { ImportService } from '../src/core/import/import-service';

/** Benchmark options (defaults: 10,000 notes, a temporary folder, progress on stderr). */
export interface ImportBenchmarkOptions {
  readonly notes?: number;
  /** Where to put the vault and the data directory (removed afterwards unless keep is set). */
  readonly workDir?: string;
  readonly keep?: boolean;
  /** Chunks (sampled from those imported) embedded straight through the model for the baseline (default 320). */
  readonly baselineChunks?: number;
  readonly log?: (line: string) => void;
}

/** The measurements, with the targets. */
export interface ImportBenchmarkResult {
  readonly notes: number;
  readonly vaultBytes: number;
  readonly chunks: number;
  /** From the start of the import until every note is stored (keyword-searchable). Target ≤ 20 s. */
  readonly keywordSearchableMs: number;
  /** From the start until the first batch was searchable. */
  readonly firstBatchSearchableMs: number;
  /** From the start of the import until the embedding queue is empty. */
  readonly fullyEmbeddedMs: number;
  /** Chunks embedded per second by the pipeline: from the import handing its chunks over until the queue is empty. */
  readonly pipelineChunksPerSecond: number;
  /** A sample of the same chunks embedded straight through the built-in model (after the pipeline): chunks/s. */
  readonly modelOnlyChunksPerSecond: number;
  /** pipeline / model-only. Target ≥ 0.9. */
  readonly throughputRatio: number;
  /** Highest resident set size sampled every 100 ms (the process, workers included). Target ≤ 1 GB. */
  readonly peakRssBytes: number;
  readonly targets: { readonly keywordWithin20s: boolean; readonly memoryWithin1GB: boolean; readonly throughputAtLeast90: boolean };
}

const WORDS = (
  'garden river meeting budget project design review coffee travel family music reading recipe weather ' +
  'planning research deadline customer server database release sprint backlog invoice doctor school ' +
  'mountain bicycle train kitchen window letter friend evening morning winter summer harvest library ' +
  'journal idea question answer problem solution draft outline chapter lecture notebook pencil market'
).split(' ');

/** A small deterministic PRNG (mulberry32), so every run imports the same vault. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes `count` notes: log-normal sizes (median ~900 characters, a long tail to ~20k), front matter, headings, lists, [[links]]. */
export function generateVault(root: string, count: number): number {
  const rnd = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const sentence = (): string => {
    const words = Array.from({ length: 6 + Math.floor(rnd() * 14) }, () => pick(WORDS));
    return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  };
  let bytes = 0;
  fs.mkdirSync(path.join(root, '.obsidian'), { recursive: true });
  for (let i = 0; i < count; i++) {
    const folder = path.join(root, `area-${i % 20}`, `topic-${i % 7}`);
    fs.mkdirSync(folder, { recursive: true });
    const target = Math.min(20_000, Math.round(Math.exp(Math.log(900) + 0.9 * gaussian(rnd))));
    const created = new Date(Date.UTC(2015, 0, 1) + Math.floor(rnd() * 9 * 365) * 86_400_000).toISOString().slice(0, 10);
    let text = `---\ntags: [${pick(WORDS)}, area/${pick(WORDS)}]\ncreated: ${created}\naliases: [${pick(WORDS)} ${i}]\n---\n# Note ${i} ${pick(WORDS)}\n\n`;
    while (text.length < target) {
      const r = rnd();
      if (r < 0.1) text += `## ${sentence()}\n\n`;
      else if (r < 0.25) text += `- ${sentence()}\n- ${sentence()}\n- [[Note ${Math.floor(rnd() * count)}]]\n\n`;
      else text += `${sentence()} ${sentence()} ${sentence()} See [[Note ${Math.floor(rnd() * count)}]]. #${pick(WORDS)}/${pick(WORDS)}\n\n`;
    }
    text += `Unique marker zq${i}x.\n`;
    fs.writeFileSync(path.join(folder, `Note ${i}.md`), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

function gaussian(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

/** Runs the benchmark and returns the measurements. */
export async function runImportBenchmark(options: ImportBenchmarkOptions = {}): Promise<ImportBenchmarkResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const count = options.notes ?? 10_000;
  const work = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'engram-bench-import-'));
  const vault = path.join(work, 'vault');
  const dataDir = path.join(work, 'data');
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    log(`import bench: generating ${count} notes...`);
    const vaultBytes = generateVault(vault, count);
    log('import bench: opening a fresh memory...');
    const engram = await openEngram({ dataDir, holder: 'engram bench (import)' });
    try {
      await engram.recall('warm up', { mode: 'vector', limit: 1 }).catch(() => undefined); // load the model before the clock starts
      let firstStored = 0;
      let lastLog = 0;
      const unsubscribe = engram.onProgress((p) => {
        if (p.kind !== 'embedding' || performance.now() - lastLog < 30_000) return;
        lastLog = performance.now();
        log(`  embedding: ${p.done}/${p.total} chunks, ${(process.memoryUsage().rss / 1024 ** 2).toFixed(0)} MB RSS`);
      });
      // the app's background runner, as the engine wires it: the import's onQueued starts draining the queue
      let embedding: Promise<number> | null = null;
      let embeddingStarted = 0;
      const drainAll = async (): Promise<number> => {
        embeddingStarted = performance.now();
        while ((await engram.drainQueue()) > 0 || (await engram.status()).embeddings.pending > 0) await sleep(10);
        return performance.now();
      };
      const service = new ImportService({ db: engram.database, onQueued: () => void (embedding ??= drainAll()) });
      const started = performance.now();
      const report = await service.run(
        { path: vault },
        {
          onProgress: (p) => {
            if (p.notesStored > 0 && firstStored === 0) firstStored = performance.now();
            if (p.phase === 'importing' && p.filesParsed % 1000 < 200) log(`  ${p.filesParsed}/${p.filesTotal} files, ${p.embeddings.done} chunks embedded`);
          },
        },
      );
      const keywordSearchableMs = performance.now() - started;
      if (report.counts.imported !== count) throw new Error(`expected ${count} notes imported, got ${JSON.stringify(report.counts)}`);
      const probe = await engram.recall(`zq${count - 1}x`, { mode: 'keyword', limit: 1 });
      if (probe.results[0]?.title !== `Note ${count - 1}`) throw new Error('the last note is not keyword-searchable');
      log(`import bench: all ${count} notes keyword-searchable after ${(keywordSearchableMs / 1000).toFixed(1)} s; embedding...`);
      if (!embedding) throw new Error('the import never handed its chunks to the embedder (onQueued)');
      const embeddedAt: number = await embedding;
      unsubscribe();
      const fullyEmbeddedMs = embeddedAt - started;
      const chunks = (await engram.status()).embeddings.done;
      const pipeline = chunks / ((embeddedAt - embeddingStarted) / 1000);
      const peakRssBytes = peakRss;
      clearInterval(sampler); // the baseline loads a second copy of the model: not part of the import's footprint
      const sample = await engram.database.query<{ search_text: string }>('select search_text from chunks order by md5(id::text) limit $1', [options.baselineChunks ?? 320]);
      const modelOnly = await modelOnlyThroughput(sample.rows.map((r) => r.search_text));
      const ratio = pipeline / modelOnly;
      log(`import bench: pipeline ${pipeline.toFixed(1)} chunks/s, model alone on the same chunks ${modelOnly.toFixed(1)} chunks/s`);
      return {
        notes: count,
        vaultBytes,
        chunks,
        keywordSearchableMs,
        firstBatchSearchableMs: firstStored - started,
        fullyEmbeddedMs,
        pipelineChunksPerSecond: pipeline,
        modelOnlyChunksPerSecond: modelOnly,
        throughputRatio: ratio,
        peakRssBytes,
        targets: { keywordWithin20s: keywordSearchableMs <= 20_000, memoryWithin1GB: peakRssBytes <= 1024 ** 3, throughputAtLeast90: ratio >= 0.9 },
      };
    } finally {
      await engram.close();
    }
  } finally {
    clearInterval(sampler);
    if (!options.keep) fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The built-in model alone on a sample of the chunks the pipeline embedded, in batches of 32 as the queue sends them: chunks/s. */
async function modelOnlyThroughput(texts: readonly string[]): Promise<number> {
  const provider = new BuiltinProvider();
  try {
    await provider.embedDocuments(['warm up']);
    const started = performance.now();
    for (let i = 0; i < texts.length; i += 32) await provider.embedDocuments(texts.slice(i, i + 32));
    return texts.length / ((performance.now() - started) / 1000);
  } finally {
    await provider.close();
  }
}
