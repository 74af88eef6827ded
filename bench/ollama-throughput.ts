// Ollama throughput: Engram's batched, concurrent /api/embed pipeline against one /api/embeddings request per text
// (what many apps do), both against the fake Ollama server from test/support: a stand-in for tests, not Ollama.
// The server charges a fixed simulated cost per request and per text and computes one request at a time
// (OLLAMA_NUM_PARALLEL=1), so the numbers measure request overhead and idle gaps, not a real model's speed.
import { Ollama } from 'ollama';
import { createOllamaProvider } from '../src/core/embedding/ollama/ollama-provider';
import { startFakeOllamaServer } from '../test/support/fake-ollama-server';
import type { FakeOllamaServer } from '../test/support/fake-ollama-server';

/** Knobs of the benchmark; all optional. */
export interface OllamaBenchmarkOptions {
  /** Texts embedded by Engram's pipeline (default 5000). */
  readonly texts?: number;
  /** Texts embedded one request at a time for the baseline (default 500; throughput is per text, so fewer suffice). */
  readonly baselineTexts?: number;
  /** Simulated fixed cost of every request, ms (default 10). */
  readonly latencyMs?: number;
  /** Simulated cost of every text, ms (default 2). */
  readonly perTextMs?: number;
  /** Provider batch size (default: the provider's, 32). */
  readonly batchSize?: number;
  /** Provider requests in flight (default: the provider's, 2). */
  readonly concurrency?: number;
  /** Also run the pipeline with one request in flight, to show what concurrency buys (default true). */
  readonly compareSerial?: boolean;
}

/** One measured run. */
export interface OllamaBenchmarkRun {
  readonly label: string;
  readonly texts: number;
  readonly requests: number;
  readonly seconds: number;
  readonly textsPerSecond: number;
  /** Share of the run's wall time the server had no request in compute (0..1). */
  readonly serverIdleShare: number;
}

/** The benchmark's serialisable result. */
export interface OllamaBenchmarkResult {
  readonly settings: Required<Omit<OllamaBenchmarkOptions, 'batchSize' | 'concurrency'>> & { batchSize: number; concurrency: number };
  readonly pipeline: OllamaBenchmarkRun;
  readonly pipelineOneInFlight: OllamaBenchmarkRun | null;
  readonly baseline: OllamaBenchmarkRun;
  /** pipeline.textsPerSecond / baseline.textsPerSecond. */
  readonly throughputRatio: number;
  readonly targetRatio: 3;
  readonly meetsTarget: boolean;
}

const TOPICS = ['the garden', 'a tax form', 'my sister’s wedding', 'the bike repair', 'a book about whales', 'the team offsite', 'sourdough starter', 'a dentist visit'];

/** Deterministic, varied note-sized texts (200–500 characters). */
function sampleTexts(count: number, salt: string): string[] {
  return Array.from({ length: count }, (_, i) => {
    const topic = TOPICS[i % TOPICS.length]!;
    const sentences = 3 + (i % 5);
    return Array.from({ length: sentences }, (_, s) => `${salt} note ${i}, line ${s}: thinking about ${topic} again, item ${(i * 31 + s * 7) % 997}.`).join(' ');
  });
}

async function measure(server: FakeOllamaServer, label: string, texts: number, work: () => Promise<void>): Promise<OllamaBenchmarkRun> {
  server.resetStats();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const stats = server.stats();
  return {
    label,
    texts,
    requests: stats.requests,
    seconds,
    textsPerSecond: texts / seconds,
    serverIdleShare: Math.max(0, 1 - stats.busyMs / stats.elapsedMs),
  };
}

/** Runs the comparison and returns the numbers (no console output; see formatOllamaBenchmark). */
export async function runOllamaBenchmark(options: OllamaBenchmarkOptions = {}): Promise<OllamaBenchmarkResult> {
  const settings = {
    texts: options.texts ?? 5000,
    baselineTexts: options.baselineTexts ?? 500,
    latencyMs: options.latencyMs ?? 10,
    perTextMs: options.perTextMs ?? 2,
    batchSize: options.batchSize ?? 32,
    concurrency: options.concurrency ?? 2,
    compareSerial: options.compareSerial ?? true,
  };
  const model = 'nomic-embed-text';
  const server = await startFakeOllamaServer({ embedder: 'hashed', installed: [model], parallel: 1 });
  try {
    const pipelineRun = async (label: string, concurrency: number, salt: string) => {
      const provider = createOllamaProvider({ host: server.url, model, batchSize: settings.batchSize, concurrency });
      try {
        await provider.describe();
        const texts = sampleTexts(settings.texts, salt);
        server.setSlow(settings.latencyMs, settings.perTextMs);
        return await measure(server, label, texts.length, async () => {
          const vectors = await provider.embedDocuments(texts);
          if (vectors.length !== texts.length) throw new Error('pipeline lost vectors');
        });
      } finally {
        server.setSlow(0, 0);
        await provider.close();
      }
    };

    const pipeline = await pipelineRun(`Engram: /api/embed, batch ${settings.batchSize}, ${settings.concurrency} in flight`, settings.concurrency, 'p');
    const pipelineOneInFlight = settings.compareSerial
      ? await pipelineRun(`Engram: /api/embed, batch ${settings.batchSize}, 1 in flight`, 1, 's')
      : null;

    const client = new Ollama({ host: server.url });
    const baselineTexts = sampleTexts(settings.baselineTexts, 'b');
    await client.embeddings({ model, prompt: 'warm up' });
    server.setSlow(settings.latencyMs, settings.perTextMs);
    const baseline = await measure(server, 'one /api/embeddings request per text', baselineTexts.length, async () => {
      for (const prompt of baselineTexts) {
        const { embedding } = await client.embeddings({ model, prompt });
        if (embedding.length === 0) throw new Error('baseline got no vector');
      }
    });
    server.setSlow(0, 0);

    const throughputRatio = pipeline.textsPerSecond / baseline.textsPerSecond;
    return { settings, pipeline, pipelineOneInFlight, baseline, throughputRatio, targetRatio: 3, meetsTarget: throughputRatio >= 3 };
  } finally {
    await server.close();
  }
}

/** A short human-readable report of a benchmark result. */
export function formatOllamaBenchmark(result: OllamaBenchmarkResult): string {
  const { settings: s } = result;
  const line = (r: OllamaBenchmarkRun) =>
    `  ${r.label.padEnd(48)} ${String(r.texts).padStart(5)} texts  ${String(r.requests).padStart(5)} requests  ` +
    `${r.seconds.toFixed(2).padStart(6)} s  ${r.textsPerSecond.toFixed(0).padStart(5)} texts/s  server idle ${(r.serverIdleShare * 100).toFixed(1)}%`;
  return [
    `Ollama throughput (fake Ollama server, a stand-in: ${s.latencyMs} ms per request + ${s.perTextMs} ms per text, one request computed at a time)`,
    line(result.pipeline),
    ...(result.pipelineOneInFlight ? [line(result.pipelineOneInFlight)] : []),
    line(result.baseline),
    `  throughput ratio ${result.throughputRatio.toFixed(1)}x (target ≥ ${result.targetRatio}x): ${result.meetsTarget ? 'met' : 'NOT met'}`,
  ].join('\n');
}
