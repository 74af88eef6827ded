// `npm run eval:related`: how well "related notes" finds a document's cited and citing documents in CISI and CACM
// (their `.X` citation links), against the keyword baseline (the note's own text as a BM25 query). Uses the memories
// `npm run eval` builds and caches (see eval/README.md).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openEngram } from '../src/core/engine/open-engram';
import { RELATED_AGGREGATIONS, type RelatedAggregation } from '../src/core/related/related-aggregation';
import type { RelatedTuning } from '../src/core/related/related-service';
import { cachedMemoryDir, defaultCacheRoot, prepareMemory } from './eval-memory';
import { relativeGain } from './metrics';
import { runRelated, type RelatedRun } from './related-run';
import { defaultCollectionDirs, loadSmartCollection } from './smart-collection';

const log = (msg: string): void => {
  process.stderr.write(`eval:related: ${msg}\n`);
};

const USAGE = [
  'Usage: npm run eval:related -- [--dataset DIR]... [--keep DIR] [--aggregations LIST] [--weights LIST] [--json]',
  '  --dataset DIR       a SMART-format collection with .X citations (default: every one under <repo>/../shared/datasets)',
  '  --keep DIR          where the memories are cached (default <os temp>/engram-eval-cache), shared with `npm run eval`',
  `  --aggregations LIST how related notes scores a note from its passage pairs (default ${RELATED_AGGREGATIONS.join(',')})`,
  '  --weights LIST      vector weights of the fusion with the note\'s own words (default 0.3,0.5,0.7,1; 1 = meaning only)',
  '  --json              print the report as JSON',
  '',
].join('\n');

interface CollectionRuns {
  readonly name: string;
  readonly runs: readonly RelatedRun[];
}

function parse(argv: readonly string[]): { datasets: string[]; cacheRoot: string; tunings: RelatedTuning[]; json: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    options: { dataset: { type: 'string', multiple: true }, keep: { type: 'string' }, aggregations: { type: 'string' }, weights: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const aggregations = (values.aggregations?.split(',').map((a) => a.trim()) ?? [...RELATED_AGGREGATIONS]) as RelatedAggregation[];
  const unknown = aggregations.filter((a) => !RELATED_AGGREGATIONS.includes(a));
  if (unknown.length) throw new Error(`--aggregations: unknown ${unknown.join(', ')}; use ${RELATED_AGGREGATIONS.join(', ')}`);
  const weights = (values.weights ?? '0.3,0.5,0.7,1').split(',').map((w) => Number(w.trim()));
  if (!weights.every((w) => Number.isFinite(w) && w >= 0 && w <= 1)) throw new Error(`--weights: expected vector weights from 0 to 1, got "${values.weights}"`);
  const tunings = aggregations.flatMap((aggregation) => weights.map((vectorWeight) => ({ aggregation, vectorWeight })));
  const datasets = values.dataset?.length ? values.dataset.map((d) => path.resolve(d)) : defaultCollectionDirs();
  if (datasets.length === 0) throw new Error(`no collections found; pass --dataset DIR\n${USAGE}`);
  return { datasets, cacheRoot: path.resolve(values.keep ?? defaultCacheRoot()), tunings, json: values.json ?? false };
}

const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/** The report as text: per collection, each method against the keyword baseline. */
function format(collections: readonly CollectionRuns[]): string {
  const lines: string[] = [];
  for (const { name, runs } of collections) {
    const base = runs[0]!;
    lines.push(`${name}: ${base.queries} documents with citation links (relevant: the documents they cite or are cited by)`);
    lines.push('  method                                              recall@10  nDCG@10  (vs baseline)      p50 ms  p95 ms');
    for (const r of runs) {
      const gain = r === base ? '' : `${pct(relativeGain(r.recallAt10, base.recallAt10))} / ${pct(relativeGain(r.ndcgAt10, base.ndcgAt10))}`;
      lines.push(`  ${r.method.padEnd(50)}  ${r.recallAt10.toFixed(4)}     ${r.ndcgAt10.toFixed(4)}   ${gain.padEnd(17)}  ${r.p50Ms.toFixed(1).padStart(6)}  ${r.p95Ms.toFixed(1).padStart(6)}`);
    }
  }
  lines.push(`load average: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  const results: CollectionRuns[] = [];
  for (const dir of options.datasets) {
    const collection = loadSmartCollection(dir);
    if (collection.citations.size === 0) {
      log(`${collection.name}: no citation links (.X), skipped`);
      continue;
    }
    const dataDir = cachedMemoryDir(options.cacheRoot, collection);
    if (!fs.existsSync(dataDir)) fs.mkdirSync(options.cacheRoot, { recursive: true });
    await prepareMemory(collection, dataDir, log);
    const engine = await openEngram({ dataDir });
    try {
      results.push({ name: collection.name, runs: await runRelated(engine, collection, options.tunings, log) });
    } finally {
      await engine.close();
    }
  }
  process.stdout.write(options.json ? `${JSON.stringify(results, null, 2)}\n` : `${format(results)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`eval:related: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
