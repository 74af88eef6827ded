/** How many recent query vectors are kept (512 dimensions: 2 KB each). */
export const QUERY_VECTOR_CACHE_SIZE = 128;

/**
 * The vectors of recent queries, per embedding space, least recently used first out. A vector depends only on the
 * space's model and the text, so it never goes stale; a failed embedding is not kept. Typing back over a query,
 * paging, Ask's follow-ups and an agent repeating itself then skip the model (9 ms idle, more behind a backlog).
 * Overlapping requests for the same text share one embedding.
 */
export class QueryVectorCache {
  private readonly entries = new Map<string, Promise<Float32Array>>();

  /** `capacity` 0 keeps nothing: every request embeds. */
  constructor(private readonly capacity: number = QUERY_VECTOR_CACHE_SIZE) {}

  /** The vector of `text` in space `spaceId`: remembered, or `embed()`ed and remembered. */
  get(spaceId: number, text: string, embed: () => Promise<Float32Array>): Promise<Float32Array> {
    const key = `${spaceId}\u0000${text}`;
    const known = this.entries.get(key);
    if (known) {
      this.entries.delete(key); // most recently used goes last
      this.entries.set(key, known);
      return known;
    }
    const vector = embed();
    if (this.capacity <= 0) return vector;
    this.entries.set(key, vector);
    vector.catch(() => {
      if (this.entries.get(key) === vector) this.entries.delete(key);
    });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return vector;
  }

  /** How many vectors are kept. */
  get size(): number {
    return this.entries.size;
  }
}
