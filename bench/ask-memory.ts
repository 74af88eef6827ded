// The 10,000-note memory bench:ask measures against, built once and cached: the 1,460 CISI abstracts plus notes
// mixed from their sentences (seeded), embedded through the stand-in Ollama with its `hashed` embedder (near-zero
// cost, so building takes minutes, not the half hour the built-in model would need). Recall over it is real:
// HNSW over 768-d vectors plus BM25.
import fs from 'node:fs';
import path from 'node:path';
import { openEngram } from '../src/core/engine/open-engram';
import type { CisiDocument } from '../eval/cisi-parser';
import { seededRandom } from './synthetic-vectors';

/** The embedding model the memory uses (served by the stand-in). */
export const ASK_BENCH_EMBEDDING = 'nomic-embed-text';

/** The notes of the memory: the CISI abstracts, then seeded mixes of their sentences up to `count`. */
export function benchNotes(documents: readonly CisiDocument[], count: number, seed = 19): { title: string; body: string }[] {
  const notes = documents.slice(0, count).map((d) => ({ title: d.title || `CISI ${d.id}`, body: d.abstract }));
  const sentences = documents.flatMap((d) => d.abstract.split(/(?<=[.!?])\s+/)).filter((s) => s.length > 30);
  const random = seededRandom(seed);
  while (notes.length < count) {
    const n = 3 + Math.floor(random() * 4);
    const picked = Array.from({ length: n }, () => sentences[Math.floor(random() * sentences.length)]!);
    const title = picked[0]!.split(/\s+/).slice(0, 7).join(' ');
    notes.push({ title, body: picked.join(' ') });
  }
  return notes;
}

/** Opens (building on first use) the cached memory of `count` notes in `cacheDir`, embedded via the stand-in at `host`. */
export async function askBenchMemory(cacheDir: string, count: number, documents: readonly CisiDocument[], host: string, log: (line: string) => void): Promise<string> {
  const dataDir = path.join(cacheDir, `ask-memory-v1-${count}`);
  const done = path.join(dataDir, 'bench-ready');
  if (fs.existsSync(done)) return dataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const engram = await openEngram({ dataDir, holder: 'engram bench:ask (building)' });
  try {
    await engram.updateSettings({ ollamaHost: host });
    const choice = await engram.chooseEmbedding({ provider: 'ollama', model: ASK_BENCH_EMBEDDING });
    if (choice.outcome !== 'switched' && choice.outcome !== 'unchanged') throw new Error(`could not switch the bench memory to ${ASK_BENCH_EMBEDDING}: ${choice.message}`);
    const notes = benchNotes(documents, count);
    const started = performance.now();
    for (let i = 0; i < notes.length; i++) {
      await engram.addNote({ ...notes[i]!, source: { kind: 'bench-ask', path: `note-${i}` } });
      if ((i + 1) % 1000 === 0) log(`  added ${i + 1}/${notes.length} notes (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    log('  embedding through the stand-in (hashed vectors)…');
    await engram.drainQueue();
    fs.writeFileSync(done, new Date().toISOString());
    log(`  built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await engram.close();
  }
  return dataDir;
}
