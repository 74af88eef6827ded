import { afterAll, describe, expect, it } from 'vitest';
import { sharedBuffersMb } from '../../src/core/db/open-database';
import { ProviderRegistry } from '../../src/core/embedding/provider-registry';
import { openTempEngram } from '../support/temp-engram';

const MB = 1024 * 1024;

describe('sharedBuffersMb', () => {
  it('keeps Postgres’s default for small memories and grows with the database up to a ceiling', () => {
    expect(sharedBuffersMb(0)).toBe(128);
    expect(sharedBuffersMb(300 * MB)).toBe(128);
    // the 100k-chunk bench database has 760 MB of tables and indexes, its HNSW index 260 MB
    expect(sharedBuffersMb(760 * MB)).toBeGreaterThanOrEqual(260);
    expect(sharedBuffersMb(760 * MB) % 16).toBe(0);
    expect(sharedBuffersMb(5_000 * MB)).toBe(512);
    // a short command's floor is lower; the size rule above it is the same
    expect(sharedBuffersMb(0, 32)).toBe(32);
    expect(sharedBuffersMb(760 * MB, 32)).toBe(sharedBuffersMb(760 * MB));
  });

  it('opens a short command’s memory with the smaller cache, and any other with Postgres’s default', async () => {
    const cacheOf = async (brief: boolean) => {
      const { engram, cleanup } = await openTempEngram({ brief });
      try {
        return (await engram.database.query<{ shared_buffers: string }>('show shared_buffers')).rows[0]!.shared_buffers;
      } finally {
        await cleanup();
      }
    };
    expect(await cacheOf(true)).toBe('32MB');
    expect(await cacheOf(false)).toBe('128MB');
  });
});

describe('warming up the built-in model while the memory opens', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('hands the warmed provider to the built-in space, which then answers semantic recall', async () => {
    const { engram, cleanup } = await openTempEngram({ warmUpEmbedder: true });
    cleanups.push(cleanup);
    expect(engram.providers.holdsPrewarmed).toBe(true);
    await engram.addNote({ body: 'Water the tomato plants every morning.' });
    await engram.drainQueue();
    expect(engram.providers.holdsPrewarmed).toBe(false);
    const found = await engram.recall('looking after vegetables', { mode: 'vector', limit: 1 });
    expect(found.results).toHaveLength(1);
    expect(found.notices).toEqual([]);
  });

  it('does not warm up unless asked (the CLI opens without it)', async () => {
    const { engram, cleanup } = await openTempEngram();
    cleanups.push(cleanup);
    expect(engram.providers.holdsPrewarmed).toBe(false);
  });

  it('closes a warmed provider no space claimed', async () => {
    const registry = new ProviderRegistry();
    registry.prewarmBuiltin();
    expect(registry.holdsPrewarmed).toBe(true);
    await registry.discardPrewarmed();
    expect(registry.holdsPrewarmed).toBe(false);
    await registry.close();
  });
});
