import { chunks, type Db, type Executor } from '../storage/index.ts';
import { selectVia, type Select } from './_sqlite-statements.ts';
import { bounds } from './ip.ts';
import { isAddressKey, keyToDisplay } from './keys.ts';

/** A value held by more events than this stops producing pairs (MISP's default threshold is 20; Cairn's 100). */
export const DEFAULT_OVER_CORRELATION = 100;

export interface CorrelationOptions {
  /** Over-correlation threshold: values held by more events than this are left out. */
  readonly maxEvents?: number;
  /** Whether addresses correlate with the networks that contain them (default true). */
  readonly cidr?: boolean;
}

export interface SharedValue {
  /** How they correlate: the same value, or an address inside a network. */
  readonly via: 'value' | 'cidr';
  readonly attribute: AttributeRef;
  readonly other: AttributeRef;
}

export interface AttributeRef {
  readonly id: number;
  readonly uuid: string;
  readonly type: string;
  readonly value: string;
}

export interface EventRef {
  readonly id: number;
  readonly uuid: string;
  readonly info: string;
  readonly date: string;
}

export interface RelatedEvent {
  readonly event: EventRef;
  readonly shared: readonly SharedValue[];
}

interface Pair {
  via: 'value' | 'cidr';
  local: number;
  remote: number;
  remoteEvent: number;
}

/**
 * The events related to an event, each with the values they share, most shared first.
 * Pairs are derived here from per-attribute entries: nothing stores them.
 *
 * Given the `Db` (rather than an executor), on SQLite the queries run as cached prepared
 * statements on Kysely's connection, held for the call.
 *
 * @example const related = await relatedEvents(db, eventId);
 */
export async function relatedEvents(source: Executor | Db, eventId: number, options: CorrelationOptions = {}): Promise<RelatedEvent[]> {
  if (!('kysely' in source)) return related(source, selectVia(undefined), eventId, options);
  const h = source.sqlite;
  if (!h) return related(source.kysely, selectVia(undefined), eventId, options);
  return source.kysely.connection().execute((conn) => related(conn, selectVia(h), eventId, options));
}

async function related(db: Executor, select: Select, eventId: number, options: CorrelationOptions): Promise<RelatedEvent[]> {
  const max = options.maxEvents ?? DEFAULT_OVER_CORRELATION;
  const own = await select(db.selectFrom('correlation_entries').select(['attribute_id', 'key']).where('event_id', '=', eventId));
  if (own.length === 0 && options.cidr === false) return [];
  const pairs: Pair[] = [];

  // One statement: the shared keys under the threshold, who else holds them, and what.
  const eq = await select(
    db
      .selectFrom('correlation_entries as c1')
      .innerJoin('correlation_values as v', 'v.key', 'c1.key')
      .innerJoin('correlation_entries as c2', 'c2.key', 'c1.key')
      .innerJoin('attributes as a1', 'a1.id', 'c1.attribute_id')
      .innerJoin('attributes as a2', 'a2.id', 'c2.attribute_id')
      .innerJoin('events as e', 'e.id', 'c2.event_id')
      .select(['a1.id as lid', 'a1.uuid as luuid', 'a1.type as ltype', 'a1.value as lvalue', 'a2.id as rid', 'a2.uuid as ruuid', 'a2.type as rtype', 'a2.value as rvalue'])
      .select(['e.id as eid', 'e.uuid as euuid', 'e.info', 'e.date'])
      .where('c1.event_id', '=', eventId)
      .where('v.events', '<=', max)
      .whereRef('c2.event_id', '<>', 'c1.event_id'),
  );
  const known = { attrs: new Map<number, AttributeRef>(), events: new Map<number, EventRef>() };
  for (const r of eq) {
    known.attrs.set(r.lid, { id: r.lid, uuid: r.luuid, type: r.ltype, value: r.lvalue });
    known.attrs.set(r.rid, { id: r.rid, uuid: r.ruuid, type: r.rtype, value: r.rvalue });
    known.events.set(r.eid, { id: r.eid, uuid: r.euuid, info: r.info, date: r.date });
    pairs.push({ via: 'value', local: r.lid, remote: r.rid, remoteEvent: r.eid });
  }

  if (options.cidr !== false) {
    // Networks of this event: the addresses inside them.
    const nets = await select(db.selectFrom('correlation_nets').select(['attribute_id', 'lo_key', 'hi_key']).where('event_id', '=', eventId));
    for (const n of nets) {
      const rows = await select(
        db
          .selectFrom('correlation_entries')
        .select(['event_id', 'attribute_id'])
        .where('key', '>=', n.lo_key)
        .where('key', '<=', n.hi_key)
        .where('event_id', '<>', eventId)
          .limit(max * 20),
      );
      if (new Set(rows.map((r) => r.event_id)).size > max) continue;
      for (const r of rows) pairs.push({ via: 'cidr', local: n.attribute_id, remote: r.attribute_id, remoteEvent: r.event_id });
    }
    // Addresses of this event: the networks holding them.
    const addrs = own.filter((o) => isAddressKey(o.key));
    if (addrs.length) {
      const prefixes = await netPrefixes(db, select);
      const wanted = new Map<string, number[]>();
      for (const a of addrs) {
        const fam = a.key.charAt(2);
        for (const p of prefixes) {
          if (!p.startsWith(`${fam}/`)) continue;
          const { lo } = bounds(a.key, Number(p.slice(2)));
          const nk = `${p}/${lo.slice(4)}`;
          const list = wanted.get(nk);
          if (list) list.push(a.attribute_id);
          else wanted.set(nk, [a.attribute_id]);
        }
      }
      for (const part of chunks([...wanted.keys()], 1000)) {
        const rows = await select(db.selectFrom('correlation_nets').select(['event_id', 'attribute_id', 'net_key']).where('net_key', 'in', part).where('event_id', '<>', eventId));
        for (const r of rows) for (const local of wanted.get(r.net_key)!) pairs.push({ via: 'cidr', local, remote: r.attribute_id, remoteEvent: r.event_id });
      }
    }
  }
  if (pairs.length === 0) return [];
  return assemble(db, select, pairs, known);
}

/** The distinct `family/prefix` of stored networks, found by skipping along the index (one probe per prefix). */
async function netPrefixes(db: Executor, select: Select): Promise<string[]> {
  const out: string[] = [];
  let after = '';
  for (;;) {
    const [r] = await select(db.selectFrom('correlation_nets').select('net_key').where('net_key', '>', after).orderBy('net_key').limit(1));
    if (!r) return out;
    const p = r.net_key.slice(0, r.net_key.lastIndexOf('/'));
    out.push(p);
    after = `${p}/~`;
  }
}

async function assemble(db: Executor, select: Select, pairs: readonly Pair[], known: { attrs: Map<number, AttributeRef>; events: Map<number, EventRef> }): Promise<RelatedEvent[]> {
  const { attrs, events } = known;
  const attrIds = [...new Set(pairs.flatMap((p) => [p.local, p.remote]))].filter((id) => !attrs.has(id));
  for (const part of chunks(attrIds, 1000)) {
    for (const a of await select(db.selectFrom('attributes').select(['id', 'uuid', 'type', 'value']).where('id', 'in', part))) attrs.set(a.id, a);
  }
  const eventIds = [...new Set(pairs.map((p) => p.remoteEvent))].filter((id) => !events.has(id));
  for (const part of chunks(eventIds, 1000)) {
    for (const e of await select(db.selectFrom('events').select(['id', 'uuid', 'info', 'date']).where('id', 'in', part))) events.set(e.id, e);
  }
  const byEvent = new Map<number, SharedValue[]>();
  const seen = new Set<string>();
  for (const p of pairs) {
    const k = `${p.local}:${p.remote}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const attribute = attrs.get(p.local);
    const other = attrs.get(p.remote);
    if (!attribute || !other || !events.has(p.remoteEvent)) continue;
    const list = byEvent.get(p.remoteEvent);
    const s: SharedValue = { via: p.via, attribute, other };
    if (list) list.push(s);
    else byEvent.set(p.remoteEvent, [s]);
  }
  return [...byEvent]
    .map(([id, shared]) => ({ event: events.get(id)!, shared }))
    .sort((a, b) => b.shared.length - a.shared.length || b.event.date.localeCompare(a.event.date));
}

export interface ValueCount {
  readonly key: string;
  /** The value as shown: the decoded key, or a stored value for hashed keys. */
  readonly value: string;
  readonly events: number;
}

async function display(db: Executor, rows: readonly { key: string; events: number }[]): Promise<ValueCount[]> {
  const out: ValueCount[] = [];
  for (const r of rows) {
    let value = keyToDisplay(r.key);
    if (value === undefined) {
      const a = await db
        .selectFrom('correlation_entries as c')
        .innerJoin('attributes as a', 'a.id', 'c.attribute_id')
        .select('a.value')
        .where('c.key', '=', r.key)
        .limit(1)
        .executeTakeFirst();
      value = a?.value ?? r.key;
    }
    out.push({ key: r.key, value, events: Number(r.events) });
  }
  return out;
}

/** The values held by the most events, still under the over-correlation threshold. */
export async function topCorrelations(db: Executor, options: CorrelationOptions & { limit?: number } = {}): Promise<ValueCount[]> {
  const max = options.maxEvents ?? DEFAULT_OVER_CORRELATION;
  const rows = await db
    .selectFrom('correlation_values')
    .select(['key', 'events'])
    .where('events', '>=', 2)
    .where('events', '<=', max)
    .orderBy('events', 'desc')
    .orderBy('key')
    .limit(options.limit ?? 20)
    .execute();
  return display(db, rows);
}

/** The values held by more events than the threshold: listed, never paired. */
export async function overCorrelatingValues(db: Executor, options: CorrelationOptions & { limit?: number } = {}): Promise<ValueCount[]> {
  const max = options.maxEvents ?? DEFAULT_OVER_CORRELATION;
  const rows = await db
    .selectFrom('correlation_values')
    .select(['key', 'events'])
    .where('events', '>', max)
    .orderBy('events', 'desc')
    .orderBy('key')
    .limit(options.limit ?? 1000)
    .execute();
  return display(db, rows);
}

export interface ValueHolder {
  readonly event: EventRef;
  readonly attribute: AttributeRef;
}

/**
 * The events holding a value (either half of a composite; addresses in canonical form), and
 * how many events hold it in all. Works for over-correlating values too.
 */
export async function eventsWithValue(db: Executor, key: string, options: { limit?: number } = {}): Promise<{ events: number; holders: ValueHolder[] }> {
  const count = await db.selectFrom('correlation_values').select('events').where('key', '=', key).executeTakeFirst();
  const rows = await db
    .selectFrom('correlation_entries as c')
    .innerJoin('attributes as a', 'a.id', 'c.attribute_id')
    .innerJoin('events as e', 'e.id', 'c.event_id')
    .select(['e.id as eid', 'e.uuid as euuid', 'e.info', 'e.date', 'a.id', 'a.uuid', 'a.type', 'a.value'])
    .where('c.key', '=', key)
    .orderBy('e.date', 'desc')
    .orderBy('a.id')
    .limit(options.limit ?? 1000)
    .execute();
  return {
    // Only keys held by two events or more have a count row.
    events: count ? Number(count.events) : new Set(rows.map((r) => r.eid)).size,
    holders: rows.map((r) => ({ event: { id: r.eid, uuid: r.euuid, info: r.info, date: r.date }, attribute: { id: r.id, uuid: r.uuid, type: r.type, value: r.value } })),
  };
}
