import { CompiledQuery } from 'kysely';
import type { Db } from './db.ts';

/**
 * Runs one read statement, given as SQL text and parameters, and returns its rows.
 *
 * On SQLite with no transaction open on the connection, the statement runs at once on the
 * cached prepared statement: better-sqlite3 runs it synchronously, so no other query can
 * interleave with it, and skipping Kysely's connection queue (a dozen promise hops) is a
 * measurable part of a one-value restSearch (bench/api). While a transaction is open, the
 * statement queues through Kysely like any other, so it never reads another task's
 * uncommitted rows. On PostgreSQL it runs on a pooled connection as a named prepared statement
 * (outside any transaction, as a pool query always is).
 *
 * @example const rows = await readRows<{ id: number }>(db, 'select id from events where uuid = ?', [uuid]);
 */
export async function readRows<R>(db: Db, text: string, parameters: readonly unknown[]): Promise<R[]> {
  if (db.sqlitePrepare && db.sqlite && !db.sqlite.inTransaction) return db.sqlitePrepare(text).all(parameters) as R[];
  if (db.pgPrepared) return (await db.pgPrepared(text, parameters)) as R[];
  return (await db.kysely.executeQuery<R>(CompiledQuery.raw(text, [...parameters]))).rows;
}
