import { sql, type RawBuilder } from 'kysely';
import { chunks, readCaches, type Db, type Executor, type ReadCaches, type SqliteHandle } from '../storage/index.ts';
import { prepared } from './_sqlite-statements.ts';
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

export interface RelatedOptions extends CorrelationOptions {
  /**
   * Also read the other event's attribute of each pair (uuid, type, value). Off by default:
   * the shared value is the local attribute's, and reading one random attribute row per pair
   * was two thirds of the query's time (bench/correlate). Containment pairs always carry it,
   * since there the two values differ.
   */
  readonly details?: boolean;
}

export interface SharedValue {
  /** How they correlate: the same value, or an address inside a network. */
  readonly via: 'value' | 'cidr';
  /** This event's attribute: its value is the shared value. */
  readonly attribute: AttributeRef;
  /** The other event's attribute: its id always; uuid, type and value with `details` or for `cidr`. */
  readonly other: OtherRef;
}

export interface AttributeRef {
  readonly id: number;
  readonly uuid: string;
  readonly type: string;
  readonly value: string;
}

export type OtherRef = AttributeRef | { readonly id: number; readonly uuid?: undefined; readonly type?: undefined; readonly value?: undefined };

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
 * How the queries below run. They are raw SQL templates, not query builders: building and
 * compiling a Kysely query cost more than running these index lookups. With the SQLite handle
 * they run as cached prepared statements, and an id set is one JSON parameter, so a statement's
 * text never depends on how many ids it is given.
 */
interface Runner {
  all<R>(q: RawBuilder<R>): Promise<R[]>;
  /** Rows as arrays, in the select list's order: on SQLite no object is built per row (measured ~30% of these lookups). */
  tuples<T extends unknown[]>(q: RawBuilder<unknown>): Promise<T[]>;
  /** `(…)` for `x in (…)`: one JSON parameter on SQLite (the statement text never varies), bound values elsewhere. */
  list(values: readonly (string | number)[]): RawBuilder<unknown>;
  /** `values` in parts `list` takes: one on SQLite, at most 1,000 values each elsewhere (bind limits). */
  parts<T>(values: readonly T[]): T[][];
  /** Rows remembered on the SQLite connection until the database changes (none elsewhere). */
  readonly caches: ReadCaches | undefined;
}

function runner(db: Executor, h: SqliteHandle | undefined): Runner {
  if (!h) {
    return {
      all: async (q) => (await q.execute(db)).rows,
      tuples: async <T extends unknown[]>(q: RawBuilder<unknown>) => (await q.execute(db)).rows.map((r) => Object.values(r as object) as T),
      list: (values) => sql`(${sql.join(values)})`,
      parts: (values) => [...chunks(values, 1000)],
      caches: undefined,
    };
  }
  const run = (q: RawBuilder<unknown>, raw: boolean): unknown[] => {
    const c = q.compile(db);
    return prepared(h, c.sql).raw(raw).all(c.parameters);
  };
  return {
    all: async <R>(q: RawBuilder<R>) => run(q, false) as R[],
    tuples: async <T extends unknown[]>(q: RawBuilder<unknown>) => run(q, true) as T[],
    list: (values) => sql`(select value from json_each(${JSON.stringify(values)}))`,
    parts: (values) => (values.length ? [[...values]] : []),
    caches: readCaches(h),
  };
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
export async function relatedEvents(source: Executor | Db, eventId: number, options: RelatedOptions = {}): Promise<RelatedEvent[]> {
  if (!('kysely' in source)) return related(source, undefined, eventId, options);
  const h = source.sqlite;
  if (!h) return related(source.kysely, undefined, eventId, options);
  return source.kysely.connection().execute((conn) => related(conn, h, eventId, options));
}

async function related(db: Executor, h: SqliteHandle | undefined, eventId: number, options: RelatedOptions): Promise<RelatedEvent[]> {
  const run = runner(db, h);
  const max = options.maxEvents ?? DEFAULT_OVER_CORRELATION;
  const pairs: Pair[] = [];

  // The shared keys under the threshold and who else holds them, from the two covering indexes alone.
  const eq = await run.tuples<[number, number, number]>(sql`
    select c1.attribute_id as lid, c2.attribute_id as rid, c2.event_id as eid
    from correlation_entries c1
    join correlation_values v on v.key = c1.key
    join correlation_entries c2 on c2.key = c1.key
    where c1.event_id = ${eventId} and v.events <= ${max} and c2.event_id <> c1.event_id`);
  for (const [local, remote, remoteEvent] of eq) pairs.push({ via: 'value', local, remote, remoteEvent });

  if (options.cidr !== false) {
    // Networks of this event: the addresses inside them.
    const nets = await run.all<{ attribute_id: number; lo_key: string; hi_key: string }>(
      sql`select attribute_id, lo_key, hi_key from correlation_nets where event_id = ${eventId}`,
    );
    for (const n of nets) {
      const rows = await run.all<{ event_id: number; attribute_id: number }>(sql`
        select event_id, attribute_id from correlation_entries
        where key >= ${n.lo_key} and key <= ${n.hi_key} and event_id <> ${eventId} limit ${max * 20}`);
      if (new Set(rows.map((r) => r.event_id)).size > max) continue;
      for (const r of rows) pairs.push({ via: 'cidr', local: n.attribute_id, remote: r.attribute_id, remoteEvent: r.event_id });
    }
    // Addresses of this event: the networks holding them, when any network is stored.
    const prefixes = await netPrefixes(run);
    const addrs = prefixes.length
      ? await run.all<{ attribute_id: number; key: string }>(sql`
          select attribute_id, key from correlation_entries
          where event_id = ${eventId} and (key > 'ip4:' and key < 'ip4;' or key > 'ip6:' and key < 'ip6;')`).then((r) => r.filter((o) => isAddressKey(o.key)))
      : [];
    if (addrs.length) {
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
      for (const part of run.parts([...wanted.keys()])) {
        const rows = await run.all<{ event_id: number; attribute_id: number; net_key: string }>(
          sql`select event_id, attribute_id, net_key from correlation_nets where net_key in ${run.list(part)} and event_id <> ${eventId}`,
        );
        for (const r of rows) for (const local of wanted.get(r.net_key)!) pairs.push({ via: 'cidr', local, remote: r.attribute_id, remoteEvent: r.event_id });
      }
    }
  }
  if (pairs.length === 0) return [];
  return assemble(run, pairs, options.details === true);
}

/** The distinct `family/prefix` of stored networks, found by skipping along the index (one probe per prefix). */
async function netPrefixes(run: Runner): Promise<string[]> {
  const cache = run.caches?.map<'all', string[]>('net-prefixes');
  const hit = cache?.get('all');
  if (hit) return hit;
  const out: string[] = [];
  let after = '';
  for (;;) {
    const [r] = await run.all<{ net_key: string }>(sql`select net_key from correlation_nets where net_key > ${after} order by net_key limit 1`);
    if (!r) {
      cache?.set('all', out);
      return out;
    }
    const p = r.net_key.slice(0, r.net_key.lastIndexOf('/'));
    out.push(p);
    after = `${p}/~`;
  }
}

async function assemble(run: Runner, pairs: readonly Pair[], details: boolean): Promise<RelatedEvent[]> {
  const wantAttrs = new Set<number>();
  const wantEvents = new Set<number>();
  for (const p of pairs) {
    wantAttrs.add(p.local);
    if (details || p.via === 'cidr') wantAttrs.add(p.remote);
    wantEvents.add(p.remoteEvent);
  }
  const attrs = new Map<number, AttributeRef>();
  for (const part of run.parts([...wantAttrs])) {
    for (const a of await run.all<AttributeRef>(sql`select id, uuid, type, value from attributes where id in ${run.list(part)}`)) attrs.set(a.id, a);
  }
  // Events recur from call to call (the same few thousand related events): read each once per database change.
  const events = new Map<number, EventRef>();
  const known = run.caches?.map<number, EventRef>('event-ref');
  const missing: number[] = [];
  for (const id of wantEvents) {
    const e = known?.get(id);
    if (e) events.set(id, e);
    else missing.push(id);
  }
  for (const part of run.parts(missing)) {
    for (const [id, uuid, info, date] of await run.tuples<[number, string, string, string]>(sql`select id, uuid, info, date from events where id in ${run.list(part)}`)) {
      const e = Object.freeze({ id, uuid, info, date });
      events.set(id, e);
      known?.set(id, e);
    }
  }

  const byEvent = new Map<number, SharedValue[]>();
  const seen = new Set<string>();
  for (const p of pairs) {
    const k = `${p.local}:${p.remote}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const attribute = attrs.get(p.local);
    const other: OtherRef | undefined = details || p.via === 'cidr' ? attrs.get(p.remote) : { id: p.remote };
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
