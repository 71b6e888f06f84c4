import { CompiledQuery } from 'kysely';
import type { Executor } from '../storage/index.ts';

/**
 * Multi-row INSERTs sent as pre-built SQL text: building and compiling a Kysely query for
 * thousands of rows cost more than SQLite took to store them (measured with --cpu-prof).
 * The text is a pure function of dialect, table, columns and row count, so it is memoised.
 */
const texts = new Map<string, string>();

async function placeholderStyle(tx: Executor): Promise<'?' | '$'> {
  return tx.selectFrom('events').select('id').where('id', '=', 0).compile().sql.includes('$1') ? '$' : '?';
}

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
  if (values.length === 0) return;
  const style = await placeholderStyle(tx);
  const width = columns.length;
  const per = chunkRows * width;
  for (let i = 0; i < values.length; i += per) {
    const params = values.slice(i, i + per);
    await tx.executeQuery(CompiledQuery.raw(text(style, table, columns, params.length / width, suffix), params));
  }
}
