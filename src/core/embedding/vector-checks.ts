import { EmbeddingError } from '../errors';

/**
 * Checks that a provider's vector is finite, of the expected width and not zero, and returns it scaled to unit
 * length. Throws a non-retryable EmbeddingError otherwise: nothing else may be stored as a vector.
 */
export function toUnitVector(values: ArrayLike<number>, dimensions: number): Float32Array {
  if (values.length !== dimensions) {
    throw new EmbeddingError(`the model returned ${values.length} dimensions, expected ${dimensions}`, false);
  }
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new EmbeddingError('the model returned a vector containing NaN or Infinity', false);
    sumSquares += v * v;
  }
  const norm = Math.sqrt(sumSquares);
  if (norm === 0) throw new EmbeddingError('the model returned an all-zero vector', false);
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! / norm;
  return out;
}

/** Cuts a vector to its first `dimensions` values and renormalises it (Matryoshka truncation). */
export function truncateVector(values: ArrayLike<number>, dimensions: number): Float32Array {
  if (dimensions > values.length) {
    throw new EmbeddingError(`cannot truncate a ${values.length}-d vector to ${dimensions} dimensions`, false);
  }
  return toUnitVector(Array.prototype.slice.call(values, 0, dimensions) as number[], dimensions);
}
