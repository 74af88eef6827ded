// The baseline for the vector leg: every vector of the space held in one Float32Array, top 10 found by a
// plain loop of dot products (brute force, exact). The vectors are read out through binary COPY, the same format
// the core writes them in (src/core/db/vector-copy.ts).
import type { Database } from '../src/core/db/queryable';

/** A space's vectors in memory: row i is chunk ids[i], its floats at vectors[i*dims .. (i+1)*dims). */
export interface VectorsInMemory {
  readonly ids: Int32Array;
  readonly vectors: Float32Array;
  readonly dims: number;
}

const HEADER_BYTES = 19;

/** Reads every vector of a space into memory (binary COPY TO '/dev/blob'). */
export async function loadSpaceVectors(db: Database, spaceId: number, dims: number): Promise<VectorsInMemory> {
  const result = await db.query(`copy (select chunk_id, embedding from chunk_embeddings where space_id = ${Math.trunc(spaceId)}) to '/dev/blob' with (format binary)`);
  if (!result.blob) throw new Error('binary COPY returned no data');
  const view = new DataView(await result.blob.arrayBuffer());
  const rowBytes = 2 + 4 + 4 + 4 + 4 + dims * 4;
  const rows = (view.byteLength - HEADER_BYTES - 2) / rowBytes;
  const ids = new Int32Array(rows);
  const vectors = new Float32Array(rows * dims);
  for (let i = 0, at = HEADER_BYTES; i < rows; i++, at += rowBytes) {
    ids[i] = view.getInt32(at + 6);
    if (view.getInt16(at + 14) !== dims) throw new Error(`row ${i} has ${view.getInt16(at + 14)} dimensions, expected ${dims}`);
    for (let k = 0; k < dims; k++) vectors[i * dims + k] = view.getFloat32(at + 18 + k * 4);
  }
  return { ids, vectors, dims };
}

/** The chunk ids of the k vectors with the largest dot product with `query` (cosine: the vectors are unit length). */
export function bruteForceTop(store: VectorsInMemory, query: Float32Array, k = 10): number[] {
  const { ids, vectors, dims } = store;
  const bestScore = new Float64Array(k).fill(-Infinity);
  const bestRow = new Int32Array(k).fill(-1);
  for (let row = 0, base = 0; row < ids.length; row++, base += dims) {
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += vectors[base + d]! * query[d]!;
    if (dot <= bestScore[k - 1]!) continue;
    let slot = k - 1;
    while (slot > 0 && bestScore[slot - 1]! < dot) {
      bestScore[slot] = bestScore[slot - 1]!;
      bestRow[slot] = bestRow[slot - 1]!;
      slot--;
    }
    bestScore[slot] = dot;
    bestRow[slot] = row;
  }
  return Array.from(bestRow)
    .filter((row) => row >= 0)
    .map((row) => ids[row]!);
}
