import type { Database } from '../db/queryable';
import { EmbeddingQueueRepository } from '../db/repositories/embedding-queue-repository';
import { SpacesRepository } from '../db/repositories/spaces-repository';

/** Embeddings done and pending in the active space (both 0 without one). */
export async function embeddingCounts(db: Database): Promise<{ done: number; pending: number }> {
  const space = await new SpacesRepository(db).active();
  if (!space) return { done: 0, pending: 0 };
  const queue = new EmbeddingQueueRepository(db);
  return { done: await queue.embeddedCount(space.id), pending: (await queue.counts(space.id)).pending };
}

/** The chunk size the notes service will use (the smallest input limit of the spaces receiving embeddings). */
export async function chunkCharsFor(db: Database): Promise<number> {
  const spaces = await new SpacesRepository(db).receiving();
  return spaces.length ? Math.min(...spaces.map((s) => s.maxInputChars)) : 1000;
}
