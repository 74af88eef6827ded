import type { PGliteInterface, Transaction } from '@electric-sql/pglite';

/** A database handle or an open transaction: repositories accept either, so services decide transaction scope. */
export type Queryable = Pick<PGliteInterface | Transaction, 'query' | 'exec'>;

/** The database handle that can also open transactions. */
export type Database = PGliteInterface;
