import type { SqliteHandle } from '../storage/index.ts';
import { correlationKeys, type NetEntry } from './keys.ts';

// Rows per multi-row INSERT: prepared once per rebuild, so the statement text costs nothing per
// row, while each native call still stores many rows. 100 x 3 parameters is far under SQLite's limit.
const ROWS = 100;

const SELECT = `select a.id, a.event_id, a.type, a.value1, a.value2
  from attributes a join events e on e.id = a.event_id left join objects o on o.id = a.object_id
  where a.event_id >= ? and a.event_id <= ? and a.deleted = 0 and a.disable_correlation = 0 and a.redacted = 0
    and e.disable_correlation = 0 and (o.deleted is null or o.deleted = 0)`;

const values = (rows: number, width: number): string => Array.from({ length: rows }, () => `(${new Array<string>(width).fill('?').join(', ')})`).join(', ');

/**
 * Derives and inserts the entries and networks of every event, on SQLite's own handle:
 * attribute rows read as arrays, one prepared multi-row INSERT reused throughout. The same
 * rows as the portable path. Run it inside the rebuild's transaction, with the key index
 * dropped; `allEventIds` must be every event id, ascending (chunks are read as id ranges).
 */
export function insertAllEntriesSqlite(h: SqliteHandle, allEventIds: readonly number[], batchEvents: number): { entries: number; attributes: number } {
  const select = h.prepare(SELECT).raw();
  const insertMany = h.prepare(`insert into correlation_entries (event_id, attribute_id, key) values ${values(ROWS, 3)}`);
  const insertOne = h.prepare('insert into correlation_entries (event_id, attribute_id, key) values (?, ?, ?)');
  const insertNet = h.prepare('insert into correlation_nets (event_id, attribute_id, net_key, lo_key, hi_key) values (?, ?, ?, ?, ?)');

  const buf: unknown[] = new Array<unknown>(ROWS * 3);
  let fill = 0;
  let entries = 0;
  let attributes = 0;
  let eventId = 0;
  let attributeId = 0;
  // One attribute may give the same key twice (`a|a`): the primary key would refuse it.
  let seenInAttribute: string | undefined;
  const onKey = (key: string): void => {
    if (key === seenInAttribute) return;
    seenInAttribute = key;
    buf[fill++] = eventId;
    buf[fill++] = attributeId;
    buf[fill++] = key;
    entries++;
    if (fill === buf.length) {
      insertMany.run(buf);
      fill = 0;
    }
  };
  const onNet = (n: NetEntry): void => {
    insertNet.run(eventId, attributeId, n.netKey, n.lo, n.hi);
  };
  for (let i = 0; i < allEventIds.length; i += batchEvents) {
    const lo = allEventIds[i]!;
    const hi = allEventIds[Math.min(i + batchEvents, allEventIds.length) - 1]!;
    const rows = select.all(lo, hi) as [number, number, string, string, string][];
    attributes += rows.length;
    for (const r of rows) {
      attributeId = r[0];
      eventId = r[1];
      seenInAttribute = undefined;
      correlationKeys(r[2], r[3], r[4], onKey, onNet);
    }
  }
  for (let i = 0; i < fill; i += 3) insertOne.run(buf[i], buf[i + 1], buf[i + 2]);
  return { entries, attributes };
}
