// The import benchmark's baseline: the built-in model alone, in a child process of its own (so its memory is not
// counted as the import's, and nothing else in that process competes), on the same chunk texts the pipeline embeds.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
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
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, MODEL_ALONE_FLAG, textsFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`model-alone child failed (exit ${code}): ${stderr.trim() || stdout.trim()}`));
      else resolve(JSON.parse(line) as ModelAloneRun);
    });
  });
}
