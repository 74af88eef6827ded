// npm run bench:ask: Ask's own latency and its packing, at 10,000 notes.
//  1. Question → first answer token, excluding the model's own time: the stand-in Ollama answers at once, so what
//     is measured is recall, reading the notes, packing, the HTTP request and the stream's first line. Measured as
//     the app does it (the engine in a worker thread; the clock runs from ask() to the first answer-piece event on
//     the calling thread), with a plain recall of the same questions in the same run as the baseline (separate
//     passes, alternating which goes first).
//  2. Packing never exceeds the context window: every CISI query at 2k, 8k and 32k tokens, counted with the real
//     Llama 3 tokenizer (see ask-packing.ts).
// Options: --notes N (default 10000), --runs N (passes over the queries, default 3), --cache DIR.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openEngramInWorker } from '../src/core/engine/engram-worker-client';
import { recallLimit } from '../src/core/ask/ask-service';
import { DEFAULT_CONTEXT_TOKENS } from '../src/core/ask/ask-settings';
import { defaultCisiDir, loadCisi } from '../eval/cisi-parser';
import { startFakeOllamaServer } from '../test/support/fake-ollama-server';
import { askBenchMemory } from './ask-memory';
import { checkPacking } from './ask-packing';
import { positiveNumber } from './number-option';
import { median, summarize, type Summary } from './stats';

const TARGET_P95_MS = 300;
const WINDOWS = [2048, 8192, 32768];

const { values } = parseArgs({ options: { notes: { type: 'string' }, runs: { type: 'string' }, cache: { type: 'string' } } });
const notes = positiveNumber(values.notes, 'notes', 10_000);
const runs = positiveNumber(values.runs, 'runs', 3);
const cacheDir = values.cache ?? path.resolve('node_modules/.cache/engram-bench');
const log = (line: string) => process.stderr.write(`${line}\n`);
const fmt = (s: Summary) => `p50 ${s.p50.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  max ${s.max.toFixed(1)} ms`;

const cisi = loadCisi(defaultCisiDir());
const queries = cisi.queries.map((q) => q.text.slice(0, 4000));
const server = await startFakeOllamaServer({ embedder: 'hashed' });
log(`bench:ask · ${notes.toLocaleString('en')} notes · ${queries.length} CISI queries · ${runs} runs · load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const dataDir = await askBenchMemory(cacheDir, notes, cisi.documents, server.url, log);
const engram = await openEngramInWorker({ dataDir, holder: 'engram bench:ask', queryVectorCacheSize: 0 });
try {
  await engram.updateSettings({ ollamaHost: server.url });
  await engram.updateAskSettings({ chatModel: 'llama3.2', contextTokens: null });
  const limit = recallLimit(DEFAULT_CONTEXT_TOKENS);

  let firstPieceAt = 0;
  let waitingFor = '';
  engram.onAskEvent((event) => {
    if (event.kind === 'token' && event.requestId === waitingFor && firstPieceAt === 0) firstPieceAt = performance.now();
  });
  let seq = 0;
  const askOnce = async (question: string): Promise<{ firstMs: number; prepareMs: number; state: string }> => {
    waitingFor = `bench-${++seq}`;
    firstPieceAt = 0;
    const started = performance.now();
    const turn = await engram.ask({ requestId: waitingFor, question });
    if (turn.threadId !== null) await engram.deleteAskThread(turn.threadId);
    return { firstMs: firstPieceAt ? firstPieceAt - started : Number.NaN, prepareMs: turn.timings.prepareMs, state: turn.state };
  };
  const recallOnce = async (question: string): Promise<number> => {
    const started = performance.now();
    await engram.recall(question, { limit });
    return performance.now() - started;
  };

  log('warming up (one pass)…');
  for (const q of queries) {
    await recallOnce(q);
    await askOnce(q);
  }
  const askRuns: Summary[] = [];
  const recallRuns: Summary[] = [];
  const prepareRuns: Summary[] = [];
  const states = new Map<string, number>();
  for (let run = 1; run <= runs; run++) {
    const first: number[] = [];
    const prepare: number[] = [];
    const recall: number[] = [];
    // separate passes, in alternating order, so neither side runs on caches the other just warmed for the same query
    const askPass = async () => {
      for (const q of queries) {
        const a = await askOnce(q);
        states.set(a.state, (states.get(a.state) ?? 0) + 1);
        if (!Number.isFinite(a.firstMs)) continue; // no relevant notes: no model, no first token
        first.push(a.firstMs);
        prepare.push(a.prepareMs);
      }
    };
    const recallPass = async () => {
      for (const q of queries) recall.push(await recallOnce(q));
    };
    if (run % 2 === 1) {
      await askPass();
      await recallPass();
    } else {
      await recallPass();
      await askPass();
    }
    askRuns.push(summarize(first));
    recallRuns.push(summarize(recall));
    prepareRuns.push(summarize(prepare));
    log(`run ${run}: question → first token ${fmt(askRuns.at(-1)!)} · recall alone ${fmt(recallRuns.at(-1)!)} · load ${os.loadavg()[0]!.toFixed(2)}`);
  }
  const p95 = median(askRuns.map((s) => s.p95));
  const p50 = median(askRuns.map((s) => s.p50));
  const recallP50 = median(recallRuns.map((s) => s.p50));
  const recallP95 = median(recallRuns.map((s) => s.p95));

  log('checking packing with the Llama 3 tokenizer…');
  const packing = await checkPacking(engram, queries, WINDOWS);

  const lines = [
    '',
    `Ask at ${notes.toLocaleString('en')} notes (${queries.length} CISI queries × ${runs} runs; the stand-in answers at once; outcomes: ${[...states].map(([k, v]) => `${k} ${v}`).join(', ')})`,
    `  question → first answer token   p50 ${p50.toFixed(1)} ms   p95 ${p95.toFixed(1)} ms   (target p95 ≤ ${TARGET_P95_MS} ms: ${p95 <= TARGET_P95_MS ? 'met' : 'NOT met'})`,
    `  of which preparing the prompt   p50 ${median(prepareRuns.map((s) => s.p50)).toFixed(1)} ms   p95 ${median(prepareRuns.map((s) => s.p95)).toFixed(1)} ms`,
    `  plain recall, same queries      p50 ${recallP50.toFixed(1)} ms   p95 ${recallP95.toFixed(1)} ms   (first token ÷ recall at p50: ${(p50 / recallP50).toFixed(2)}×)`,
    '',
    'Packing (real Llama 3 tokens of the prompt as Ollama renders it, plus the room kept for the answer, ÷ the window)',
    '  window   prompts  overflows  max use  median use  min estimate/real  passages given / left out  history turns left out',
    ...packing.map(
      (r) =>
        `  ${String(r.contextTokens).padEnd(7)}  ${String(r.prompts).padEnd(7)}  ${String(r.overflows).padEnd(9)}  ${(r.maxUse * 100).toFixed(1).padStart(6)}%  ${(r.medianUse * 100).toFixed(1).padStart(9)}%  ${r.minEstimateRatio.toFixed(2).padStart(17)}  ${`${r.passagesGiven} / ${r.passagesLeftOut}`.padStart(25)}  ${String(r.historyLeftOut).padStart(22)}`,
    ),
    `  never exceeds the window: ${packing.every((r) => r.overflows === 0) ? 'yes' : 'NO'}`,
    `load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} cores)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await engram.close();
  await server.close();
}
