// Command-line options of `npm run bench:import`.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { positiveNumber } from './number-option';

/** Parsed options. */
export interface ImportBenchCliOptions {
  readonly notes: number;
  readonly embed: boolean;
  readonly json: boolean;
  readonly sampleChunks: number;
  readonly verify: number | 'all';
  readonly workDir: string | null;
}

/** The usage text. */
export const IMPORT_BENCH_USAGE = `Usage: npm run bench:import -- [options]
  --notes N      notes in the generated vault (default 10000)
  --embed        also embed everything with the built-in model and time it (over half an hour at 10k notes)
  --sample N     chunks in the throughput comparison: the pipeline's window (without --embed) and each
                 model-alone run (default 320)
  --verify N     check only N notes (evenly spread) by keyword recall instead of all of them
  --dir DIR      put the vault and the data directory here and keep them (default: a temporary folder, removed)
  --json         print the results as JSON
`;

/** Parses argv (without node and script); null for --help. */
export function parseImportBenchOptions(argv: readonly string[]): ImportBenchCliOptions | null {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      notes: { type: 'string' },
      embed: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      sample: { type: 'string' },
      verify: { type: 'string' },
      dir: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  return {
    notes: positiveNumber(values.notes, 'notes', 10_000),
    embed: values.embed ?? false,
    json: values.json ?? false,
    sampleChunks: positiveNumber(values.sample, 'sample', 320),
    verify: values.verify === undefined || values.verify === 'all' ? 'all' : positiveNumber(values.verify, 'verify', 1),
    workDir: values.dir ? path.resolve(values.dir) : null,
  };
}
