import type { PGliteInterface, Transaction } from '@electric-sql/pglite';

/** A database handle or an open transaction: repositories accept either, so services decide transaction scope. */
export type Queryable = Pick<PGliteInterface | Transaction, 'query' | 'exec'>;

/** The database handle that can also open transactions. */
export type Database = PGliteInterface;

/** Whether a handle is the database itself (which can open transactions) rather than an open transaction. */
function canOpenTransactions(db: Queryable): db is Database {
  return typeof (db as Partial<Database>).transaction === 'function';
}

/** Runs `work` in a transaction: a new one on the database, or the caller's when `db` already is one. */
export function withinTransaction<T>(db: Queryable, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return canOpenTransactions(db) ? db.transaction(work) : work(db);
}
