/**
 * Pseudo-relevance feedback for the vector leg (Rocchio 1971, as applied to dense retrieval by Li et al. 2021,
 * "Pseudo Relevance Feedback with Deep Language Models and Dense Retrievers"): the first fused ranking's top notes
 * are taken as relevant, and the query vector moves towards the mean of their best chunks' vectors before the vector
 * leg runs again. It helps where the model alone misses the collection's vocabulary: the keyword leg's best matches
 * pull the query into the region of the space where the relevant notes are.
 */
export interface VectorFeedback {
  /** How many of the first ranking's notes feed back (their best chunks). */
  readonly docs: number;
  /** The centroid's share of the new query (0..1); the original query keeps the rest. */
  readonly weight: number;
}

/** Unit-length copy of a vector (a zero vector stays zero). */
function unit(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const x of vector) norm += x * x;
  norm = Math.sqrt(norm);
  return norm > 0 ? vector.map((x) => x / norm) : vector.slice();
}

/** The feedback query: (1 - weight) * q/|q| + weight * c/|c|, both directions at unit length. */
export function moveQuery(query: Float32Array, centroid: Float32Array, weight: number): Float32Array {
  const w = Math.min(1, Math.max(0, weight));
  const q = unit(query);
  const c = unit(centroid);
  return q.map((x, i) => (1 - w) * x + w * (c[i] ?? 0));
}
