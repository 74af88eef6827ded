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
}

interface SpaceRow {
  id: number;
  provider: string;
  model: string;
  digest: string | null;
  dimensions: number;
  truncated_from: number | null;
  requested_dimensions: number | null;
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
    queryPrefix: row.query_prefix,
    documentPrefix: row.document_prefix,
    maxInputChars: row.max_input_chars,
    state: row.state,
    createdAt: row.created_at.toISOString(),
  };
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

  /** Spaces that receive new chunks: the active one and any being built. */
  async receiving(): Promise<SpaceRecord[]> {
    const result = await this.db.query<SpaceRow>(`select * from embedding_spaces where state in ('active', 'building') order by id`);
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

  /** Makes `spaceId` the active space and retires the previous one, atomically (call inside a transaction). */
  async activate(spaceId: number): Promise<void> {
    await this.db.query(`update embedding_spaces set state = 'retired' where state = 'active' and id <> $1`, [spaceId]);
    await this.db.query(`update embedding_spaces set state = 'active', activated_at = now() where id = $1`, [spaceId]);
  }

  /**
   * Creates the space's partial HNSW index (cosine) if missing. The planner uses it only when a query repeats the
   * same cast and predicate, which search-repository does. Building over many vectors takes a while: call it from
   * the database's own thread.
   */
  async ensureIndex(space: Pick<EmbeddingSpace, 'id' | 'dimensions'>): Promise<void> {
    const id = Math.trunc(space.id);
    const dims = Math.trunc(space.dimensions);
    await this.db.exec(
      `create index if not exists ${spaceIndexName(id)} on chunk_embeddings
       using hnsw ((embedding::vector(${dims})) vector_cosine_ops) with (m = 16, ef_construction = 64) where space_id = ${id}`,
    );
  }

  /** Drops the space's HNSW index (bulk loads insert faster without it). */
  async dropIndex(spaceId: number): Promise<void> {
    await this.db.exec(`drop index if exists ${spaceIndexName(Math.trunc(spaceId))}`);
  }
}
