// `npm run eval`: loads the CISI collection into a fresh Engram data directory through the core, embeds it with the
// built-in model, runs every judged query in keyword, vector and hybrid mode and prints nDCG@10 and recall@10/100.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openEngram } from '../src/core/engine/open-engram';
import type { EngramApi } from '../src/core/engine/engram-api';
import type { FusionWeights } from '../src/core/recall/rank-fusion';
import type { RecallMode } from '../src/shared/models';
import { defaultCisiDir, loadCisi, type CisiCollection, type CisiQuery } from './cisi-parser';
import { mean, ndcgAtK, quantile, recallAtK } from './metrics';

/** Source kind every CISI note is stored under; the path is `CISI.ALL#<id>`. */
export const CISI_SOURCE_KIND = 'cisi';

/** Recall modes evaluated, in report order. */
export const EVAL_MODES: readonly RecallMode[] = ['keyword', 'vector', 'hybrid'];

/** Quality and latency of one recall mode over all judged queries. */
export interface ModeResult {
  readonly mode: RecallMode;
  /** Reciprocal rank fusion settings of a hybrid row run with --fusion (null: the core's default). */
  readonly fusion: FusionWeights | null;
  readonly queries: number;
  readonly ndcgAt10: number;
  readonly recallAt10: number;
  readonly recallAt100: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

/** The whole evaluation, as printed with --json. */
export interface EvalReport {
  readonly dataset: string;
  readonly documents: number;
  readonly judgedQueries: number;
  readonly dataDir: string;
  readonly loaded: boolean;
  readonly loadMs: number | null;
  readonly embedMs: number | null;
  readonly embeddedChunks: number | null;
  readonly modes: readonly ModeResult[];
}

interface EvalOptions {
  readonly dataset: string;
  readonly json: boolean;
  readonly keep: string | null;
  readonly modes: readonly RecallMode[];
  readonly fusions: readonly FusionWeights[];
}

/** Parses `--fusion "k,vector,keyword;k,vector,keyword"` into fusion settings. */
export function parseFusions(text: string | undefined): FusionWeights[] {
  if (!text) return [];
  return text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [k, vector, keyword] = part.split(',').map((n) => Number(n.trim()));
      if (![k, vector, keyword].every((n) => n !== undefined && Number.isFinite(n) && n >= 0)) {
        throw new Error(`--fusion: expected "k,vectorWeight,keywordWeight", got "${part}"`);
      }
      return { k: k!, vector: vector!, keyword: keyword! };
    });
}

function parseOptions(argv: readonly string[]): EvalOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      dataset: { type: 'string' },
      json: { type: 'boolean', default: false },
      keep: { type: 'string' },
      modes: { type: 'string' },
      fusion: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      [
        'Usage: npm run eval -- [--dataset DIR] [--keep DIR] [--modes keyword,vector,hybrid] [--json]',
        '  --dataset DIR  CISI files (default <repo>/../shared/datasets/cisi)',
        '  --keep DIR     reuse this data directory across runs (loaded and embedded once)',
        '  --modes LIST   recall modes to run (default keyword,vector,hybrid)',
        '  --fusion LIST  extra hybrid rows with other rank fusion settings: "k,vectorWeight,keywordWeight;..."',
        '  --json         print the report as JSON',
        '',
      ].join('\n'),
    );
    process.exit(0);
  }
  const modes = values.modes ? (values.modes.split(',').map((m) => m.trim()) as RecallMode[]) : EVAL_MODES;
  for (const m of modes) if (!EVAL_MODES.includes(m)) throw new Error(`unknown mode "${m}"`);
  return {
    dataset: path.resolve(values.dataset ?? defaultCisiDir()),
    json: values.json ?? false,
    keep: values.keep ? path.resolve(values.keep) : null,
    modes,
    fusions: parseFusions(values.fusion),
  };
}

const log = (msg: string): void => {
  process.stderr.write(`${msg}\n`);
};

/** Maps a recalled note back to its CISI document id via its source path, or null for a foreign note. */
export function cisiDocId(source: { readonly kind: string; readonly path: string | null }): number | null {
  if (source.kind !== CISI_SOURCE_KIND || !source.path) return null;
  const match = /^CISI\.ALL#(\d+)$/.exec(source.path);
  return match ? Number(match[1]) : null;
}

/** Adds every CISI document as a note; returns the time taken in milliseconds. */
async function loadDocuments(engine: EngramApi, cisi: CisiCollection): Promise<number> {
  const start = performance.now();
  let done = 0;
  for (const doc of cisi.documents) {
    await engine.addNote({
      title: doc.title,
      body: doc.abstract,
      source: { kind: CISI_SOURCE_KIND, path: `CISI.ALL#${doc.id}` },
    });
    done++;
    if (done % 100 === 0 || done === cisi.documents.length) {
      process.stderr.write(`\rloading notes ${done}/${cisi.documents.length}`);
    }
  }
  process.stderr.write('\n');
  return performance.now() - start;
}

/** Embeds the whole queue, printing progress to stderr; returns [chunks embedded, milliseconds]. */
async function drainWithProgress(engine: EngramApi): Promise<[number, number]> {
  const start = performance.now();
  const unsubscribe = engine.onProgress((p) => {
    if (p.kind === 'embedding') {
      const rate = p.done / Math.max(0.001, (performance.now() - start) / 1000);
      process.stderr.write(`\rembedding ${p.done}/${p.total} chunks (${(p.value * 100).toFixed(0)}%, ${rate.toFixed(0)}/s)`);
    }
  });
  try {
    const embedded = await engine.drainQueue();
    process.stderr.write('\n');
    return [embedded, performance.now() - start];
  } finally {
    unsubscribe();
  }
}

/** Runs every judged query in one mode and scores the rankings. */
async function evaluateMode(engine: EngramApi, cisi: CisiCollection, mode: RecallMode, fusion: FusionWeights | null = null): Promise<ModeResult> {
  const ndcg: number[] = [];
  const r10: number[] = [];
  const r100: number[] = [];
  const times: number[] = [];
  for (const query of cisi.judgedQueries) {
    const relevant = cisi.qrels.get(query.id) ?? new Set<number>();
    const start = performance.now();
    const result = await engine.recall(queryText(query), { mode, limit: 100 });
    times.push(performance.now() - start);
    const ranked: number[] = [];
    for (const hit of result.results) {
      const id = cisiDocId(hit.source);
      if (id !== null) ranked.push(id);
    }
    ndcg.push(ndcgAtK(ranked, relevant, 10));
    r10.push(recallAtK(ranked, relevant, 10));
    r100.push(recallAtK(ranked, relevant, 100));
  }
  return {
    mode,
    fusion,
    queries: cisi.judgedQueries.length,
    ndcgAt10: mean(ndcg),
    recallAt10: mean(r10),
    recallAt100: mean(r100),
    p50Ms: quantile(times, 0.5),
    p95Ms: quantile(times, 0.95),
  };
}

/** The text sent as the query: the `.W` field, as in the usual CISI runs. */
export function queryText(query: CisiQuery): string {
  return query.text;
}

/** Formats the report as a markdown table with the load and embed timings above it. */
export function formatReport(report: EvalReport): string {
  const lines: string[] = [];
  lines.push(`CISI: ${report.documents} documents, ${report.judgedQueries} judged queries (data dir ${report.dataDir})`);
  if (report.loaded) {
    lines.push(
      `load: ${((report.loadMs ?? 0) / 1000).toFixed(1)} s; embed: ${((report.embedMs ?? 0) / 1000).toFixed(1)} s ` +
        `(${report.embeddedChunks} chunks)`,
    );
  } else {
    lines.push('load: skipped (reused --keep data dir)');
  }
  lines.push('');
  lines.push('| mode | nDCG@10 | recall@10 | recall@100 | p50 query ms |');
  lines.push('| --- | ---: | ---: | ---: | ---: |');
  for (const m of report.modes) {
    const label = m.fusion ? `${m.mode} (k=${m.fusion.k}, vector ${m.fusion.vector}, keyword ${m.fusion.keyword})` : m.mode;
    lines.push(
      `| ${label} | ${m.ndcgAt10.toFixed(4)} | ${m.recallAt10.toFixed(4)} | ${m.recallAt100.toFixed(4)} | ${m.p50Ms.toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}

/** Runs the evaluation end to end. */
async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const cisi = loadCisi(options.dataset);
  const dataDir = options.keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'engram-eval-'));
  fs.mkdirSync(dataDir, { recursive: true });
  log(`eval: data dir ${dataDir}`);
  const openStart = performance.now();
  const engine = await openEngram({ dataDir, autoEmbed: false });
  log(`eval: engine opened in ${(performance.now() - openStart).toFixed(0)} ms`);
  try {
    const before = await engine.status();
    let loadMs: number | null = null;
    let embedMs: number | null = null;
    let embeddedChunks: number | null = null;
    const loaded = before.notes === 0;
    if (loaded) {
      loadMs = await loadDocuments(engine, cisi);
      log(`eval: loaded ${cisi.documents.length} notes in ${(loadMs / 1000).toFixed(1)} s`);
    } else {
      log(`eval: ${before.notes} notes already in ${dataDir}; skipping the load`);
    }
    const pending = (await engine.status()).embeddings.pending;
    if (loaded || pending > 0) {
      [embeddedChunks, embedMs] = await drainWithProgress(engine);
      log(`eval: embedded ${embeddedChunks} chunks in ${(embedMs / 1000).toFixed(1)} s`);
    }
    const after = await engine.status();
    if (after.embeddings.pending > 0 || after.embeddings.failed > 0) {
      log(`eval: warning: ${after.embeddings.pending} chunks pending, ${after.embeddings.failed} failed`);
    }
    const modes: ModeResult[] = [];
    for (const mode of options.modes) {
      log(`eval: running ${cisi.judgedQueries.length} queries in ${mode} mode`);
      modes.push(await evaluateMode(engine, cisi, mode));
    }
    if (options.fusions.length) {
      await engine.close();
      for (const fusion of options.fusions) {
        log(`eval: hybrid with fusion k=${fusion.k}, vector ${fusion.vector}, keyword ${fusion.keyword}`);
        const tuned = await openEngram({ dataDir, fusion });
        try {
          modes.push(await evaluateMode(tuned, cisi, 'hybrid', fusion));
        } finally {
          await tuned.close();
        }
      }
    }
    const report: EvalReport = {
      dataset: options.dataset,
      documents: cisi.documents.length,
      judgedQueries: cisi.judgedQueries.length,
      dataDir,
      loaded,
      loadMs,
      embedMs,
      embeddedChunks,
      modes,
    };
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
  } finally {
    await engine.close();
    if (!options.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`eval: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
