// Builds many 512-d vectors from a few thousand real model embeddings: normalised mixtures of 2 or 3 real vectors
// with deterministic seeded weights. Never random noise: every synthetic vector lies in the span of real output.

/** A deterministic 32-bit PRNG (mulberry32) returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Scales a vector to unit length in place and returns it. */
export function normalizeInPlace(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  const n = Math.sqrt(s) || 1;
  for (let i = 0; i < v.length; i++) v[i] = v[i]! / n;
  return v;
}

/** One synthetic vector and the indices of the real embeddings it mixes (dominant first). */
export interface SyntheticItem {
  readonly vector: Float32Array;
  readonly parts: readonly number[];
}

/**
 * The i-th item of a seeded sequence. The first `bases.length` are the real embeddings themselves; later ones mix
 * 2 or 3 distinct real embeddings (picked by a PRNG seeded with seed and i): the first with weight 1, the others
 * with weights in [0.2, 0.8), then renormalise. Deterministic: the same (bases, seed, i) always gives the same item.
 */
export function syntheticItem(bases: readonly Float32Array[], seed: number, i: number): SyntheticItem {
  const dims = bases[0]!.length;
  if (i < bases.length) return { vector: Float32Array.from(bases[i]!), parts: [i] };
  const rand = seededRandom((Math.imul(seed, 2654435761) ^ Math.imul(i, 40503) ^ 0x9e3779b9) >>> 0);
  const count = rand() < 0.5 ? 2 : 3;
  const picked = new Set<number>();
  while (picked.size < count) picked.add(Math.floor(rand() * bases.length));
  const parts = [...picked];
  const out = new Float32Array(dims);
  parts.forEach((idx, k) => {
    // one dominant component keeps neighbourhoods realistic: a real text, blended with one or two others
    const w = k === 0 ? 1 : 0.2 + rand() * 0.6;
    const b = bases[idx]!;
    for (let d = 0; d < dims; d++) out[d] = out[d]! + w * b[d]!;
  });
  return { vector: normalizeInPlace(out), parts };
}
