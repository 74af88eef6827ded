// `npm run eval:explore`: ranking variants measured offline on the memories `npm run eval` cached (the same stored
// vectors; BM25 recomputed as pg_textsearch computes it), so ideas can be compared in seconds before any of them is
// built into the core. Prints nDCG@10 per collection and the change against keyword in the same offline run.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BuiltinProvider } from '../../src/core/embedding/builtin/builtin-provider';
import { cachedMemoryDir, defaultCacheRoot } from '../eval-memory';
import { mean, ndcgAtK, relativeGain } from '../metrics';
import { defaultCollectionDirs, loadSmartCollection } from '../smart-collection';
import { embeddingVariants } from './embedding-variants';
import { experiments, weightByQueryLength, type Experiment } from './offline-experiments';
import { loadOfflineMemory, type OfflineMemory } from './offline-memory';

const USAGE = [
  'Usage: npm run eval:explore -- [--dataset DIR]... [--keep DIR] [--embed]',
  '  --dataset DIR  a collection whose memory `npm run eval` cached (default: every collection it runs)',
  '  --keep DIR     the cache root given to `npm run eval --keep` (default <os temp>/engram-eval-cache)',
  '  --embed        also run the variants that embed text again (lower-cased, sentences): slow the first time',
  '',
].join('\n');

const log = (msg: string): void => {
  process.stderr.write(`explore: ${msg}\n`);
};

function score(memory: OfflineMemory, e: Experiment): number {
  return mean(memory.queries.map((q) => ndcgAtK([...e.rank(q)], q.relevant, 10)));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { dataset: { type: 'string', multiple: true }, keep: { type: 'string' }, embed: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const dirs = values.dataset?.length ? values.dataset.map((d) => path.resolve(d)) : defaultCollectionDirs();
  const root = path.resolve(values.keep ?? defaultCacheRoot());
  const provider = new BuiltinProvider();
  const columns: { name: string; scores: Map<string, number> }[] = [];
  const lengthRows: string[] = [];
  const weights = [0.1, 0.2, 0.3, 0.4, 0.5];
  let names: string[] = [];
  const bases = new Map<string, string>();
  try {
    for (const dir of dirs) {
      const collection = loadSmartCollection(dir);
      const dataDir = cachedMemoryDir(root, collection);
      if (!fs.existsSync(path.join(dataDir, '.eval-complete'))) throw new Error(`no cached memory for ${collection.name} under ${root}; run npm run eval first`);
      log(`${collection.name}: reading ${dataDir}`);
      const memory = await loadOfflineMemory(dataDir, collection, provider);
      const list = [...experiments(memory), ...(values.embed ? await embeddingVariants(memory, collection, provider, dataDir, log) : [])];
      const scores = new Map<string, number>();
      for (const e of list) {
        scores.set(e.name, score(memory, e));
        bases.set(e.name, e.basis);
      }
      names = list.map((e) => e.name);
      columns.push({ name: collection.name, scores });
      lengthRows.push(...weightByQueryLength(memory, weights, (ranking, q) => ndcgAtK([...ranking], q.relevant, 10)));
    }
  } finally {
    await provider.close();
  }
  const base = (c: (typeof columns)[number]): number => c.scores.get(names[0]!) ?? 0;
  const lines = [
    `| variant | basis | ${columns.map((c) => `${c.name} nDCG@10 | vs keyword`).join(' | ')} |`,
    `| --- | --- | ${columns.map(() => '---: | ---:').join(' | ')} |`,
    ...names.map((n) => `| ${n} | ${bases.get(n)} | ${columns.map((c) => `${(c.scores.get(n) ?? 0).toFixed(4)} | ${n === names[0] ? '' : `${(relativeGain(c.scores.get(n) ?? 0, base(c)) * 100).toFixed(1)}%`}`).join(' | ')} |`),
    '',
    'Default hybrid by query length, nDCG@10 per vector weight:',
    '',
    `| collection | query length | queries | ${weights.map((w) => `w ${w}`).join(' | ')} |`,
    `| --- | --- | ---: | ${weights.map(() => '---:').join(' | ')} |`,
    ...lengthRows,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`explore: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
