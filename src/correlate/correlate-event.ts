import { sql } from 'kysely';
import { chunks, type Db, type Executor } from '../storage/index.ts';
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
    const r = await insertEntries(tx, ids);
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
    // Group keys by how many of these events held them: one UPDATE per distinct count.
    const byCount = new Map<number, string[]>();
    for (const h of held) {
      const n = Number(h.n);
      const list = byCount.get(n);
      if (list) list.push(h.key);
      else byCount.set(n, [h.key]);
    }
    for (const [n, keys] of byCount) {
      for (const part of chunks(keys, ENTRY_ROWS)) {
        await tx.updateTable('correlation_values').set({ events: sql`events - ${n}` }).where('key', 'in', part).execute();
      }
    }
    for (const part of chunks(held.map((h) => h.key), ENTRY_ROWS)) {
      await tx.deleteFrom('correlation_values').where('key', 'in', part).where('events', '<=', 0).execute();
    }
    await tx.deleteFrom('correlation_entries').where('event_id', 'in', ids).execute();
    await tx.deleteFrom('correlation_nets').where('event_id', 'in', ids).execute();
  }
}

async function insertEntries(tx: Executor, eventIds: readonly number[]): Promise<CorrelateResult> {
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

  const entries: { event_id: number; attribute_id: number; key: string }[] = [];
  const nets: { event_id: number; attribute_id: number; net_key: string; lo_key: string; hi_key: string }[] = [];
  // key -> the last event counted for it and how many events of this batch hold it
  const counts = new Map<string, { last: number; n: number }>();
  let eventId = 0;
  let attributeId = 0;
  // One attribute may give the same key twice (`a|a`): the primary key would refuse it.
  let seenInAttribute: string | undefined;
  const onKey = (key: string) => {
    if (key === seenInAttribute) return;
    seenInAttribute = key;
    entries.push({ event_id: eventId, attribute_id: attributeId, key });
    const c = counts.get(key);
    if (c === undefined) counts.set(key, { last: eventId, n: 1 });
    else if (c.last !== eventId) {
      c.last = eventId;
      c.n++;
    }
  };
  const onNet = (n: NetEntry) => {
    nets.push({ event_id: eventId, attribute_id: attributeId, net_key: n.netKey, lo_key: n.lo, hi_key: n.hi });
  };
  for (const r of rows) {
    eventId = r.event_id;
    attributeId = r.id;
    seenInAttribute = undefined;
    correlationKeys(r.type, r.value1, r.value2, onKey, onNet);
  }

  for (const part of chunks(entries, ENTRY_ROWS)) await tx.insertInto('correlation_entries').values(part).execute();
  for (const part of chunks(nets, ENTRY_ROWS / 2)) await tx.insertInto('correlation_nets').values(part).execute();
  const values = [...counts].map(([key, c]) => ({ key, events: c.n }));
  for (const part of chunks(values, ENTRY_ROWS)) {
    await tx
      .insertInto('correlation_values')
      .values(part)
      .onConflict((oc) => oc.column('key').doUpdateSet({ events: sql`correlation_values.events + excluded.events` }))
      .execute();
  }
  return { entries: entries.length, attributes: rows.length };
}

/**
 * Drops every correlation and derives them again from the stored attributes, in batches of
 * events, each batch in its own transaction. For a first run, after a bulk load, or after
 * changing the rules.
 */
export async function rebuildCorrelations(db: Db, options: { batchEvents?: number } = {}): Promise<CorrelateResult> {
  const batch = options.batchEvents ?? 200;
  await db.kysely.transaction().execute(async (tx) => {
    await tx.deleteFrom('correlation_entries').execute();
    await tx.deleteFrom('correlation_values').execute();
    await tx.deleteFrom('correlation_nets').execute();
  });
  const ids = (await db.kysely.selectFrom('events').select('id').orderBy('id').execute()).map((r) => r.id);
  let entries = 0;
  let attributes = 0;
  for (const part of chunks(ids, batch)) {
    const r = await db.kysely.transaction().execute((tx) => insertEntries(tx, part));
    entries += r.entries;
    attributes += r.attributes;
  }
  return { entries, attributes };
}
