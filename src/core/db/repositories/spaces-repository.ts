import type { EmbeddingSpace } from '../../../shared/models';
import type { EmbeddingModelInfo } from '../../embedding/embedding-provider';
import type { Queryable } from '../queryable';

/** A space with everything needed to embed into it and to query it. */
export interface SpaceRecord extends EmbeddingSpace {
  readonly queryPrefix: string;
  readonly documentPrefix: string;
  readonly maxInputChars: number;
  readonly truncatedFrom: number | null;
  /** The width asked of the model (Matryoshka `dimensions`), null for its natural width. */
  readonly requestedDimensions: number | null;
  /** A building space whose embedding is paused. */
  readonly paused: boolean;
  readonly retiredAt: string | null;
  /** When a retired space's vectors are dropped (the end of its undo period). */
  readonly purgeAfter: string | null;
  readonly purgedAt: string | null;
}

interface SpaceRow {
  id: number;
  provider: string;
  model: string;
  digest: string | null;
  dimensions: number;
  truncated_from: number | null;
  requested_dimensions: number | null;
  paused: boolean;
  retired_at: Date | null;
  purge_after: Date | null;
  purged_at: Date | null;
  query_prefix: string;
  document_prefix: string;
  max_input_chars: number;
  state: EmbeddingSpace['state'];
  created_at: Date;
}

function toSpace(row: SpaceRow): SpaceRecord {
  return {
    id: row.id,
    provider: row.provider,
    model: row.model,
    digest: row.digest,
    dimensions: row.dimensions,
    truncatedFrom: row.truncated_from,
    requestedDimensions: row.requested_dimensions,
    paused: row.paused,
    retiredAt: row.retired_at?.toISOString() ?? null,
    purgeAfter: row.purge_after?.toISOString() ?? null,
    purgedAt: row.purged_at?.toISOString() ?? null,
    queryPrefix: row.query_prefix,
    documentPrefix: row.document_prefix,
    maxInputChars: row.max_input_chars,
    state: row.state,
    createdAt: row.created_at.toISOString(),
  };
}

/** The public view of a space (what crosses IPC and JSON): no prefixes, limits or lifecycle internals. */
export function publicSpace(space: SpaceRecord): EmbeddingSpace {
  const { id, provider, model, digest, dimensions, state, createdAt } = space;
  return { id, provider, model, digest, dimensions, state, createdAt };
}

/** The name of a space's partial HNSW index. */
export function spaceIndexName(spaceId: number): string {
  return `chunk_embeddings_hnsw_space_${spaceId}`;
}

/** All SQL over embedding_spaces, including each space's partial HNSW index. */
export class SpacesRepository {
  constructor(private readonly db: Queryable) {}

  /** Uses another handle (a transaction) for the same queries. */
  with(db: Queryable): SpacesRepository {
    return new SpacesRepository(db);
  }

  /** The space recall uses now, if any. */
  async active(): Promise<SpaceRecord | null> {
    const result = await this.db.query<SpaceRow>(`select * from embedding_spaces where state = 'active'`);
    return result.rows[0] ? toSpace(result.rows[0]) : null;
  }

  /** Spaces that receive new chunks: the active one first, then any being built. */
  async receiving(): Promise<SpaceRecord[]> {
    const result = await this.db.query<SpaceRow>(`select * from embedding_spaces where state in ('active', 'building') order by state = 'building', id`);
    return result.rows.map(toSpace);
  }

  /** Every space, oldest first. */
  async list(): Promise<SpaceRecord[]> {
    const result = await this.db.query<SpaceRow>('select * from embedding_spaces order by id');
    return result.rows.map(toSpace);
  }

  /** Records a new space for a model in the given state. */
  async create(info: EmbeddingModelInfo & { truncatedFrom?: number | null; requestedDimensions?: number | null }, state: EmbeddingSpace['state']): Promise<SpaceRecord> {
    const result = await this.db.query<SpaceRow>(
      `insert into embedding_spaces (provider, model, digest, dimensions, truncated_from, requested_dimensions, query_prefix, document_prefix, max_input_chars, state, activated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, case when $10 = 'active' then now() end) returning *`,
      [info.provider, info.model, info.digest, info.dimensions, info.truncatedFrom ?? null, info.requestedDimensions ?? null, info.queryPrefix, info.documentPrefix, info.maxInputChars, state],
    );
    return toSpace(result.rows[0]!);
  }

  /**
   * Makes `spaceId` the active space and retires the previous one, kept for undo until `keepMs` from now
   * (call inside a transaction so recall never sees two or zero active spaces).
   */
  async activate(spaceId: number, keepMs = 0): Promise<void> {
    await this.db.query(
      `update embedding_spaces set state = 'retired', retired_at = now(), purge_after = now() + make_interval(secs => $2::float8 / 1000.0)
       where state = 'active' and id <> $1`,
      [spaceId, keepMs],
    );
    await this.db.query(`update embedding_spaces set state = 'active', activated_at = now(), paused = false, retired_at = null, purge_after = null where id = $1`, [spaceId]);
  }

  /** The space being built (there is at most one). */
  async building(): Promise<SpaceRecord | null> {
    const result = await this.db.query<SpaceRow>(`select * from embedding_spaces where state = 'building'`);
    return result.rows[0] ? toSpace(result.rows[0]) : null;
  }

  /** Pauses or resumes embedding into a building space. */
  async setPaused(spaceId: number, paused: boolean): Promise<void> {
    await this.db.query('update embedding_spaces set paused = $2 where id = $1', [spaceId, paused]);
  }

  /** Whether a space takes vectors now: it still exists, is active or building, and is not paused. */
  async receivesNow(spaceId: number): Promise<boolean> {
    const result = await this.db.query<{ receives: boolean }>(
      `select exists (select 1 from embedding_spaces where id = $1 and state in ('active', 'building') and not paused) as receives`,
      [spaceId],
    );
    return result.rows[0]?.receives === true;
  }

  /** Deletes a space with its vectors and queue entries (a cancelled build). */
  async delete(spaceId: number): Promise<void> {
    await this.dropIndex(spaceId);
    await this.db.query('delete from embedding_spaces where id = $1', [spaceId]);
  }

  /** Drops a retired space's vectors and index but keeps its record (so `engram spaces` shows what happened). */
  async purgeVectors(spaceId: number): Promise<void> {
    await this.dropIndex(spaceId);
    await this.db.query('delete from chunk_embeddings where space_id = $1', [spaceId]);
    await this.db.query('delete from embedding_queue where space_id = $1', [spaceId]);
    await this.db.query('update embedding_spaces set purged_at = now() where id = $1', [spaceId]);
  }

  /**
   * Gives the disk of deleted vectors back to the file system: rewrites the vector table, then checkpoints. Not in a
   * transaction: PGlite runs a multi-statement string as one, and VACUUM refuses that, hence one statement per call.
   */
  async compactVectors(): Promise<void> {
    await this.db.exec('vacuum full chunk_embeddings');
    await this.db.exec('checkpoint');
  }

  /** Retired spaces whose undo period is over and whose vectors are still stored. */
  async expired(): Promise<SpaceRecord[]> {
    const result = await this.db.query<SpaceRow>(`select * from embedding_spaces where state = 'retired' and purged_at is null and purge_after <= now()`);
    return result.rows.map(toSpace);
  }

  /** The most recently retired space that still has its vectors (what an undo would bring back). */
  async undoable(): Promise<SpaceRecord | null> {
    const result = await this.db.query<SpaceRow>(`select * from embedding_spaces where state = 'retired' and purged_at is null order by retired_at desc limit 1`);
    return result.rows[0] ? toSpace(result.rows[0]) : null;
  }

  /**
   * Bytes the space's vectors and index take on disk: its `rows` times the size of a row (all rows of a space have
   * the same width, so a few suffice), plus its index. Summing every row instead read (and de-TOASTed) every vector
   * of the space on each call: about 1 s at 50k chunks, and the re-embed wizard asks every second.
   */
  async diskBytes(spaceId: number, rows: number): Promise<number> {
    const sample = await this.db.query<{ bytes: number | null }>(
      'select avg(pg_column_size(e.*))::float8 as bytes from (select * from chunk_embeddings where space_id = $1 limit 16) e',
      [spaceId],
    );
    const index = await this.db.query<{ bytes: number }>(`select coalesce(pg_relation_size(to_regclass($1)), 0)::float8 as bytes`, [spaceIndexName(Math.trunc(spaceId))]);
    return Math.round(rows * (sample.rows[0]?.bytes ?? 0) + (index.rows[0]?.bytes ?? 0));
  }

  /** Live chunks (of notes not forgotten) that have no vector in the space. */
  async missingVectors(spaceId: number): Promise<number> {
    const result = await this.db.query<{ missing: number }>(
      `select count(*)::int as missing from chunks c join notes n on n.id = c.note_id
       where n.deleted_at is null and not exists (select 1 from chunk_embeddings e where e.space_id = $1 and e.chunk_id = c.id)`,
      [spaceId],
    );
    return result.rows[0]?.missing ?? 0;
  }

  /**
   * Up to `count` stored vectors of the space, picked at random. The ids are drawn first so only the chosen vectors
   * are read: ordering the vectors themselves by random() de-TOASTed and printed every one of them (seconds at 50k).
   */
  async sampleVectors(spaceId: number, count: number): Promise<Float32Array[]> {
    const result = await this.db.query<{ embedding: string }>(
      `select embedding::text as embedding from chunk_embeddings
       where space_id = $1 and chunk_id in (select chunk_id from chunk_embeddings where space_id = $1 order by random() limit $2)`,
      [spaceId, count],
    );
    return result.rows.map((r) => Float32Array.from(JSON.parse(r.embedding) as number[]));
  }

  /**
   * Creates the space's partial HNSW index (cosine) if missing. The planner uses it only when a query repeats the
   * same cast and predicate, which search-repository does. Building over many vectors takes a while: call it from
   * the database's own thread. ef_construction 32 (pgvector's default is 64): at 100k chunks of real 512-d vectors it
   * built in ~half the time (96 vs 199 s in one sitting; `npm run bench` part `build`) and cost 0.004 of recall@10 at
   * ef_search 200 (0.979 vs 0.983). Indexes built before keep their parameters.
   */
  async ensureIndex(space: Pick<EmbeddingSpace, 'id' | 'dimensions'>): Promise<void> {
    const id = Math.trunc(space.id);
    const dims = Math.trunc(space.dimensions);
    await this.db.exec(
      `create index if not exists ${spaceIndexName(id)} on chunk_embeddings
       using hnsw ((embedding::vector(${dims})) vector_cosine_ops) with (m = 16, ef_construction = 32) where space_id = ${id}`,
    );
  }

  /** Drops the space's HNSW index (bulk loads insert faster without it). */
  async dropIndex(spaceId: number): Promise<void> {
    await this.db.exec(`drop index if exists ${spaceIndexName(Math.trunc(spaceId))}`);
  }
}
