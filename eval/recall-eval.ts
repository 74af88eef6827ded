// `npm run eval`: loads SMART-format test collections (CISI, CACM, ...) into Engram memories through the core,
// embeds them with the built-in model (once; cached), runs every judged query in keyword, vector and hybrid mode,
// and prints nDCG@10 and recall@10/100 per collection, plus the leave-one-collection-out check of hybrid's setting.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEngram } from '../src/core/engine/open-engram';
import { BUILTIN_VECTOR_WEIGHT, type Fusion } from '../src/core/recall/fusion-defaults';
import type { RecallMode } from '../src/shared/models';
import { fusionLabel, parseOptions, type EvalOptions } from './eval-options';
import { cachedMemoryDir, prepareMemory } from './eval-memory';
import { formatReport, keywordNdcg, type CollectionReport, type EvalReport } from './eval-report';
import { runQueries, type RunResult } from './eval-run';
import { leaveOneOut, type SweepPoint } from './leave-one-out';
import { sweepCutoffs, type CutoffRow } from './less-related';
import { loadSmartCollection, type SmartCollection } from './smart-collection';

const log = (msg: string): void => {
  process.stderr.write(`eval: ${msg}\n`);
};

/** Opens a collection's memory with a fusion setting (undefined: the core's default) and runs the given modes. */
async function runWith(dataDir: string, collection: SmartCollection, modes: readonly RecallMode[], fusion?: Fusion): Promise<RunResult[]> {
  const engine = await openEngram({ dataDir, fusion, warmUpEmbedder: true });
  try {
    const runs: RunResult[] = [];
    for (const mode of modes) {
      log(`${collection.name}: ${collection.judgedQueries.length} queries, ${mode}${fusion ? ` (${fusionLabel(fusion)})` : ''}`);
      runs.push(await runQueries(engine, collection, mode, fusion ? fusionLabel(fusion) : 'default'));
    }
    return runs;
  } finally {
    await engine.close();
  }
}

/** Evaluates one collection: the modes with the defaults, the extra fusion rows, and the sweep's hybrid runs. */
async function evaluateCollection(collection: SmartCollection, options: EvalOptions, dataDir: string): Promise<[CollectionReport, Map<number, number>]> {
  const memory = await prepareMemory(collection, dataDir, log);
  const runs = await runWith(dataDir, collection, options.modes);
  for (const fusion of options.fusions) runs.push(...(await runWith(dataDir, collection, ['hybrid'], fusion)));
  const sweep = new Map<number, number>();
  const hybrid = runs.find((r) => r.mode === 'hybrid' && r.setting === 'default');
  for (const weight of options.sweep) {
    if (weight === BUILTIN_VECTOR_WEIGHT && hybrid) sweep.set(weight, hybrid.ndcgAt10);
    else sweep.set(weight, (await runWith(dataDir, collection, ['hybrid'], { method: 'zscore', vectorWeight: weight }))[0]!.ndcgAt10);
  }
  let cutoffs: CutoffRow[] = [];
  if (options.cutoffs.length) {
    const engine = await openEngram({ dataDir, warmUpEmbedder: true });
    try {
      log(`${collection.name}: less-related cut-offs ${options.cutoffs.join(', ')}`);
      cutoffs = await sweepCutoffs(engine, collection, options.cutoffs);
    } finally {
      await engine.close();
    }
  }
  return [{ name: collection.name, documents: collection.documents.length, judgedQueries: collection.judgedQueries.length, memory, runs, cutoffs }, sweep];
}

/** Runs the evaluation end to end. */
async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const collections = options.datasets.map((dir) => loadSmartCollection(dir));
  const names = new Set(collections.map((c) => c.name));
  if (names.size !== collections.length) throw new Error('two collections share a folder name; rename one');
  const temporary: string[] = [];
  const reports: CollectionReport[] = [];
  const sweeps = new Map<string, Map<number, number>>();
  try {
    for (const collection of collections) {
      const dataDir = options.cacheRoot ? cachedMemoryDir(options.cacheRoot, collection) : fs.mkdtempSync(path.join(os.tmpdir(), `engram-eval-${collection.name}-`));
      if (!options.cacheRoot) temporary.push(dataDir);
      const [report, sweep] = await evaluateCollection(collection, options, dataDir);
      reports.push(report);
      sweeps.set(collection.name, sweep);
    }
  } finally {
    for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
  }
  const sweep: SweepPoint[] = options.sweep.map((w) => ({
    label: fusionLabel({ method: 'zscore', vectorWeight: w }),
    ndcgAt10: new Map(reports.map((r) => [r.name, sweeps.get(r.name)?.get(w) ?? 0])),
  }));
  const keyword = new Map(reports.flatMap((r) => (keywordNdcg(r) === null ? [] : [[r.name, keywordNdcg(r)!] as const])));
  const report: EvalReport = { collections: reports, sweep, leaveOneOut: leaveOneOut(sweep, keyword), loadAverage: os.loadavg() };
  const replacer = (_key: string, value: unknown): unknown => (value instanceof Map ? Object.fromEntries(value) : value);
  process.stdout.write(options.json ? `${JSON.stringify(report, replacer, 2)}\n` : `${formatReport(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`eval: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
