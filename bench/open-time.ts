// Time from opening an existing database to the first answered recall, each run in a fresh child process so
// nothing (WebAssembly compile, model weights, page cache aside) is warm from an earlier run.
import type { RecallMode } from '../src/shared/models';
import { openEngram } from '../src/core/engine/open-engram';
import { runJsonChild } from './json-child';
import { median } from './stats';

/** The flag that turns the bench bundle into the open-time child. */
export const OPEN_CHILD_FLAG = '--open-child';

/** What one child measured. */
export interface OpenRun {
  /** openEngram(): lock, PGlite start, migrations check, session settings. */
  readonly openMs: number;
  /** The first recall after open (hybrid: loads the model and embeds the query). */
  readonly firstRecallMs: number;
  /** open + first recall. */
  readonly totalMs: number;
  /** A second recall of the same query, for comparison (warm). */
  readonly secondRecallMs: number;
  /** Child process wall time as the parent saw it (includes Node start and loading the bundle). */
  readonly processMs: number;
  /** Resident memory of the child after the first answer (the model's worker thread included), MB. */
  readonly rssMb: number;
}

/** Medians over child runs. */
export interface OpenTimeResult {
  readonly chunks: number;
  readonly mode: RecallMode;
  readonly runs: readonly OpenRun[];
  readonly openMs: number;
  readonly firstRecallMs: number;
  readonly totalMs: number;
  readonly secondRecallMs: number;
  readonly processMs: number;
  readonly rssMb: number;
}

/** Body of the child process: opens `dataDir`, recalls once, prints one JSON line and exits. */
export async function runOpenChild(dataDir: string, query: string, mode: RecallMode): Promise<void> {
  const start = performance.now();
  // as the app opens it: the built-in model loads while the database opens
  const engine = await openEngram({ dataDir, holder: 'engram bench (open time)', warmUpEmbedder: true });
  const opened = performance.now();
  const first = await engine.recall(query, { mode, limit: 10 });
  const answered = performance.now();
  const rssMb = process.memoryUsage().rss / (1024 * 1024);
  await engine.recall(query, { mode, limit: 10 });
  const second = performance.now() - answered;
  await engine.close();
  if (first.results.length === 0) throw new Error('the first recall found nothing');
  const out = { openMs: opened - start, firstRecallMs: answered - opened, totalMs: answered - start, secondRecallMs: second, rssMb };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

async function runChild(script: string, dataDir: string, query: string, mode: RecallMode): Promise<OpenRun> {
  const start = performance.now();
  const run = await runJsonChild<Omit<OpenRun, 'processMs'>>(script, [OPEN_CHILD_FLAG, dataDir, '--query', query, '--mode', mode], 'open-time');
  return { ...run, processMs: performance.now() - start };
}

/** Runs the open-to-first-recall measurement `runs` times on a closed data directory. */
export async function measureOpenTime(
  dataDir: string,
  chunks: number,
  queries: readonly string[],
  runs: number,
  mode: RecallMode,
  log: (msg: string) => void,
): Promise<OpenTimeResult> {
  const script = process.argv[1]!;
  const results: OpenRun[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await runChild(script, dataDir, queries[i % queries.length]!, mode);
    log(`open ${chunks}: run ${i + 1}/${runs}: open ${run.openMs.toFixed(0)} ms + first ${mode} recall ${run.firstRecallMs.toFixed(0)} ms, RSS ${run.rssMb.toFixed(0)} MB`);
    results.push(run);
  }
  return {
    chunks,
    mode,
    runs: results,
    openMs: median(results.map((r) => r.openMs)),
    firstRecallMs: median(results.map((r) => r.firstRecallMs)),
    totalMs: median(results.map((r) => r.totalMs)),
    secondRecallMs: median(results.map((r) => r.secondRecallMs)),
    processMs: median(results.map((r) => r.processMs)),
    rssMb: median(results.map((r) => r.rssMb)),
  };
}
