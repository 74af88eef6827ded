// Ranking variants measured offline on an evaluation memory: fusion methods and pools (with the core's own fusion
// code), pseudo-relevance feedback, field weights, proximity and score regularisation. Each has its published basis.
import { fuseRanks, rankNotes, type NoteRank } from '../../src/core/recall/rank-fusion';
import { fuseScores } from '../../src/core/recall/score-fusion';
import { OfflineBm25 } from './offline-bm25';
import type { OfflineChunk, OfflineMemory, OfflineQuery } from './offline-memory';

/** A ranked list of documents with scores, best first. */
export type DocList = readonly (readonly [number, number])[];

/** One variant: a name, where it comes from, and the ranking it gives a query. */
export interface Experiment {
  readonly name: string;
  readonly basis: string;
  readonly rank: (query: OfflineQuery) => readonly number[];
}

/** Candidate chunks per leg, as the core's CANDIDATE_POOL. */
const POOL = 200;

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function unit(v: Float32Array): Float32Array {
  const n = Math.sqrt(dot(v, v)) || 1;
  return v.map((x) => x / n);
}

/** The legs and their variants over one memory. */
export class OfflineRanker {
  readonly bm25: OfflineBm25;
  private readonly byId: Map<number, OfflineChunk>;
  private readonly cache = new Map<string, DocList>();

  constructor(
    readonly memory: OfflineMemory,
    titleWeight = 1,
  ) {
    this.byId = new Map(memory.chunks.map((c) => [c.id, c]));
    this.bm25 = new OfflineBm25(memory.chunks.map((c) => ({ id: c.id, tf: termFrequencies(c, titleWeight) })));
  }

  chunk(id: number): OfflineChunk {
    return this.byId.get(id)!;
  }

  /** The top `pool` chunks of chunk scores, collapsed to documents (best chunk), best first. */
  docs(scores: ReadonlyMap<number, number>, pool = POOL): DocList {
    const top = [...scores].sort((a, b) => b[1] - a[1]).slice(0, pool);
    const best = new Map<number, number>();
    for (const [id, s] of top) {
      const doc = this.chunk(id).docId;
      if (!best.has(doc)) best.set(doc, s);
    }
    return [...best];
  }

  keywordScores(terms: ReadonlyMap<string, number>): Map<number, number> {
    return this.bm25.score(terms);
  }

  vectorScores(vector: Float32Array): Map<number, number> {
    return new Map(this.memory.chunks.map((c) => [c.id, dot(vector, c.vector)]));
  }

  /** The keyword leg of a query (cached per pool). */
  keyword(q: OfflineQuery, pool = POOL): DocList {
    return this.cached(`k${q.id}:${pool}`, () => this.docs(this.keywordScores(q.terms), pool));
  }

  /** The vector leg of a query (cached per pool). */
  vector(q: OfflineQuery, pool = POOL): DocList {
    return this.cached(`v${q.id}:${pool}`, () => this.docs(this.vectorScores(q.vector), pool));
  }

  /** The default hybrid: the core's score fusion over both legs. */
  hybrid(q: OfflineQuery, weight = 0.3, pool = POOL): readonly number[] {
    return zFuse(this.vector(q, pool), this.keyword(q, pool), weight, this.keywordScores(q.terms).size < pool);
  }

  /** The chunk of a document that scores best under `scores` (its best passage for feedback). */
  bestChunkOf(doc: number, scores: ReadonlyMap<number, number>): OfflineChunk {
    let best: OfflineChunk | null = null;
    let bestScore = -Infinity;
    for (const c of this.memory.chunks) {
      if (c.docId !== doc) continue;
      const s = scores.get(c.id) ?? -Infinity;
      if (best === null || s > bestScore) [best, bestScore] = [c, s];
    }
    return best!;
  }

  private cached(key: string, make: () => DocList): DocList {
    let list = this.cache.get(key);
    if (!list) this.cache.set(key, (list = make()));
    return list;
  }
}

/** A chunk's term frequencies, its title's terms counted `titleWeight` times in all (BM25F-style field weight). */
function termFrequencies(c: OfflineChunk, titleWeight: number): Map<string, number> {
  const tf = new Map([...c.lexemes].map(([t, p]) => [t, p.length]));
  for (const [t, n] of c.titleLexemes) tf.set(t, (tf.get(t) ?? 0) + (titleWeight - 1) * n);
  return tf;
}

function asNotes(list: DocList): Map<number, NoteRank> {
  return rankNotes(list.map(([doc, score]) => ({ chunkId: doc, noteId: doc, score })));
}

/** The core's score fusion over two document lists (`exhaustive`: the keyword list holds every match). */
export function zFuse(vector: DocList, keyword: DocList, weight: number, exhaustive = false): number[] {
  return fuseScores(asNotes(vector), asNotes(keyword), weight, { keywordExhaustive: exhaustive }).map((f) => f.noteId);
}

/** Min-max normalised CombSUM (Fox & Shaw 1994), optionally CombMNZ (times the number of legs that found it). */
function minMaxFuse(vector: DocList, keyword: DocList, weight: number, mnz = false, zscore = false): number[] {
  const norm = (l: DocList): Map<number, number> => {
    const v = l.map((x) => x[1]);
    const mean = v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, v.length)) || 1;
    const [lo, hi] = [Math.min(...v), Math.max(...v)];
    return new Map(l.map(([d, s]) => [d, zscore ? (s - mean) / sd : hi > lo ? (s - lo) / (hi - lo) : 1]));
  };
  const [nv, nk] = [norm(vector), norm(keyword)];
  const floor = (m: Map<number, number>): number => (m.size ? Math.min(...m.values()) : 0);
  const docs = new Set([...nv.keys(), ...nk.keys()]);
  return [...docs]
    .map((d) => {
      const legs = (nv.has(d) ? 1 : 0) + (nk.has(d) ? 1 : 0);
      const s = weight * (nv.get(d) ?? floor(nv)) + (1 - weight) * (nk.get(d) ?? floor(nk));
      return [d, mnz ? s * legs : s] as const;
    })
    .sort((a, b) => b[1] - a[1])
    .map((x) => x[0]);
}

/**
 * RM3 (Lavrenko & Croft 2001; Abdul-Jaleel et al. 2004): a relevance model from the feedback passages, P(t|R) =
 * Σ_D w_D · tf(t,D)/|D|, its top terms mixed with the query, λ·P(t|Q) + (1-λ)·P(t|R). `select` 'tsv' ranks candidate
 * terms by Robertson's term selection value (passages holding the term × idf; Robertson 1990) instead.
 */
function rm3(r: OfflineRanker, q: OfflineQuery, feedback: readonly OfflineChunk[], terms: number, lambda: number, select: 'rm' | 'tsv' = 'rm'): Map<string, number> {
  const relevance = new Map<string, number>();
  const holders = new Map<string, number>();
  for (const c of feedback) {
    const length = [...c.lexemes.values()].reduce((a, p) => a + p.length, 0) || 1;
    for (const [t, p] of c.lexemes) {
      relevance.set(t, (relevance.get(t) ?? 0) + p.length / length / feedback.length);
      holders.set(t, (holders.get(t) ?? 0) + 1);
    }
  }
  const value = (t: string, p: number): number => (select === 'rm' ? p : holders.get(t)! * r.bm25.idf(t));
  const top = [...relevance]
    .filter(([t]) => t.length > 1 && !/^\d+$/.test(t))
    .sort((a, b) => value(b[0], b[1]) - value(a[0], a[1]))
    .slice(0, terms);
  const relSum = top.reduce((a, [, p]) => a + p, 0) || 1;
  const qSum = [...q.terms.values()].reduce((a, b) => a + b, 0) || 1;
  const out = new Map<string, number>();
  for (const [t, n] of q.terms) out.set(t, (lambda * n) / qSum);
  for (const [t, p] of top) out.set(t, (out.get(t) ?? 0) + ((1 - lambda) * p) / relSum);
  return out;
}

/** Rocchio (1971) on the vector leg: the query moved towards the feedback passages' vectors, then renormalised. */
function rocchio(q: OfflineQuery, feedback: readonly OfflineChunk[], beta: number): Float32Array {
  const moved = Float32Array.from(q.vector);
  for (const c of feedback) for (let i = 0; i < moved.length; i++) moved[i]! += (beta / feedback.length) * c.vector[i]!;
  return unit(moved);
}

/** Proximity: BM25TP as Büttcher, Clarke & Lushman (2006), accumulated over adjacent query-term occurrences. */
function proximity(r: OfflineRanker, chunk: OfflineChunk, terms: ReadonlySet<string>): number {
  const hits: [number, string][] = [];
  for (const t of terms) for (const p of chunk.lexemes.get(t) ?? []) hits.push([p, t]);
  hits.sort((a, b) => a[0] - b[0]);
  const acc = new Map<string, number>();
  for (let i = 1; i < hits.length; i++) {
    const [[pi, ti], [pj, tj]] = [hits[i - 1]!, hits[i]!];
    if (ti === tj) continue;
    acc.set(tj, (acc.get(tj) ?? 0) + r.bm25.idf(ti) / (pj - pi) ** 2);
    acc.set(ti, (acc.get(ti) ?? 0) + r.bm25.idf(tj) / (pj - pi) ** 2);
  }
  let s = 0;
  for (const [t, a] of acc) s += (Math.min(1, r.bm25.idf(t)) * a * (r.bm25.k + 1)) / (a + r.bm25.saturation(chunk.id));
  return s;
}

/** Score regularisation over the fused candidates (Diaz 2005): each score mixed with its nearest neighbours'. */
function regularise(r: OfflineRanker, q: OfflineQuery, fused: readonly number[], neighbours: number, gamma: number): number[] {
  const top = fused.slice(0, 100);
  const z = top.map((_, i) => -i / top.length); // rank-based score of the fused list, 0 at the top
  const scores = r.vectorScores(q.vector);
  const vecs = top.map((doc) => r.bestChunkOf(doc, scores).vector);
  const mixed = top.map((doc, i) => {
    const near = top
      .map((_, j) => [j === i ? -Infinity : dot(vecs[i]!, vecs[j]!), j] as const)
      .sort((a, b) => b[0] - a[0])
      .slice(0, neighbours);
    const wsum = near.reduce((a, [s]) => a + Math.max(0, s), 0) || 1;
    const smooth = near.reduce((a, [s, j]) => a + Math.max(0, s) * z[j]!, 0) / wsum;
    return [doc, (1 - gamma) * z[i]! + gamma * smooth] as const;
  });
  return [...mixed].sort((a, b) => b[1] - a[1]).map((x) => x[0]);
}

/** Every offline variant over one memory. */
export function experiments(memory: OfflineMemory): Experiment[] {
  const r = new OfflineRanker(memory);
  const titled = new OfflineRanker(memory, 2);
  const fbKeyword = (q: OfflineQuery, n: number): OfflineChunk[] => {
    const scores = r.keywordScores(q.terms);
    return r.keyword(q).slice(0, n).map(([doc]) => r.bestChunkOf(doc, scores));
  };
  const fbHybrid = (q: OfflineQuery, n: number, leg: 'k' | 'v'): OfflineChunk[] => {
    const scores = leg === 'k' ? r.keywordScores(q.terms) : r.vectorScores(q.vector);
    return r.hybrid(q).slice(0, n).map((doc) => r.bestChunkOf(doc, scores));
  };
  const hybridWithKeyword = (q: OfflineQuery, keyword: DocList): number[] => zFuse(r.vector(q), keyword, 0.3);
  const ids = (l: DocList): number[] => l.map(([d]) => d);
  const note = (name: string, basis: string, rank: (q: OfflineQuery) => readonly number[]): Experiment => ({ name, basis, rank });
  return [
    note('keyword (BM25, recomputed)', 'Robertson & Zaragoza 2009', (q) => ids(r.keyword(q, 1000))),
    note('vector (exact cosine)', 'USE-lite', (q) => ids(r.vector(q, 1000))),
    note('hybrid z-score w=0.3 (default)', 'Montague & Aslam 2001; Bruch et al. 2023', (q) => r.hybrid(q)),
    note('hybrid rrf k=20 v=0.5 (previous default)', 'Cormack et al. 2009', (q) => fuseRanks(asNotes(r.vector(q)), asNotes(r.keyword(q)), { k: 20, vector: 0.5, keyword: 1 }).map((f) => f.noteId)),
    note('hybrid rrf k=60 equal weights', 'Cormack et al. 2009', (q) => fuseRanks(asNotes(r.vector(q)), asNotes(r.keyword(q)), { k: 60, vector: 1, keyword: 1 }).map((f) => f.noteId)),
    note('hybrid min-max w=0.3', 'Fox & Shaw 1994; Lee 1997', (q) => minMaxFuse(r.vector(q), r.keyword(q), 0.3)),
    note('hybrid CombMNZ z-score w=0.3', 'Fox & Shaw 1994; Lee 1997', (q) => minMaxFuse(r.vector(q), r.keyword(q), 0.3, true, true)),
    note('hybrid z-score, pool 30', 'pool size', (q) => r.hybrid(q, 0.3, 30)),
    note('hybrid z-score, pool 100', 'pool size', (q) => r.hybrid(q, 0.3, 100)),
    note('hybrid z-score, pool 300', 'pool size', (q) => r.hybrid(q, 0.3, 300)),
    note('keyword + RM3 (10 docs, 20 terms, λ 0.5)', 'Abdul-Jaleel et al. 2004', (q) => ids(r.docs(r.keywordScores(rm3(r, q, fbKeyword(q, 10), 20, 0.5)), 1000))),
    note('hybrid, keyword leg + RM3 (λ 0.5)', 'Abdul-Jaleel et al. 2004', (q) => hybridWithKeyword(q, r.docs(r.keywordScores(rm3(r, q, fbKeyword(q, 10), 20, 0.5))))),
    note('hybrid, RM3 from hybrid top 10, TSV terms (λ 0.7)', 'Robertson 1990', (q) => hybridWithKeyword(q, r.docs(r.keywordScores(rm3(r, q, fbHybrid(q, 10, 'k'), 10, 0.7, 'tsv'))))),
    note('hybrid, RM3 from hybrid top 10 (λ 0.9)', 'Abdul-Jaleel et al. 2004', (q) => hybridWithKeyword(q, r.docs(r.keywordScores(rm3(r, q, fbHybrid(q, 10, 'k'), 20, 0.9))))),
    note('hybrid, vector leg Rocchio from hybrid top 5 (β 0.5)', 'Rocchio 1971; Li et al. 2021', (q) => zFuse(r.docs(r.vectorScores(rocchio(q, fbHybrid(q, 5, 'v'), 0.5))), r.keyword(q), 0.3)),
    note('vector, Rocchio from its own top 5 (β 0.5)', 'Rocchio 1971', (q) => {
      const scores = r.vectorScores(q.vector);
      return ids(r.docs(r.vectorScores(rocchio(q, r.vector(q).slice(0, 5).map(([d]) => r.bestChunkOf(d, scores)), 0.5)), 1000));
    }),
    note('keyword, title weighted x2', 'Robertson et al. 2004 (BM25F)', (q) => ids(titled.keyword(q, 1000))),
    note('hybrid, title weighted x2', 'Robertson et al. 2004 (BM25F)', (q) => zFuse(r.vector(q), titled.keyword(q), 0.3)),
    note('keyword + proximity (BM25TP)', 'Büttcher et al. 2006', (q) => ids(withProximity(r, q, 1000))),
    note('hybrid, keyword leg + proximity', 'Büttcher et al. 2006', (q) => hybridWithKeyword(q, withProximity(r, q, POOL))),
    note('hybrid, regularised over neighbours (k 10, γ 0.3)', 'Diaz 2005', (q) => regularise(r, q, r.hybrid(q), 10, 0.3)),
  ];
}

function withProximity(r: OfflineRanker, q: OfflineQuery, pool: number): DocList {
  const terms = new Set(q.terms.keys());
  const scores = r.keywordScores(q.terms);
  const top = [...scores].sort((a, b) => b[1] - a[1]).slice(0, 300);
  return r.docs(new Map(top.map(([id, s]) => [id, s + proximity(r, r.chunk(id), terms)])), pool);
}

/** nDCG@10 of the default hybrid by query length (terms after stop words) for several vector weights. */
export function weightByQueryLength(memory: OfflineMemory, weights: readonly number[], score: (ranking: readonly number[], q: OfflineQuery) => number): string[] {
  const r = new OfflineRanker(memory);
  const buckets: [string, (n: number) => boolean][] = [
    ['≤ 8 terms', (n) => n <= 8],
    ['9-20 terms', (n) => n > 8 && n <= 20],
    ['> 20 terms', (n) => n > 20],
  ];
  return buckets.map(([label, test]) => {
    const qs = memory.queries.filter((q) => test(q.terms.size));
    const cells = weights.map((w) => (qs.length ? qs.reduce((a, q) => a + score(r.hybrid(q, w), q), 0) / qs.length : 0).toFixed(3));
    return `| ${memory.name} | ${label} | ${qs.length} | ${cells.join(' | ')} |`;
  });
}
