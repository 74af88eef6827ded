// Splitting an over-long text for a model whose context it exceeds, and merging the pieces' vectors again.
import { toUnitVector } from '../vector-checks';

/**
 * Splits a text into two halves near its middle, preferring a paragraph, sentence or word boundary within the
 * middle half of the text and never splitting a surrogate pair. Both halves are non-empty for texts of length ≥ 2.
 */
export function splitInHalf(text: string): [string, string] {
  const middle = Math.floor(text.length / 2);
  const window = Math.floor(text.length / 4);
  const patterns = [/\n\s*\n/g, /[.!?]\s+/g, /\s+/g];
  for (const pattern of patterns) {
    let best = -1;
    for (const match of text.matchAll(pattern)) {
      const cut = match.index + match[0].length;
      if (cut <= 0 || cut >= text.length) continue;
      if (Math.abs(cut - middle) <= window && (best < 0 || Math.abs(cut - middle) < Math.abs(best - middle))) best = cut;
    }
    if (best > 0) return [text.slice(0, best), text.slice(best)];
  }
  let cut = Math.max(1, middle);
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff && cut + 1 < text.length) cut += 1;
  return [text.slice(0, cut), text.slice(cut)];
}

/**
 * Combines the unit vectors of a text's pieces into one unit vector: the average weighted by each piece's length,
 * renormalised (the usual way to embed a document longer than a model's context).
 */
export function combinePieceVectors(pieces: readonly { vector: Float32Array; weight: number }[], dimensions: number): Float32Array {
  const sum = new Float64Array(dimensions);
  for (const { vector, weight } of pieces) {
    for (let i = 0; i < dimensions; i++) sum[i]! += vector[i]! * weight;
  }
  return toUnitVector(sum, dimensions);
}
