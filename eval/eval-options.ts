// The command line of `npm run eval`: which collections, where their memories are cached, what to run.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Fusion } from '../src/core/recall/fusion-defaults';
import type { RecallMode } from '../src/shared/models';
import { defaultCacheRoot } from './eval-memory';
import { defaultCollectionDirs } from './smart-collection';

/** Recall modes evaluated, in report order. */
export const EVAL_MODES: readonly RecallMode[] = ['keyword', 'vector', 'hybrid'];

/** Vector weights of score fusion tried for the leave-one-out choice. */
const DEFAULT_SWEEP = [0.1, 0.2, 0.3, 0.4, 0.5];

/** What one run of the evaluation does. */
export interface EvalOptions {
  readonly datasets: readonly string[];
  readonly json: boolean;
  readonly cacheRoot: string | null;
  readonly modes: readonly RecallMode[];
  readonly fusions: readonly Fusion[];
  readonly sweep: readonly number[];
  /** Similarities tried as hybrid's "less related" cut-off (empty: not measured). */
  readonly cutoffs: readonly number[];
}

/** How a fusion setting is shown in the report. */
export function fusionLabel(fusion: Fusion): string {
  return 'method' in fusion ? `z-score, vector weight ${fusion.vectorWeight}` : `rrf k=${fusion.k}, vector ${fusion.vector}, keyword ${fusion.keyword}`;
}

/** Parses `--fusion "z:0.4;rrf:20,0.5,1"` (score fusion with a vector weight, reciprocal rank fusion k,vector,keyword). */
export function parseFusions(text: string | undefined): Fusion[] {
  if (!text) return [];
  return text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part): Fusion => {
      const [kind, rest = ''] = part.includes(':') ? part.split(':', 2) : ['rrf', part];
      const numbers = rest.split(',').map((n) => Number(n.trim()));
      const valid = numbers.every((n) => Number.isFinite(n) && n >= 0);
      if (kind === 'z' && numbers.length === 1 && valid && numbers[0]! <= 1) return { method: 'zscore', vectorWeight: numbers[0]! };
      if (kind === 'rrf' && numbers.length === 3 && valid) return { k: numbers[0]!, vector: numbers[1]!, keyword: numbers[2]! };
      throw new Error(`--fusion: expected "z:WEIGHT" (0..1) or "rrf:K,VECTOR,KEYWORD", got "${part}"`);
    });
}

/** Parses `--cutoffs 0,0.1,0.2` (similarities from -1 to 1); none when absent. */
export function parseCutoffs(text: string | undefined): number[] {
  if (!text) return [];
  const cutoffs = text.split(',').map((n) => Number(n.trim()));
  if (!cutoffs.every((c) => Number.isFinite(c) && c >= -1 && c <= 1)) throw new Error(`--cutoffs: expected similarities from -1 to 1, got "${text}"`);
  return cutoffs;
}

/** Parses `--sweep 0.1,0.2,...` (vector weights, 0..1); "none" skips the sweep. */
export function parseSweep(text: string | undefined): number[] {
  if (text === undefined) return DEFAULT_SWEEP;
  if (text === 'none') return [];
  const weights = text.split(',').map((n) => Number(n.trim()));
  if (!weights.every((w) => Number.isFinite(w) && w >= 0 && w <= 1)) throw new Error(`--sweep: expected vector weights from 0 to 1, got "${text}"`);
  return weights;
}

const USAGE = [
  'Usage: npm run eval -- [--dataset DIR]... [--keep DIR | --fresh] [--modes LIST] [--fusion LIST] [--sweep LIST] [--cutoffs LIST] [--json]',
  '  --dataset DIR  a SMART-format collection (CISI.ALL/CISI.QRY/CISI.REL, cacm.all/query.text/qrels.text, ...);',
  '                 repeat for several; default: every collection under <repo>/../shared/datasets',
  '  --keep DIR     cache the loaded memories under DIR (default <os temp>/engram-eval-cache), reused while the',
  '                 collection files and the built-in model stay the same',
  '  --fresh        load into temporary memories deleted afterwards',
  '  --modes LIST   recall modes to run (default keyword,vector,hybrid)',
  '  --fusion LIST  extra hybrid rows: "z:0.4" (score fusion, vector weight) or "rrf:20,0.5,1" (k, vector, keyword)',
  '  --sweep LIST   vector weights tried for the leave-one-out rows (default 0.1,0.2,0.3,0.4,0.5; "none" to skip)',
  '  --cutoffs LIST similarities tried as the "less related" cut-off of hybrid results (e.g. 0,0.1,0.2,0.3)',
  '  --json         print the report as JSON',
  '',
].join('\n');

/** Parses the command line (after `--`); prints the usage and exits on --help. */
export function parseOptions(argv: readonly string[]): EvalOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      dataset: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      keep: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      modes: { type: 'string' },
      fusion: { type: 'string' },
      sweep: { type: 'string' },
      cutoffs: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const modes = values.modes ? (values.modes.split(',').map((m) => m.trim()) as RecallMode[]) : EVAL_MODES;
  for (const m of modes) if (!EVAL_MODES.includes(m)) throw new Error(`unknown mode "${m}"; use keyword, vector or hybrid`);
  if (values.fresh && values.keep) throw new Error('--fresh and --keep exclude each other');
  const datasets = values.dataset?.length ? values.dataset.map((d) => path.resolve(d)) : defaultCollectionDirs();
  if (datasets.length === 0) throw new Error('no collection found under ../shared/datasets; pass --dataset DIR');
  return {
    datasets,
    json: values.json ?? false,
    cacheRoot: values.fresh ? null : path.resolve(values.keep ?? defaultCacheRoot()),
    modes,
    fusions: parseFusions(values.fusion),
    sweep: modes.includes('hybrid') ? parseSweep(values.sweep) : [],
    cutoffs: parseCutoffs(values.cutoffs),
  };
}

