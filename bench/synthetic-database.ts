// Builds (and caches) an Engram data directory holding N chunks with 512-d vectors derived from real model output,
// loaded through the core's repositories in batches, then indexes it with the core's own HNSW index definition.
import fs from 'node:fs';
import path from 'node:path';
import { NotesRepository } from '../src/core/db/repositories/notes-repository';
import { ChunksRepository, type ChunkRecord } from '../src/core/db/repositories/chunks-repository';
import { openEngram } from '../src/core/engine/open-engram';
import { noteContentHash, sha256 } from '../src/core/notes/content-hash';
import { syntheticItem, type SyntheticItem } from './synthetic-vectors';
import type { BaseEmbeddings } from './base-embeddings';

/** Chunks per synthetic note (notes are 5 short passages). */
export const CHUNKS_PER_NOTE = 5;
/** Chunks written per transaction. */
export const INSERT_BATCH = 500;
/** Source kind of synthetic notes. */
export const SYNTHETIC_SOURCE_KIND = 'bench-synthetic';

/** What a cached database records about how it was built. */
export interface SyntheticDatabaseMeta {
  readonly chunks: number;
  readonly notes: number;
  readonly seed: number;
  readonly bases: number;
  readonly basesKey: string;
  readonly insertMs: number;
  readonly indexMs: number;
  readonly builtAt: string;
}

/** A ready database directory and how it was obtained. */
export interface SyntheticDatabase {
  readonly dataDir: string;
  readonly meta: SyntheticDatabaseMeta;
  readonly fromCache: boolean;
}

const META_FILE = 'bench-meta.json';

/** Text of a synthetic chunk: the real sentences its vector mixes, dominant one first. */
function chunkText(bases: BaseEmbeddings, parts: readonly number[]): string {
  return parts.map((p) => bases.texts[p]!).join(' ');
}

/** Returns a cached database for (chunks, seed, bases), or builds it; progress goes to `log`. */
export async function syntheticDatabase(
  cacheDir: string,
  chunks: number,
  seed: number,
  bases: BaseEmbeddings,
  log: (msg: string) => void,
): Promise<SyntheticDatabase> {
  const dataDir = path.join(cacheDir, `db-v2-${chunks}-seed${seed}-bases${bases.vectors.length}-${bases.key}`);
  const metaFile = path.join(dataDir, META_FILE);
  if (fs.existsSync(metaFile)) {
    return { dataDir, meta: JSON.parse(fs.readFileSync(metaFile, 'utf8')) as SyntheticDatabaseMeta, fromCache: true };
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const engine = await openEngram({ dataDir, holder: 'engram bench (building)' });
  try {
    const db = engine.database;
    const space = await engine.spaces.active();
    if (!space) throw new Error('no active embedding space after open');
    // bulk loads are faster without the index; it is rebuilt below with the core's own definition
    await engine.spaces.dropIndex(space.id);
    const notesRepo = new NotesRepository(db);
    const chunksRepo = new ChunksRepository(db);
    const insertStart = performance.now();
    let noteIndex = 0;
    for (let start = 0; start < chunks; start += INSERT_BATCH) {
      const end = Math.min(chunks, start + INSERT_BATCH);
      await db.transaction(async (tx) => {
        const vectors: { chunkId: number; vector: Float32Array }[] = [];
        for (let first = start; first < end; first += CHUNKS_PER_NOTE) {
          const items: SyntheticItem[] = [];
          for (let i = first; i < Math.min(end, first + CHUNKS_PER_NOTE); i++) items.push(syntheticItem(bases.vectors, seed, i));
          const texts = items.map((it) => chunkText(bases, it.parts));
          const body = texts.join('\n\n');
          const title = `${texts[0]!.slice(0, 60)} (#${noteIndex + 1})`;
          const note = await notesRepo.with(tx).insert({
            title,
            body,
            tags: [],
            sourceKind: SYNTHETIC_SOURCE_KIND,
            sourcePath: `synthetic#${noteIndex + 1}`,
            contentHash: noteContentHash(title, body),
          });
          noteIndex++;
          let offset = 0;
          const records: ChunkRecord[] = texts.map((text, ordinal) => {
            const searchText = `${title}\n${text}`;
            const record = { ordinal, text, searchText, charStart: offset, charEnd: offset + text.length, contentHash: sha256(searchText) };
            offset += text.length + 2;
            return record;
          });
          const ids = await chunksRepo.with(tx).replaceForNote(note.id, records);
          ids.forEach((chunkId, k) => vectors.push({ chunkId, vector: items[k]!.vector }));
        }
        await engine.queue.with(tx).complete(space.id, vectors);
      });
      log(`building ${chunks}-chunk database: inserted ${end}/${chunks} chunks`);
    }
    // a bulk load refreshes planner statistics; without them the planner expects a handful of rows and sorts them
    // instead of using the HNSW index (the core's own add/drain path does not analyze: see the bench report)
    await db.exec('analyze');
    const insertMs = performance.now() - insertStart;
    log(`building ${chunks}-chunk database: HNSW index over ${chunks} vectors...`);
    const indexStart = performance.now();
    await engine.spaces.ensureIndex(space);
    const indexMs = performance.now() - indexStart;
    const meta: SyntheticDatabaseMeta = {
      chunks,
      notes: noteIndex,
      seed,
      bases: bases.vectors.length,
      basesKey: bases.key,
      insertMs,
      indexMs,
      builtAt: new Date().toISOString(),
    };
    await engine.close();
    fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    return { dataDir, meta, fromCache: false };
  } catch (error) {
    await engine.close().catch(() => undefined);
    throw error;
  }
}
