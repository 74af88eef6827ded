// BM25 over plain data, computed as pg_textsearch computes it (idf = ln(1 + (N - df + 0.5) / (df + 0.5)), k1 1.2,
// b 0.75, query term frequencies multiply), so experiments can weight terms and fields the index cannot.

/** A unit BM25 ranks: an id and its term frequencies. */
export interface Bm25Unit {
  readonly id: number;
  readonly tf: ReadonlyMap<string, number>;
}

/** BM25 over a fixed set of units. */
export class OfflineBm25 {
  private readonly postings = new Map<string, [number, number][]>();
  private readonly lengths = new Map<number, number>();
  private readonly averageLength: number;

  constructor(
    units: readonly Bm25Unit[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    let total = 0;
    for (const u of units) {
      let length = 0;
      for (const [term, tf] of u.tf) {
        length += tf;
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push([u.id, tf]);
      }
      this.lengths.set(u.id, length);
      total += length;
    }
    this.averageLength = total / Math.max(1, units.length);
  }

  /** Inverse document frequency of a term (0 for a term no unit holds). */
  idf(term: string): number {
    const df = this.postings.get(term)?.length ?? 0;
    if (df === 0) return 0;
    const n = this.lengths.size;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Whether a unit holds the term. */
  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** A unit's length (sum of its term frequencies) relative to the average. */
  relativeLength(id: number): number {
    return (this.lengths.get(id) ?? 0) / this.averageLength;
  }

  /** Scores every unit holding a query term; `terms` maps each term to its weight (its frequency in the query). */
  score(terms: ReadonlyMap<string, number>): Map<number, number> {
    const scores = new Map<number, number>();
    for (const [term, weight] of terms) {
      const idf = this.idf(term);
      for (const [id, tf] of this.postings.get(term) ?? []) {
        const norm = this.k1 * (1 - this.b + this.b * this.relativeLength(id));
        scores.set(id, (scores.get(id) ?? 0) + weight * idf * ((tf * (this.k1 + 1)) / (tf + norm)));
      }
    }
    return scores;
  }

  /** The saturation denominator BM25 uses for a unit, for scores built on BM25's own terms (proximity). */
  saturation(id: number): number {
    return this.k1 * (1 - this.b + this.b * this.relativeLength(id));
  }

  /** BM25's k1. */
  get k(): number {
    return this.k1;
  }
}
