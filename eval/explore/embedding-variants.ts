// Variants that need the model to embed text another way: lower-cased chunks and queries, sentence vectors of each
// document (max-sim), and one vector per query sentence. Vectors are cached beside the memory; computing them takes
// as long as embedding the collection again (CISI's 8,616 sentences: half an hour on 2 busy cores).
import fs from 'node:fs';
import path from 'node:path';
import type { EmbeddingProvider } from '../../src/core/embedding/embedding-provider';
import type { SmartCollection } from '../smart-collection';
import { OfflineRanker, zFuse, type DocList, type Experiment } from './offline-experiments';
import type { OfflineMemory, OfflineQuery } from './offline-memory';

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Splits text into trimmed sentences (Intl.Segmenter). */
export function splitSentences(text: string): string[] {
  return [...sentences.segment(text)].map((s) => s.segment.trim()).filter(Boolean);
}

async function embedAll(provider: EmbeddingProvider, texts: readonly string[], log: (msg: string) => void): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += 32) {
    for (const v of await provider.embedDocuments(texts.slice(i, i + 32))) out.push(Array.from(v));
    if (i % 1024 === 0) log(`embedded ${i}/${texts.length}`);
  }
  return out;
}

/** Vectors read from `file`, or computed, written there and returned. */
async function cachedVectors(file: string, texts: readonly string[], provider: EmbeddingProvider, log: (msg: string) => void): Promise<Float32Array[]> {
  if (fs.existsSync(file)) {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as number[][];
    if (stored.length === texts.length) return stored.map((v) => Float32Array.from(v));
  }
  const vectors = await embedAll(provider, texts, log);
  fs.writeFileSync(file, JSON.stringify(vectors));
  return vectors.map((v) => Float32Array.from(v));
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function sorted(scores: Map<number, number>): DocList {
  return [...scores].sort((a, b) => b[1] - a[1]);
}

/** The variants; `dataDir` is where their vectors are cached. */
export async function embeddingVariants(memory: OfflineMemory, collection: SmartCollection, provider: EmbeddingProvider, dataDir: string, log: (msg: string) => void): Promise<Experiment[]> {
  const r = new OfflineRanker(memory);
  const ids = (l: DocList): number[] => l.map(([d]) => d);

  // lower-cased: USE-lite's 8,000-piece vocabulary is cased, and Title Case words fall apart into fragments
  const lowerChunks = await cachedVectors(path.join(dataDir, 'explore-lowercase-chunks.json'), memory.chunks.map((c) => c.searchText.toLowerCase()), provider, log);
  const lowerQueries = await cachedVectors(path.join(dataDir, 'explore-lowercase-queries.json'), memory.queries.map((q) => q.text.toLowerCase()), provider, log);
  const lowered = new OfflineRanker({ ...memory, chunks: memory.chunks.map((c, i) => ({ ...c, vector: lowerChunks[i]! })) });
  const lowerQuery = new Map(memory.queries.map((q, i) => [q.id, { ...q, vector: lowerQueries[i]! }]));

  // sentences of each document (and its title), scored by the best one or the mean of the best two
  const units = collection.documents.flatMap((d) => [d.title, ...splitSentences(d.abstract)].filter(Boolean).map((text) => ({ doc: d.id, text })));
  const unitVectors = await cachedVectors(path.join(dataDir, 'explore-sentences.json'), units.map((u) => u.text), provider, log);
  const bySentences = (q: OfflineQuery, topTwo: boolean): DocList => {
    const per = new Map<number, number[]>();
    units.forEach((u, i) => {
      const list = per.get(u.doc) ?? [];
      list.push(dot(q.vector, unitVectors[i]!));
      per.set(u.doc, list);
    });
    return sorted(new Map([...per].map(([doc, s]) => [doc, topTwo ? mean(s.sort((a, b) => b - a).slice(0, 2)) : Math.max(...s)])));
  };

  // one vector per query sentence, a document scored by its best match to any of them
  const querySentences = memory.queries.map((q) => [q.text, ...splitSentences(q.text)]);
  const flat = querySentences.flat();
  const flatVectors = await embedAll(provider, flat, log);
  let at = 0;
  const queryParts = new Map(memory.queries.map((q, i) => [q.id, querySentences[i]!.map(() => Float32Array.from(flatVectors[at++]!))]));
  const byQuerySentences = (q: OfflineQuery): DocList => {
    const best = new Map<number, number>();
    for (const v of queryParts.get(q.id)!) for (const [doc, s] of r.docs(r.vectorScores(v), memory.chunks.length)) best.set(doc, Math.max(best.get(doc) ?? -1, s));
    return sorted(best);
  };

  const note = (name: string, basis: string, rank: (q: OfflineQuery) => readonly number[]): Experiment => ({ name, basis, rank });
  return [
    note('vector, lower-cased chunks and queries', 'case folding (Manning et al. 2008, 2.2.3)', (q) => ids(lowered.vector(lowerQuery.get(q.id)!, memory.chunks.length))),
    note('hybrid, lower-cased vectors (w 0.3)', 'case folding', (q) => zFuse(lowered.vector(lowerQuery.get(q.id)!), r.keyword(q), 0.3)),
    note('hybrid, lower-cased vectors (w 0.4)', 'case folding', (q) => zFuse(lowered.vector(lowerQuery.get(q.id)!), r.keyword(q), 0.4)),
    note('vector, sentence max-sim', 'MaxP (Dai & Callan 2019)', (q) => ids(bySentences(q, false))),
    note('vector, mean of the best two sentences', 'MaxP (Dai & Callan 2019)', (q) => ids(bySentences(q, true))),
    note('hybrid, sentence (best two) vector leg', 'MaxP (Dai & Callan 2019)', (q) => zFuse(bySentences(q, true).slice(0, 200), r.keyword(q), 0.3)),
    note('vector, best query sentence', 'multi-vector query', (q) => ids(byQuerySentences(q))),
    note('hybrid, best query sentence', 'multi-vector query', (q) => zFuse(byQuerySentences(q).slice(0, 200), r.keyword(q), 0.3)),
  ];
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}
