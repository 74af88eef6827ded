// A memory holding one test collection, loaded through the core and embedded once, then reused from a cache.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEngram } from '../src/core/engine/open-engram';
import type { EngramApi } from '../src/core/engine/engram-api';
import { builtinModelInfo } from '../src/core/embedding/builtin/builtin-model-info';
import type { SmartCollection } from './smart-collection';
import type { SmartDocument } from './smart-parser';

/**
 * Bumped whenever the way documents become notes changes, so cached memories made the old way are rebuilt.
 * v2: a document without an abstract becomes a note whose body is its title.
 */
const NOTE_FORMAT = 'v2';

/** What preparing a collection's memory cost (null parts were reused from the cache). */
export interface MemoryPreparation {
  readonly dataDir: string;
  readonly reused: boolean;
  readonly loadMs: number | null;
  readonly embedMs: number | null;
  readonly embeddedChunks: number | null;
}

/** The note a document becomes: its title, and its abstract as the body (the title again when it has none). */
export function noteForDocument(collection: SmartCollection, doc: SmartDocument): { title: string; body: string; source: { kind: string; path: string } } {
  return {
    title: doc.title,
    body: doc.abstract || doc.title,
    source: { kind: collection.name, path: `${path.basename(collection.files.documents)}#${doc.id}` },
  };
}

/** The document id of a recalled note (from its source path `<file>#<id>`), or null for a foreign note. */
export function documentIdOf(source: { readonly path: string | null }): number | null {
  const match = source.path ? /#(\d+)$/.exec(source.path) : null;
  return match ? Number(match[1]) : null;
}

/**
 * A fingerprint of everything a cached memory depends on: the collection's files, how documents become notes, and
 * the built-in model's identity and limits (chunk sizes follow them).
 */
export function memoryFingerprint(collection: SmartCollection): string {
  const hash = crypto.createHash('sha256');
  for (const file of Object.values(collection.files)) hash.update(fs.readFileSync(file));
  hash.update(NOTE_FORMAT);
  hash.update(JSON.stringify(builtinModelInfo()));
  return hash.digest('hex').slice(0, 12);
}

/** Where a collection's memory is cached: `<root>/<name>-<fingerprint>`. */
export function cachedMemoryDir(root: string, collection: SmartCollection): string {
  return path.join(root, `${collection.name}-${memoryFingerprint(collection)}`);
}

/** The default cache root, kept between runs: `<os temp dir>/engram-eval-cache`. */
export function defaultCacheRoot(): string {
  return path.join(os.tmpdir(), 'engram-eval-cache');
}

/** Adds every document as a note and embeds the queue; reports progress on stderr. */
async function loadCollection(engine: EngramApi, collection: SmartCollection, log: (msg: string) => void): Promise<[number, number, number]> {
  const loadStart = performance.now();
  let done = 0;
  for (const doc of collection.documents) {
    await engine.addNote(noteForDocument(collection, doc));
    done++;
    if (done % 200 === 0 || done === collection.documents.length) process.stderr.write(`\r${collection.name}: notes ${done}/${collection.documents.length}`);
  }
  process.stderr.write('\n');
  const loadMs = performance.now() - loadStart;
  const embedStart = performance.now();
  const unsubscribe = engine.onProgress((p) => {
    if (p.kind !== 'embedding') return;
    const rate = p.done / Math.max(0.001, (performance.now() - embedStart) / 1000);
    process.stderr.write(`\r${collection.name}: embedding ${p.done}/${p.total} chunks (${rate.toFixed(0)}/s)`);
  });
  try {
    const embedded = await engine.drainQueue();
    process.stderr.write('\n');
    log(`${collection.name}: ${done} notes in ${(loadMs / 1000).toFixed(1)} s, ${embedded} chunks embedded in ${((performance.now() - embedStart) / 1000).toFixed(1)} s`);
    return [loadMs, performance.now() - embedStart, embedded];
  } finally {
    unsubscribe();
  }
}

/**
 * Makes sure `dataDir` holds the whole collection, embedded: an empty directory is loaded; a complete one is
 * reused; a partial one (an interrupted load) is refused with what to do. `.eval-complete` marks a finished load.
 */
export async function prepareMemory(collection: SmartCollection, dataDir: string, log: (msg: string) => void): Promise<MemoryPreparation> {
  const marker = path.join(dataDir, '.eval-complete');
  if (fs.existsSync(marker)) return { dataDir, reused: true, loadMs: null, embedMs: null, embeddedChunks: null };
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} holds an unfinished or foreign memory; delete it (or pass --fresh) and run again`);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const engine = await openEngram({ dataDir, autoEmbed: false });
  try {
    const [loadMs, embedMs, embeddedChunks] = await loadCollection(engine, collection, log);
    const status = await engine.status();
    if (status.embeddings.pending > 0 || status.embeddings.failed > 0) {
      throw new Error(`${collection.name}: ${status.embeddings.pending} chunks still pending and ${status.embeddings.failed} failed after embedding`);
    }
    fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
    return { dataDir, reused: false, loadMs, embedMs, embeddedChunks };
  } finally {
    await engine.close();
  }
}
