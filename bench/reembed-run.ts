// One measured re-embed: a copy of the prepared memory is opened the way the app opens it (worker-hosted engine,
// background embedding on), recall is timed while idle, then continuously while the memory re-embeds into an
// Ollama model served by the stand-in server (plan, build, validate, switch), with the wizard's status poll running.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EmbeddingChoice, ReembedStatus } from '../src/shared/models';
import type { EngramApi } from '../src/core/engine/engram-api';
import { openEngramInWorker } from '../src/core/engine/engram-worker-client';
import { startFakeOllamaServer } from '../test/support/fake-ollama-server';
import type { ReembedBenchOptions } from './reembed-options';
import { RecallSampler, type RecallOutcome, type RecallSample } from './reembed-recall-sampler';
import { summarize, type Summary } from './stats';

/** What a run needs to know besides the memory and the queries. */
export type ReembedRunSettings = Pick<ReembedBenchOptions, 'model' | 'latencyMs' | 'perTextMs' | 'pollMs' | 'recallGapMs' | 'timeoutS' | 'idlePasses'>;

/** Failed recalls by kind, with a few examples. */
export interface RecallFailures {
  readonly threw: number;
  readonly empty: number;
  readonly keywordOnly: number;
  /** threw + empty + keywordOnly during the re-embed. */
  readonly total: number;
  /** Failures already in the idle block (the baseline itself is broken when > 0). */
  readonly idle: number;
  readonly examples: readonly string[];
}

/** The results of one run. */
export interface ReembedRunResult {
  readonly idle: Summary;
  /** Every recall from the plan to the switch. */
  readonly during: Summary;
  /** Recalls while vectors were being embedded and stored. */
  readonly duringBuild: Summary;
  /** Recalls after the last vector was stored: validation and the switch. */
  readonly duringFinish: Summary;
  /** during.p95 / idle.p95. */
  readonly ratioP95: number;
  readonly failures: RecallFailures;
  readonly reembed: {
    readonly chunks: number;
    readonly embedded: number;
    readonly from: string;
    readonly to: string;
    readonly planSeconds: number;
    /** startReembed() to the switch being visible. */
    readonly seconds: number;
    readonly buildSeconds: number;
    readonly finishSeconds: number;
    readonly chunksPerSecond: number;
  };
  readonly server: { readonly requests: number; readonly texts: number; readonly busyShare: number };
  /** Wizard status polls made during the re-embed. */
  readonly polls: number;
}

/** How long a finished build may sit unswitched before the run counts as failed validation. */
const UNSWITCHED_GRACE_MS = 30_000;

function copyDataDir(from: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-bench-reembed-'));
  fs.cpSync(from, dir, { recursive: true });
  fs.rmSync(path.join(dir, 'engram.lock'), { force: true });
  return dir;
}

function modelName(space: { model: string; dimensions: number } | null | undefined): string {
  return space ? `${space.model} (${space.dimensions}-d)` : 'none';
}

function failuresOf(samples: readonly RecallSample[], idle: readonly RecallSample[]): RecallFailures {
  const count = (kind: RecallOutcome): number => samples.filter((s) => s.outcome === kind).length;
  const bad = samples.filter((s) => s.outcome !== 'ok');
  const examples = [...new Set(bad.map((s) => `${s.outcome}: ${s.detail ?? ''}`))].slice(0, 5);
  const threw = count('threw');
  const empty = count('empty');
  const keywordOnly = count('keywordOnly');
  return { threw, empty, keywordOnly, total: threw + empty + keywordOnly, idle: idle.filter((s) => s.outcome !== 'ok').length, examples };
}

/**
 * Waits until the building space has been switched to, polling as the wizard does (status and spaces every
 * `pollMs`) and checking at once whenever the runner reports it went idle. Rejects on a paused or blocked build,
 * a finished build that does not switch, or the timeout.
 */
async function waitForSwitch(api: EngramApi, startActiveId: number, settings: ReembedRunSettings, onPoll: () => void): Promise<ReembedStatus> {
  const deadline = performance.now() + settings.timeoutS * 1000;
  let unswitchedSince: number | null = null;
  let wake: (() => void) | null = null;
  const unsubscribe = api.onProgress((p) => {
    if (p.kind === 'idle') wake?.();
  });
  try {
    for (;;) {
      const [status] = await Promise.all([api.reembedStatus(), settings.pollMs > 0 ? api.listSpaces() : Promise.resolve([])]);
      onPoll();
      if (!status.building && status.active && status.active.id !== startActiveId) return status;
      if (!status.building) throw new Error(`the re-embed stopped without switching: ${status.message}`);
      if (status.phase === 'paused' || status.phase === 'blocked') throw new Error(`the re-embed is ${status.phase}: ${status.message}`);
      const b = status.building;
      unswitchedSince = b.pending === 0 && b.failed === 0 ? (unswitchedSince ?? performance.now()) : null;
      if (unswitchedSince !== null && performance.now() - unswitchedSince > UNSWITCHED_GRACE_MS) {
        throw new Error(`every passage is embedded but the space was not switched to after ${UNSWITCHED_GRACE_MS / 1000} s (validation failed?)`);
      }
      if (performance.now() > deadline) throw new Error(`no switch after ${settings.timeoutS} s: ${status.message}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, settings.pollMs > 0 ? settings.pollMs : 5000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  } finally {
    unsubscribe();
  }
}

/** Runs one re-embed of a copy of `sourceDir` under recall load and measures it. */
export async function measureReembedRun(
  sourceDir: string,
  chunks: number,
  queries: readonly string[],
  settings: ReembedRunSettings,
  log: (msg: string) => void,
): Promise<ReembedRunResult> {
  const dataDir = copyDataDir(sourceDir);
  // A stand-in for Ollama, not Ollama: hashed word features at near-zero CPU cost, plus the simulated latency
  const server = await startFakeOllamaServer({ embedder: 'hashed', latencyMs: settings.latencyMs, perTextMs: settings.perTextMs, parallel: 1 });
  let api: EngramApi | null = null;
  try {
    api = await openEngramInWorker({ dataDir, holder: 'engram bench (re-embed under load)', autoEmbed: true, queryVectorCacheSize: 0 }) // the sampler repeats its queries: each is embedded again;
    await api.updateSettings({ ollamaHost: server.url });
    const sampler = new RecallSampler(api, queries);
    await sampler.warmUp();
    const idle = await sampler.idleBlock(settings.idlePasses);
    const idleStats = summarize(idle.map((s) => s.ms));
    log(`idle: ${idle.length} recalls, p50 ${idleStats.p50.toFixed(1)} ms, p95 ${idleStats.p95.toFixed(1)} ms`);

    const before = await api.reembedStatus();
    const startActiveId = before.active?.id ?? -1;
    let lastStoredAt = 0;
    let lastIdleAt = 0;
    // the runner reports idle right after a pass that validated and switched: a closer end than the next poll
    const stopWatching = api.onProgress((p) => {
      if (p.kind === 'embedding') lastStoredAt = performance.now();
      else lastIdleAt = performance.now();
    });
    server.resetStats();
    let finished = false;
    const during = sampler.until(() => finished, settings.recallGapMs);
    let polls = 0;
    let switchedAt = 0;
    let planSeconds = 0;
    let startedAt = 0;
    let final: ReembedStatus;
    try {
      const choice: EmbeddingChoice = { provider: 'ollama', model: settings.model };
      const planStart = performance.now();
      const plan = await api.planReembed(choice);
      planSeconds = (performance.now() - planStart) / 1000;
      log(`plan: ${plan.chunks} passages into ${modelName(plan.chosen)}, estimated ${plan.estimatedSeconds ?? '?'} s; starting`);
      startedAt = performance.now();
      await api.startReembed(choice);
      final = await waitForSwitch(api, startActiveId, settings, () => {
        polls++;
        if (polls % 10 === 0) log(`re-embedding: ${(performance.now() - startedAt) / 1000 | 0} s`);
      });
      switchedAt = lastIdleAt > lastStoredAt ? lastIdleAt : performance.now();
    } finally {
      finished = true;
      stopWatching();
    }
    const samples = await during;
    const stats = server.stats();
    const buildEnd = lastStoredAt || switchedAt;
    const ms = (list: readonly RecallSample[]): number[] => list.map((s) => s.ms);
    const idleSummary = summarize(ms(idle));
    const duringSummary = summarize(ms(samples));
    const seconds = (switchedAt - startedAt) / 1000;
    return {
      idle: idleSummary,
      during: duringSummary,
      duringBuild: summarize(ms(samples.filter((s) => s.at >= startedAt && s.at <= buildEnd))),
      duringFinish: summarize(ms(samples.filter((s) => s.at > buildEnd))),
      ratioP95: duringSummary.p95 / idleSummary.p95,
      failures: failuresOf(samples, idle),
      reembed: {
        chunks,
        embedded: final.active?.embedded ?? 0,
        from: modelName(before.active),
        to: modelName(final.active),
        planSeconds,
        seconds,
        buildSeconds: (buildEnd - startedAt) / 1000,
        finishSeconds: (switchedAt - buildEnd) / 1000,
        chunksPerSecond: chunks / seconds,
      },
      server: { requests: stats.requests, texts: stats.texts, busyShare: stats.elapsedMs > 0 ? stats.busyMs / stats.elapsedMs : 0 },
      polls,
    };
  } finally {
    await api?.close().catch(() => undefined);
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
