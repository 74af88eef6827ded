/**
 * Rows of (chunk id, vector) in Postgres's binary COPY format, for `COPY … FROM '/dev/blob' WITH (FORMAT binary)`.
 *
 * Why binary: PGlite's Postgres runs as WebAssembly, where parsing a float from text goes through musl's strtod and
 * its software long double. A 512-d vector as text (`[0.1,…]`) costs about 1.2 ms to parse, so storing 100k vectors
 * spent two minutes in float parsing alone. pgvector's binary input (`vector_recv`) reads the four bytes of each
 * float as they are: 32 µs per vector, and the stored value is bit for bit what the model returned.
 *
 * Layout (Postgres docs, "COPY", binary format): an 11-byte signature, a 4-byte flags field and a 4-byte header
 * extension length; per row a 2-byte field count, then each field as a 4-byte length and its bytes; a 2-byte -1 ends
 * the data. All integers are big-endian. A vector field is pgvector's send format: int16 dimensions, int16 unused,
 * then the float4s.
 */
const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];
const HEADER_BYTES = SIGNATURE.length + 8;

/** One row to copy: the chunk it embeds and its vector. */
export interface VectorRow {
  readonly chunkId: number;
  readonly vector: Float32Array;
}

/** Encodes rows for a two-column table `(chunk_id integer, embedding vector)`. */
export function vectorRowsCopyBlob(rows: readonly VectorRow[]): Blob {
  const rowBytes = (row: VectorRow) => 2 + 4 + 4 + 4 + 4 + row.vector.length * 4;
  const total = HEADER_BYTES + rows.reduce((sum, row) => sum + rowBytes(row), 0) + 2;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(SIGNATURE, 0);
  let at = HEADER_BYTES; // flags and header extension length stay zero
  for (const row of rows) {
    view.setInt16(at, 2);
    view.setInt32(at + 2, 4);
    view.setInt32(at + 6, row.chunkId);
    view.setInt32(at + 10, 4 + row.vector.length * 4);
    at = writeVector(view, at + 14, row.vector);
  }
  view.setInt16(at, -1);
  return new Blob([bytes]);
}

/**
 * One vector in pgvector's binary form (what `vector_recv` reads), for a query parameter sent as binary: the same
 * speed-up as the COPY rows above for the query vector of each search (~1 ms a search at 512-d).
 */
export function vectorBinary(vector: Float32Array): Uint8Array {
  const bytes = new Uint8Array(4 + vector.length * 4);
  writeVector(new DataView(bytes.buffer), 0, vector);
  return bytes;
}

/** Writes int16 dimensions, int16 unused, then the float4s, big-endian; returns the offset after them. */
function writeVector(view: DataView, at: number, vector: Float32Array): number {
  if (vector.length > 16000) throw new Error(`a vector of ${vector.length} dimensions is more than pgvector stores (16,000)`);
  view.setInt16(at, vector.length);
  view.setInt16(at + 2, 0);
  let offset = at + 4;
  for (const value of vector) {
    view.setFloat32(offset, value);
    offset += 4;
  }
  return offset;
}
