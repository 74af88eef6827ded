// The import benchmark's baseline: the built-in model alone, in a child process of its own (so its memory is not
// counted as the import's, and nothing else in that process competes), on the same chunk texts the pipeline embeds.
import fs from 'node:fs';
import { runJsonChild } from './json-child';
import { BuiltinProvider } from '../src/core/embedding/builtin/builtin-provider';

/** The flag that turns the import-bench bundle into the model-alone child. */
export const MODEL_ALONE_FLAG = '--model-alone-child';

/** Texts per call, as the embedding queue sends them (its default batch). */
const BATCH = 32;

/** One model-alone measurement. */
export interface ModelAloneRun {
  readonly chunks: number;
  readonly ms: number;
  readonly chunksPerSecond: number;
}

/** Body of the child: loads the model (one warm-up batch, untimed), embeds the texts in batches, prints one JSON line. */
export async function runModelAloneChild(textsFile: string): Promise<void> {
  const texts = JSON.parse(fs.readFileSync(textsFile, 'utf8')) as string[];
  const provider = new BuiltinProvider();
  try {
    await provider.embedDocuments(texts.slice(0, BATCH));
    const started = performance.now();
    for (let i = 0; i < texts.length; i += BATCH) await provider.embedDocuments(texts.slice(i, i + BATCH));
    const ms = performance.now() - started;
    process.stdout.write(`${JSON.stringify({ chunks: texts.length, ms, chunksPerSecond: texts.length / (ms / 1000) } satisfies ModelAloneRun)}\n`);
  } finally {
    await provider.close();
  }
}

/** Runs the model-alone child on texts written to `textsFile`; resolves with its measurement. */
export function measureModelAlone(script: string, textsFile: string, texts: readonly string[]): Promise<ModelAloneRun> {
  fs.writeFileSync(textsFile, JSON.stringify(texts));
  return runJsonChild<ModelAloneRun>(script, [MODEL_ALONE_FLAG, textsFile], 'model-alone');
}
