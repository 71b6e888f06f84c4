import type { CompiledQuery } from 'kysely';
import type { SqliteHandle, SqliteStatement } from '../storage/index.ts';

/** Prepared statements per SQLite connection, by SQL text; bounded, since `in (...)` lists vary in length. */
const cache = new WeakMap<SqliteHandle, Map<string, SqliteStatement>>();
const MAX_STATEMENTS = 256;

/** `h.prepare(sql)`, prepared once per connection. */
export function prepared(h: SqliteHandle, sql: string): SqliteStatement {
  let byText = cache.get(h);
  if (!byText) cache.set(h, (byText = new Map()));
  let st = byText.get(sql);
  if (!st) {
    if (byText.size >= MAX_STATEMENTS) byText.clear();
    byText.set(sql, (st = h.prepare(sql)));
  }
  return st;
}

/** A select built with Kysely, executed through Kysely or, given the SQLite handle under it, as a cached prepared statement. */
export type Select = <R>(q: { compile(): CompiledQuery<R>; execute(): Promise<R[]> }) => Promise<R[]>;

/**
 * How to run selects: through Kysely, or (SQLite, with Kysely's connection held) straight on
 * the handle. Kysely's SQLite driver prepares every statement anew; for small, frequent
 * queries that preparation cost more than running them (measured with --cpu-prof).
 */
export function selectVia(h: SqliteHandle | undefined): Select {
  if (!h) return (q) => q.execute();
  return async (q) => {
    const c = q.compile();
    return prepared(h, c.sql).all(c.parameters) as never;
  };
}
