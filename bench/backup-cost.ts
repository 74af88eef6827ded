// `npm run bench:backup -- --data-dir DIR`: what a backup of an existing memory costs: how long it takes, the
// longest time it holds the engine thread (recall waits that long at most), recall latency during the backup
// against idle, and the archive's size. Run it on a memory `npm run bench:import -- --dir X` left behind.
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { directorySize } from '../src/core/db/directory-size';
import { databaseDir } from '../src/core/db/data-dir';
import { openEngram } from '../src/core/engine/open-engram';
import { positiveNumber } from './number-option';
import { median, summarize, type Summary } from './stats';

const QUERIES = ['garden budget', 'coffee meeting', 'winter train', 'project deadline', 'recipe kitchen', 'library journal'];

/** One measured backup. */
interface BackupRun {
  readonly totalMs: number;
  /** The longest stretch the thread was held (a 1 ms timer's longest lateness). */
  readonly longestHoldMs: number;
  readonly recallDuring: Summary;
  readonly archiveBytes: number;
}

/** Recall latencies (keyword leg, so the model does not add noise) until `stop()` resolves true. */
async function recallLoop(engram: Awaited<ReturnType<typeof openEngram>>, done: () => boolean, max = Infinity): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; !done() && i < max; i++) {
    const started = performance.now();
    await engram.recall(QUERIES[i % QUERIES.length]!, { mode: 'keyword', limit: 10 });
    samples.push(performance.now() - started);
    // PGlite answers in microtasks: without a turn of the event loop between recalls, this loop would never let the
    // backup's own steps (setImmediate, timers) run, and the backup would wait forever. In the app, recalls arrive
    // as messages, so the loop turns between them anyway.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return samples;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean' } } });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new Error('--data-dir DIR is required: a memory to back up (e.g. one `npm run bench:import -- --dir X` kept)');
  const runs = positiveNumber(values.runs, 'runs', 3);
  const engram = await openEngram({ dataDir, autoEmbed: false });
  try {
    const status = await engram.status();
    await recallLoop(engram, () => false, 12); // warm the caches
    const idle = summarize(await recallLoop(engram, () => false, 60));
    const results: BackupRun[] = [];
    for (let r = 0; r < runs; r++) {
      let longestHoldMs = 0;
      let last = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        longestHoldMs = Math.max(longestHoldMs, now - last - 1);
        last = now;
      }, 1);
      let finished = false;
      const started = performance.now();
      const during = recallLoop(engram, () => finished);
      const backup = await engram.createBackup();
      const totalMs = performance.now() - started;
      finished = true;
      const samples = await during;
      clearInterval(timer);
      results.push({ totalMs, longestHoldMs, recallDuring: summarize(samples), archiveBytes: backup.bytes });
      fs.rmSync(backup.path, { force: true });
      fs.rmSync(backup.path.replace(/\.tar\.gz$/, '.json'), { force: true });
    }
    const report = {
      load: os.loadavg(),
      cores: os.cpus().length,
      notes: status.notes,
      chunks: status.chunks,
      embedded: status.embeddings.done,
      databaseBytes: directorySize(databaseDir(dataDir)),
      idleRecall: idle,
      medianTotalMs: median(results.map((r) => r.totalMs)),
      medianLongestHoldMs: median(results.map((r) => r.longestHoldMs)),
      medianRecallP50DuringMs: median(results.map((r) => r.recallDuring.p50)),
      medianRecallMaxDuringMs: median(results.map((r) => r.recallDuring.max)),
      medianArchiveBytes: median(results.map((r) => r.archiveBytes)),
      runs: results,
    };
    if (values.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(1)} MB`;
    process.stdout.write(
      [
        `Backup of ${report.notes} notes (${report.chunks} chunks, ${report.embedded} embedded), database ${mb(report.databaseBytes)}; load ${report.load.map((l) => l.toFixed(1)).join(' ')} on ${report.cores} cores; median of ${runs} runs:`,
        `  whole backup ${report.medianTotalMs.toFixed(0)} ms; engine thread held at most ${report.medianLongestHoldMs.toFixed(0)} ms at once (the copy)`,
        `  recall p50 ${report.medianRecallP50DuringMs.toFixed(1)} ms during the backup (idle ${idle.p50.toFixed(1)} ms); slowest during ${report.medianRecallMaxDuringMs.toFixed(0)} ms (idle ${idle.max.toFixed(0)} ms)`,
        `  archive ${mb(report.medianArchiveBytes)}`,
      ].join('\n') + '\n',
    );
  } finally {
    await engram.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:backup: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
