import { CompiledQuery } from 'kysely';
import { numberedPlaceholders, type Executor } from './executor.ts';

/**
 * Multi-row INSERTs sent as pre-built SQL text: building and compiling a Kysely query for
 * thousands of rows cost more than the database took to store them (measured with --cpu-prof
 * on bench/correlate and bench/feed). The text is a pure function of dialect, table, columns,
 * row count and suffix, so it is memoised, and SQLite's statement cache prepares it once.
 * Table and column names are the caller's constants, never input.
 */
const texts = new Map<string, string>();

function text(style: '?' | '$', table: string, columns: readonly string[], rows: number, suffix: string): string {
  const key = `${style}|${table}|${columns.join(',')}|${rows}|${suffix}`;
  let s = texts.get(key);
  if (s === undefined) {
    const parts: string[] = [];
    let p = 0;
    for (let r = 0; r < rows; r++) parts.push(`(${columns.map(() => (style === '$' ? `$${++p}` : '?')).join(', ')})`);
    s = `insert into ${table} (${columns.join(', ')}) values ${parts.join(', ')}${suffix}`;
    texts.set(key, s);
  }
  return s;
}

/**
 * Inserts `values` (row-major, `columns.length` per row) in chunks of `chunkRows`.
 * `suffix` is appended verbatim (e.g. an ON CONFLICT clause written for both databases).
 */
export async function rawInsert(tx: Executor, table: string, columns: readonly string[], values: readonly unknown[], chunkRows: number, suffix = ''): Promise<void> {
  await rawInsertReturning(tx, table, columns, values, chunkRows, suffix);
}

/** `rawInsert` whose suffix may hold a RETURNING clause: the rows it returns, every chunk's. */
export async function rawInsertReturning<R>(tx: Executor, table: string, columns: readonly string[], values: readonly unknown[], chunkRows: number, suffix = ''): Promise<R[]> {
  if (values.length === 0) return [];
  const style = numberedPlaceholders(tx) ? '$' : '?';
  const width = columns.length;
  const per = chunkRows * width;
  const out: R[] = [];
  for (let i = 0; i < values.length; i += per) {
    const params = values.slice(i, i + per);
    const r = await tx.executeQuery<R>(CompiledQuery.raw(text(style, table, columns, params.length / width, suffix), params));
    for (const row of r.rows) out.push(row);
  }
  return out;
}
