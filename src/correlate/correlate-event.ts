import { sql } from 'kysely';
import { chunks, type Db, type Executor } from '../storage/index.ts';
import { rawInsert } from '../storage/index.ts';
import { insertAllEntriesSqlite } from './_sqlite-bulk.ts';
import { correlationKeys, type NetEntry } from './keys.ts';

// Rows per multi-row INSERT: 3 columns x 2,000 rows stays under both databases' bind limits.
const ENTRY_ROWS = 2000;
const ID_CHUNK = 500;

export interface CorrelateResult {
  /** Correlation entries written (one per attribute half that correlates). */
  readonly entries: number;
  /** Attributes looked at. */
  readonly attributes: number;
}

/**
 * (Re)computes the correlation entries of events: drops what they had, then derives one
 * entry per correlating attribute half. Deleted, redacted and correlation-disabled
 * attributes, and events with correlation disabled, get none. Call it inside the
 * transaction that saved the events, after the save.
 *
 * @example await db.kysely.transaction().execute(async (tx) => { const r = await saveEvent(tx, ev); await correlateEvent(tx, r.id); });
 */
export async function correlateEvent(tx: Executor, eventId: number): Promise<CorrelateResult> {
  return correlateEvents(tx, [eventId]);
}

/** `correlateEvent` for many events at once: fewer statements, the same result. */
export async function correlateEvents(tx: Executor, eventIds: readonly number[]): Promise<CorrelateResult> {
  let entries = 0;
  let attributes = 0;
  for (const ids of chunks(eventIds, ID_CHUNK)) {
    await uncorrelateEvents(tx, ids);
    const counts: Counts = new Map();
    const r = await insertEntries(tx, ids, counts);
    await addCounts(tx, ids, counts);
    entries += r.entries;
    attributes += r.attributes;
  }
  return { entries, attributes };
}

/** Removes the correlation entries of an event. Call it before deleting the event, in the same transaction. */
export async function uncorrelateEvent(tx: Executor, eventId: number): Promise<void> {
  await uncorrelateEvents(tx, [eventId]);
}

/** `uncorrelateEvent` for many events. */
export async function uncorrelateEvents(tx: Executor, eventIds: readonly number[]): Promise<void> {
  for (const ids of chunks(eventIds, ID_CHUNK)) {
    const held = await tx
      .selectFrom('correlation_entries')
      .select(['key', sql<number>`count(distinct event_id)`.as('n')])
      .where('event_id', 'in', ids)
      .groupBy('key')
      .execute();
    if (held.length === 0) continue;
    await tx.deleteFrom('correlation_entries').where('event_id', 'in', ids).execute();
    await tx.deleteFrom('correlation_nets').where('event_id', 'in', ids).execute();
    // Only shared keys have a count row; group them by how many of these events held them.
    const byCount = new Map<number, string[]>();
    for (const part of chunks(held, ENTRY_ROWS)) {
      const counted = new Set((await tx.selectFrom('correlation_values').select('key').where('key', 'in', part.map((h) => h.key)).execute()).map((r) => r.key));
      for (const h of part) {
        if (!counted.has(h.key)) continue;
        const n = Number(h.n);
        const list = byCount.get(n);
        if (list) list.push(h.key);
        else byCount.set(n, [h.key]);
      }
    }
    for (const [n, keys] of byCount) {
      for (const part of chunks(keys, ENTRY_ROWS)) {
        await tx.updateTable('correlation_values').set({ events: sql`events - ${n}` }).where('key', 'in', part).execute();
        await tx.deleteFrom('correlation_values').where('key', 'in', part).where('events', '<', 2).execute();
      }
    }
  }
}

type Counts = Map<string, { last: number; n: number }>;

/** Derives and inserts the entries of events; counts, per key, how many of them hold it. */
async function insertEntries(tx: Executor, eventIds: readonly number[], counts?: Counts): Promise<CorrelateResult> {
  const rows = await tx
    .selectFrom('attributes as a')
    .innerJoin('events as e', 'e.id', 'a.event_id')
    .leftJoin('objects as o', 'o.id', 'a.object_id')
    .select(['a.id', 'a.event_id', 'a.type', 'a.value1', 'a.value2'])
    .where('a.event_id', 'in', eventIds)
    .where('a.deleted', '=', 0)
    .where('a.disable_correlation', '=', 0)
    .where('a.redacted', '=', 0)
    .where('e.disable_correlation', '=', 0)
    .where((eb) => eb.or([eb('o.deleted', 'is', null), eb('o.deleted', '=', 0)]))
    .orderBy('a.event_id')
    .execute();

  // Flat row-major arrays: (event_id, attribute_id, key) and (event_id, attribute_id, net_key, lo_key, hi_key).
  const entries: (number | string)[] = [];
  const nets: (number | string)[] = [];
  let eventId = 0;
  let attributeId = 0;
  // One attribute may give the same key twice (`a|a`): the primary key would refuse it.
  let seenInAttribute: string | undefined;
  const onKey = (key: string) => {
    if (key === seenInAttribute) return;
    seenInAttribute = key;
    entries.push(eventId, attributeId, key);
    if (!counts) return;
    const c = counts.get(key);
    if (c === undefined) counts.set(key, { last: eventId, n: 1 });
    else if (c.last !== eventId) {
      c.last = eventId;
      c.n++;
    }
  };
  const onNet = (n: NetEntry) => {
    nets.push(eventId, attributeId, n.netKey, n.lo, n.hi);
  };
  for (const r of rows) {
    eventId = r.event_id;
    attributeId = r.id;
    seenInAttribute = undefined;
    correlationKeys(r.type, r.value1, r.value2, onKey, onNet);
  }
  await rawInsert(tx, 'correlation_entries', ['event_id', 'attribute_id', 'key'], entries, ENTRY_ROWS);
  await rawInsert(tx, 'correlation_nets', ['event_id', 'attribute_id', 'net_key', 'lo_key', 'hi_key'], nets, ENTRY_ROWS / 2);
  return { entries: entries.length / 3, attributes: rows.length };
}

const UPSERT_COUNT = ' on conflict (key) do update set events = excluded.events';

/**
 * Brings the count rows up to date after `eventIds` gained the keys in `counts`: a key's
 * count is what it had (a row, or 1 when only one other event held it, or 0) plus how many
 * of these events hold it. Only keys held by two events or more get a row.
 */
async function addCounts(tx: Executor, eventIds: readonly number[], counts: Counts): Promise<void> {
  const keys = [...counts.keys()];
  const rows: (string | number)[] = [];
  for (const part of chunks(keys, ENTRY_ROWS)) {
    const had = new Map((await tx.selectFrom('correlation_values').select(['key', 'events']).where('key', 'in', part).execute()).map((r) => [r.key, Number(r.events)]));
    const rest = part.filter((k) => !had.has(k));
    const elsewhere = new Set<string>();
    for (const p of chunks(rest, ENTRY_ROWS)) {
      const found = await tx.selectFrom('correlation_entries').select('key').distinct().where('key', 'in', p).where('event_id', 'not in', eventIds).execute();
      for (const r of found) elsewhere.add(r.key);
    }
    for (const k of part) {
      const n = (had.get(k) ?? (elsewhere.has(k) ? 1 : 0)) + counts.get(k)!.n;
      if (n >= 2) rows.push(k, n);
    }
  }
  await rawInsert(tx, 'correlation_values', ['key', 'events'], rows, ENTRY_ROWS, UPSERT_COUNT);
}

/**
 * Drops every correlation and derives them again from the stored attributes. The key index
 * is dropped during the load and rebuilt after it (one sort instead of a million random
 * inserts); the counts are then one grouped scan of that index. On SQLite the entries go
 * through the connection's own prepared statements (`insertAllEntriesSqlite`).
 */
export async function rebuildCorrelations(db: Db, options: { batchEvents?: number } = {}): Promise<CorrelateResult> {
  const batch = options.batchEvents ?? 100;
  return db.kysely.transaction().execute(async (tx) => {
    // Read inside the transaction: the SQLite path reads chunks as id ranges of this list.
    const ids = (await tx.selectFrom('events').select('id').orderBy('id').execute()).map((r) => r.id);
    await tx.deleteFrom('correlation_entries').execute();
    await tx.deleteFrom('correlation_values').execute();
    await tx.deleteFrom('correlation_nets').execute();
    await tx.schema.dropIndex('correlation_entries_key').execute();
    let result: CorrelateResult;
    if (db.sqlite) result = insertAllEntriesSqlite(db.sqlite, ids, batch);
    else {
      let entries = 0;
      let attributes = 0;
      for (const part of chunks(ids, batch)) {
        const r = await insertEntries(tx, part);
        entries += r.entries;
        attributes += r.attributes;
      }
      result = { entries, attributes };
    }
    await tx.schema.createIndex('correlation_entries_key').on('correlation_entries').columns(['key', 'event_id']).execute();
    // Only keys held by two events or more get a count row; the index above covers this scan.
    await tx
      .insertInto('correlation_values')
      .columns(['key', 'events'])
      .expression((eb) =>
        eb
          .selectFrom('correlation_entries')
          .select(['key', sql<number>`count(distinct event_id)`.as('events')])
          .groupBy('key')
          .having(sql`count(distinct event_id)`, '>=', 2),
      )
      .execute();
    return result;
  });
}
