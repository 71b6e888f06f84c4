import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Anything queries can run on: the database or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

/** Splits `items` into chunks of at most `size`, for multi-row statements under the bind-parameter limits. */
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export const toInt = (b: boolean | undefined): number => (b ? 1 : 0);

/** JSON text of an `extra` record, or null when it holds nothing. */
export function extraJson(extra: Record<string, unknown> | undefined): string | null {
  return extra && Object.keys(extra).length > 0 ? JSON.stringify(extra) : null;
}

export function parseExtra(text: string | null): Record<string, unknown> | undefined {
  return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
}

const numbered = new WeakMap<object, boolean>();

/** Whether the database numbers its placeholders (`$1`, PostgreSQL) rather than `?` (SQLite), for SQL text written by hand; known once per dialect adapter. */
export function numberedPlaceholders(db: Executor): boolean {
  const adapter = db.getExecutor().adapter;
  let n = numbered.get(adapter);
  if (n === undefined) numbered.set(adapter, (n = sql`${0}`.compile(db).sql === '$1'));
  return n;
}
