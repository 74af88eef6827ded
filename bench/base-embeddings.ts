// Real model output the synthetic corpus is built from: distinct sentences of the CISI abstracts, embedded once by
// the built-in model and cached on disk (Float32 binary plus the texts) so later runs skip the model.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CisiDocument } from '../eval/cisi-parser';
import { BuiltinProvider } from '../src/core/embedding/builtin/builtin-provider';

/** Real texts with their real embeddings, index-aligned. */
export interface BaseEmbeddings {
  readonly texts: readonly string[];
  readonly vectors: readonly Float32Array[];
  /** Milliseconds the model took (0 when read from the cache). */
  readonly embedMs: number;
  readonly fromCache: boolean;
  /** A short hash of the texts, naming caches derived from them. */
  readonly key: string;
}

/** Splits CISI abstracts into distinct sentences of 40..400 characters, in document order. */
export function cisiSentences(documents: readonly CisiDocument[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const doc of documents) {
    for (const raw of doc.abstract.split(/(?<=[.!?])\s+(?=[A-Z(])/)) {
      const sentence = raw.trim();
      if (sentence.length < 40 || sentence.length > 400) continue;
      const key = sentence.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(sentence);
    }
  }
  return out;
}

/** Picks `count` sentences spread evenly over the list (deterministic), so every part of the corpus is represented. */
export function spreadPick<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  const out: T[] = [];
  for (let i = 0; i < count; i++) out.push(items[Math.floor((i * items.length) / count)]!);
  return out;
}

/** Embeds texts with the built-in model in batches, reporting progress through `log`. */
export async function embedTexts(texts: readonly string[], log: (msg: string) => void, batchSize = 64): Promise<Float32Array[]> {
  const provider = new BuiltinProvider();
  try {
    const vectors: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += batchSize) {
      vectors.push(...(await provider.embedDocuments(texts.slice(i, i + batchSize))));
      log(`embedding real texts ${Math.min(texts.length, i + batchSize)}/${texts.length}`);
    }
    return vectors;
  } finally {
    await provider.close();
  }
}

/** Loads the base embeddings for these texts from `cacheDir`, or embeds and caches them. */
export async function loadBaseEmbeddings(texts: readonly string[], cacheDir: string, log: (msg: string) => void): Promise<BaseEmbeddings> {
  const key = crypto.createHash('sha256').update(texts.join('\n')).digest('hex').slice(0, 16);
  const file = path.join(cacheDir, `base-embeddings-${texts.length}-${key}.f32`);
  const dims = 512;
  if (fs.existsSync(file)) {
    const buf = fs.readFileSync(file);
    const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    if (all.length === texts.length * dims) {
      const vectors = texts.map((_, i) => all.slice(i * dims, (i + 1) * dims));
      return { texts, vectors, embedMs: 0, fromCache: true, key };
    }
  }
  const start = performance.now();
  const vectors = await embedTexts(texts, log);
  const embedMs = performance.now() - start;
  fs.mkdirSync(cacheDir, { recursive: true });
  const all = new Float32Array(texts.length * dims);
  vectors.forEach((v, i) => all.set(v, i * dims));
  fs.writeFileSync(`${file}.tmp`, Buffer.from(all.buffer));
  fs.renameSync(`${file}.tmp`, file);
  return { texts, vectors, embedMs, fromCache: false, key };
}
