import type { SqliteHandle, SqliteStatement } from './db.ts';

/**
 * Rows that reads keep asking for (an event's uuid and title, say), remembered on one SQLite
 * connection and dropped as soon as the database may have changed.
 *
 * "May have changed" is two counters read in one statement: `data_version`, which moves when
 * another connection (another process, a cluster worker) commits, and `total_changes()`, which
 * moves with every row this connection inserts, updates or deletes. Inside a transaction
 * nothing is read from or written to the cache: a rollback would leave rows that were never
 * committed, with no counter to tell.
 *
 * The check costs one statement (a few microseconds); a hit saves an index lookup per row
 * (bench/correlate: related events read ~60 events per call).
 */
export interface ReadCaches {
  /** The named cache, empty after any change to the database; at most `max` entries. */
  map<K, V>(name: string, max?: number): Map<K, V>;
}

interface State {
  readonly token: SqliteStatement;
  changes: number;
  version: number;
  readonly maps: Map<string, Map<unknown, unknown>>;
}

const TOKEN_SQL = 'select total_changes(), data_version from pragma_data_version';
const DEFAULT_MAX = 100_000;
const states = new WeakMap<SqliteHandle, State>();

/**
 * The caches of `h`, checked against the database now; `undefined` inside a transaction.
 *
 * @example const events = readCaches(h)?.map<number, EventRef>('event-ref');
 */
export function readCaches(h: SqliteHandle): ReadCaches | undefined {
  if (h.inTransaction) return undefined;
  let s = states.get(h);
  if (!s) {
    s = { token: h.prepare(TOKEN_SQL).raw(true), changes: -1, version: -1, maps: new Map() };
    states.set(h, s);
  }
  const [changes, version] = s.token.all()[0] as [number, number];
  if (changes !== s.changes || version !== s.version) {
    s.changes = changes;
    s.version = version;
    s.maps.clear();
  }
  const state = s;
  return {
    map<K, V>(name: string, max = DEFAULT_MAX): Map<K, V> {
      let m = state.maps.get(name);
      if (!m) state.maps.set(name, (m = new Map()));
      // Bounded: past `max`, start again rather than track recency on every hit.
      else if (m.size >= max) m.clear();
      return m as Map<K, V>;
    },
  };
}
