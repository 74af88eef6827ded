// Recent query vectors are reused per embedding space; failures are not kept; the least recently used goes first.
import { describe, expect, it } from 'vitest';
import { QueryVectorCache } from '../../src/core/recall/query-vector-cache';

function countingModel() {
  const embedded: string[] = [];
  const embed = (text: string) => async () => {
    embedded.push(text);
    if (text === 'boom') throw new Error('model down');
    return Float32Array.of(text.length);
  };
  return { embedded, embed };
}

describe('query vector cache', () => {
  it('embeds a query once per space, sharing a request still running', async () => {
    const model = countingModel();
    const cache = new QueryVectorCache(8);
    const [a, b] = await Promise.all([cache.get(1, 'tomatoes', model.embed('tomatoes')), cache.get(1, 'tomatoes', model.embed('tomatoes'))]);
    expect(a).toBe(b);
    await cache.get(1, 'tomatoes', model.embed('tomatoes'));
    await cache.get(2, 'tomatoes', model.embed('tomatoes')); // another model's space: its own vector
    expect(model.embedded).toEqual(['tomatoes', 'tomatoes']);
  });

  it('forgets a failed embedding, so the next request tries the model again', async () => {
    const model = countingModel();
    const cache = new QueryVectorCache(8);
    await expect(cache.get(1, 'boom', model.embed('boom'))).rejects.toThrow('model down');
    await expect(cache.get(1, 'boom', model.embed('boom'))).rejects.toThrow('model down');
    expect(model.embedded).toEqual(['boom', 'boom']);
    expect(cache.size).toBe(0);
  });

  it('keeps nothing at capacity 0 (benchmarks that time the embedding)', async () => {
    const model = countingModel();
    const cache = new QueryVectorCache(0);
    await cache.get(1, 'a', model.embed('a'));
    await cache.get(1, 'a', model.embed('a'));
    expect(model.embedded).toEqual(['a', 'a']);
  });

  it('keeps the most recently used queries when full', async () => {
    const model = countingModel();
    const cache = new QueryVectorCache(2);
    await cache.get(1, 'a', model.embed('a'));
    await cache.get(1, 'b', model.embed('b'));
    await cache.get(1, 'a', model.embed('a')); // used again: now the newest
    await cache.get(1, 'c', model.embed('c')); // pushes out b
    await cache.get(1, 'a', model.embed('a'));
    await cache.get(1, 'b', model.embed('b'));
    expect(model.embedded).toEqual(['a', 'b', 'c', 'b']);
  });
});
