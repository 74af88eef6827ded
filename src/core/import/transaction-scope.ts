import type { Transaction } from '@electric-sql/pglite';
import type { Database } from '../db/queryable';

/**
 * A Database view of an open transaction: queries run in it, and `transaction(fn)` runs fn inside it instead of
 * opening a new one. Lets the import store a whole batch through the notes service in one commit (one transaction
 * per note costs ~3x more, and a batch must commit together with its resume checkpoint).
 */
export function transactionScope(tx: Transaction): Database {
  const scoped = {
    query: tx.query.bind(tx),
    exec: tx.exec.bind(tx),
    sql: tx.sql.bind(tx),
    transaction: <T>(work: (inner: Transaction) => Promise<T>): Promise<T> => work(tx),
  };
  return scoped as unknown as Database;
}
