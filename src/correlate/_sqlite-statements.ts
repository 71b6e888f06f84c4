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
