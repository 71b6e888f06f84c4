import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { describeEachDb, useFreshDb } from '../../test/databases.ts';
import { EventSchema, type Event } from '../model/index.ts';
import { deleteEvent, openDb, saveEvent, type Db } from '../storage/index.ts';
import { correlateEvent, eventsWithValue, overCorrelatingValues, rebuildCorrelations, relatedEvents, topCorrelations, uncorrelateEvent, valueKey } from './index.ts';

let n = 0;
const uuid = () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;

interface A {
  type: string;
  value: string;
  deleted?: boolean;
  redacted?: boolean;
  disableCorrelation?: boolean;
}

function event(attrs: readonly A[], extra: Partial<{ disableCorrelation: boolean; uuid: string; timestamp: number }> = {}): Event {
  return EventSchema.parse({
    uuid: extra.uuid ?? uuid(),
    info: `event ${n}`,
    date: '2024-01-01',
    threatLevel: 2,
    analysis: 0,
    distribution: 1,
    published: false,
    timestamp: extra.timestamp ?? 1000,
    disableCorrelation: extra.disableCorrelation ?? false,
    attributes: attrs.map((a) => ({ uuid: uuid(), category: 'Network activity', toIds: true, distribution: 5, timestamp: extra.timestamp ?? 1000, ...a })),
  });
}

describeEachDb('correlation', (kind) => {
  const fresh = useFreshDb(kind);
  let db: Db;
  beforeEach(() => {
    db = fresh.current();
  });

  const store = (ev: Event) =>
    db.kysely.transaction().execute(async (tx) => {
      const r = await saveEvent(tx, ev);
      await correlateEvent(tx, r.id);
      return r.id;
    });
  /** The related events of `id` as `otherEventId: localValue=otherValue` strings; the `Db` form (SQLite's prepared statements) must agree with the executor form. */
  const related = async (id: number, opts = {}) => {
    const found = await relatedEvents(db, id, { ...opts, details: true });
    expect(found).toEqual(await relatedEvents(db.kysely, id, { ...opts, details: true }));
    // Without details, the same pairs; the other side reduced to its id unless the values differ (cidr).
    const lean = await relatedEvents(db, id, opts);
    expect(lean).toEqual(await relatedEvents(db.kysely, id, opts));
    expect(lean).toEqual(found.map((r) => ({ ...r, shared: r.shared.map((s) => (s.via === 'cidr' ? s : { ...s, other: { id: s.other.id } })) })));
    return found.flatMap((r) => r.shared.map((s) => `${r.event.id}:${s.attribute.value}=${s.other.value}:${s.via}`)).sort();
  };

  it('correlates equal values across events, case-insensitively, never within one event', async () => {
    const a = await store(event([{ type: 'domain', value: 'Evil.Example' }, { type: 'domain', value: 'evil.example' }]));
    const b = await store(event([{ type: 'hostname', value: 'evil.example' }]));
    expect(await related(b)).toEqual([`${a}:evil.example=Evil.Example:value`, `${a}:evil.example=evil.example:value`]);
    expect(await related(a)).toEqual([`${b}:Evil.Example=evil.example:value`, `${b}:evil.example=evil.example:value`]);
  });

  it('correlates either half of a composite, but only the address half of ip|port and hostname|port', async () => {
    const a = await store(event([{ type: 'filename|md5', value: 'evil.exe|d41d8cd98f00b204e9800998ecf8427e' }, { type: 'ip-dst|port', value: '198.51.100.5|443' }, { type: 'hostname|port', value: 'c2.example|8080' }]));
    const b = await store(event([{ type: 'md5', value: 'D41D8CD98F00B204E9800998ECF8427E' }, { type: 'filename', value: 'evil.exe' }, { type: 'ip-src', value: '198.51.100.5' }, { type: 'port', value: '443' }, { type: 'text', value: '8080' }, { type: 'hostname', value: 'c2.example' }]));
    expect(await related(b)).toEqual([
      `${a}:198.51.100.5=198.51.100.5|443:value`,
      `${a}:D41D8CD98F00B204E9800998ECF8427E=evil.exe|d41d8cd98f00b204e9800998ecf8427e:value`,
      `${a}:c2.example=c2.example|8080:value`,
      `${a}:evil.exe=evil.exe|d41d8cd98f00b204e9800998ecf8427e:value`,
    ]);
  });

  it('leaves out non-correlating types, deleted, redacted and correlation-disabled attributes, and disabled events', async () => {
    const v = 'shared-value';
    await store(event([{ type: 'comment', value: v }, { type: 'port', value: '80' }, { type: 'text', value: 'x', deleted: true }, { type: 'text', value: 'r', redacted: true }, { type: 'text', value: 'd', disableCorrelation: true }]));
    await store(event([{ type: 'text', value: 'y' }], { disableCorrelation: true }));
    const b = await store(event([{ type: 'comment', value: v }, { type: 'text', value: v }, { type: 'text', value: '80' }, { type: 'text', value: 'x' }, { type: 'text', value: 'r' }, { type: 'text', value: 'd' }, { type: 'text', value: 'y' }]));
    expect(await related(b)).toEqual([]);
  });

  it('correlates addresses with the IPv4 networks that contain them, both ways, and can be turned off', async () => {
    const net = await store(event([{ type: 'ip-dst', value: '203.0.113.0/24' }]));
    const addr = await store(event([{ type: 'ip-src', value: '203.0.113.77' }, { type: 'ip-src', value: '203.0.114.1' }]));
    const later = await store(event([{ type: 'ip-dst', value: '203.0.112.0/23' }]));
    expect(await related(addr)).toEqual([`${net}:203.0.113.77=203.0.113.0/24:cidr`, `${later}:203.0.113.77=203.0.112.0/23:cidr`]);
    expect(await related(net)).toEqual([`${addr}:203.0.113.0/24=203.0.113.77:cidr`]);
    expect(await related(later)).toEqual([`${addr}:203.0.112.0/23=203.0.113.77:cidr`]);
    expect(await related(addr, { cidr: false })).toEqual([]);
  });

  it('correlates IPv6 by canonical form and by containment', async () => {
    const a = await store(event([{ type: 'ip-dst', value: '2001:DB8:0:0::1' }, { type: 'ip-dst', value: '2001:db8:ff00::/40' }]));
    const b = await store(event([{ type: 'ip-src', value: '2001:db8::1' }, { type: 'ip-src|port', value: '2001:db8:ff12::9|53' }]));
    expect(await related(b)).toEqual([`${a}:2001:db8::1=2001:DB8:0:0::1:value`, `${a}:2001:db8:ff12::9|53=2001:db8:ff00::/40:cidr`]);
    expect(valueKey('::ffff:192.0.2.1')).toBe(valueKey('192.0.2.1'));
  });

  it('marks a value held by more events than the threshold as over-correlating, and stops pairing it', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push(await store(event([{ type: 'domain', value: 'popular.example' }, { type: 'md5', value: `hash${i % 2}` }])));
    expect((await related(ids[0]!, { maxEvents: 3 })).every((s) => s.includes('hash0'))).toBe(true);
    expect(await overCorrelatingValues(db.kysely, { maxEvents: 3 })).toEqual([{ key: 'popular.example', value: 'popular.example', events: 4 }]);
    expect((await related(ids[0]!, { maxEvents: 4 })).filter((s) => s.includes('popular')).length).toBe(3);
    expect((await topCorrelations(db.kysely)).map((v) => [v.value, v.events])).toEqual([['popular.example', 4], ['hash0', 2], ['hash1', 2]]);
    expect((await eventsWithValue(db.kysely, 'popular.example')).events).toBe(4);
  });

  it('stays current when an event is edited and when it is deleted', async () => {
    const e = event([{ type: 'domain', value: 'old.example' }]);
    const a = await store(e);
    const b = await store(event([{ type: 'domain', value: 'old.example' }, { type: 'domain', value: 'new.example' }]));
    expect(await related(b)).toEqual([`${a}:old.example=old.example:value`]);
    const edited = EventSchema.parse({ ...e, timestamp: 2000, attributes: [{ ...e.attributes[0]!, value: 'new.example', timestamp: 2000 }] });
    await store(edited);
    expect(await related(b)).toEqual([`${a}:new.example=new.example:value`]);
    expect((await eventsWithValue(db.kysely, 'old.example')).events).toBe(1);
    const deletedAttr = EventSchema.parse({ ...edited, timestamp: 3000, attributes: [{ ...edited.attributes[0]!, deleted: true, timestamp: 3000 }] });
    await store(deletedAttr);
    expect(await related(b)).toEqual([]);
    await store(EventSchema.parse({ ...edited, timestamp: 4000, attributes: [{ ...edited.attributes[0]!, timestamp: 4000 }] }));
    expect(await related(b)).toHaveLength(1);
    await db.kysely.transaction().execute(async (tx) => {
      await uncorrelateEvent(tx, a);
      await deleteEvent(tx, e.uuid);
    });
    expect(await related(b)).toEqual([]);
    expect((await eventsWithValue(db.kysely, 'new.example')).events).toBe(1);
    const left = await db.kysely.selectFrom('correlation_entries').select('event_id').distinct().execute();
    expect(left.map((r) => r.event_id)).toEqual([b]);
  });

  it('rebuilds to the same state it keeps incrementally', async () => {
    for (let i = 0; i < 5; i++) await store(event([{ type: 'domain', value: `d${i % 3}.example` }, { type: 'ip-dst', value: '10.0.0.0/8' }, { type: 'ip-dst', value: `10.1.2.${i}` }]));
    // What the bulk path must leave out or fold, as the incremental one does.
    await store(event([{ type: 'domain', value: 'd0.example', deleted: true }, { type: 'domain', value: 'd1.example', redacted: true }, { type: 'domain', value: 'd2.example', disableCorrelation: true }, { type: 'filename|md5', value: 'same|same' }]));
    await store(event([{ type: 'domain', value: 'd0.example' }, { type: 'filename', value: 'same' }], { disableCorrelation: true }));
    const snapshot = async () => ({
      entries: await db.kysely.selectFrom('correlation_entries').selectAll().orderBy('event_id').orderBy('attribute_id').orderBy('key').execute(),
      values: await db.kysely.selectFrom('correlation_values').selectAll().orderBy('key').execute(),
      nets: await db.kysely.selectFrom('correlation_nets').selectAll().orderBy('event_id').orderBy('attribute_id').execute(),
    });
    const before = await snapshot();
    await rebuildCorrelations(db);
    expect(await snapshot()).toEqual(before);
  });

  if (kind === 'postgres') {
    it('compares correlation keys byte by byte, whatever the database locale (ranges of keys are read)', async () => {
      const { rows } = await sql<{ table_name: string; column_name: string; collation_name: string | null }>`
        select table_name, column_name, collation_name from information_schema.columns
        where table_schema = current_schema() and table_name like 'correlation%' and column_name in ('key', 'net_key', 'lo_key', 'hi_key')
        order by table_name, column_name`.execute(db.kysely);
      expect(rows.map((r) => `${r.table_name}.${r.column_name} ${r.collation_name}`)).toEqual([
        'correlation_entries.key C',
        'correlation_nets.hi_key C',
        'correlation_nets.lo_key C',
        'correlation_nets.net_key C',
        'correlation_values.key C',
      ]);
    });
  }

  it("shows an event's current title after it changes here or through another connection, never a rolled-back one", async () => {
    const a = await store(event([{ type: 'domain', value: 'shared.example' }]));
    const b = await store(event([{ type: 'domain', value: 'shared.example' }]));
    const title = async () => (await relatedEvents(db, b)).map((r) => `${r.event.id}:${r.event.info}`);
    const before = await db.kysely.selectFrom('events').select('info').where('id', '=', a).executeTakeFirstOrThrow();
    expect(await title()).toEqual([`${a}:${before.info}`]);

    await db.kysely.updateTable('events').set({ info: 'renamed here' }).where('id', '=', a).execute();
    expect(await title()).toEqual([`${a}:renamed here`]);

    const other = await openDb(fresh.url());
    await other.kysely.updateTable('events').set({ info: 'renamed elsewhere' }).where('id', '=', a).execute();
    await other.close();
    expect(await title()).toEqual([`${a}:renamed elsewhere`]);

    await expect(
      db.kysely.transaction().execute(async (tx) => {
        await tx.updateTable('events').set({ info: 'never committed' }).where('id', '=', a).execute();
        expect((await relatedEvents(tx, b)).map((r) => r.event.info)).toEqual(['never committed']);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await title()).toEqual([`${a}:renamed elsewhere`]);
  });
});

describe('correlation keys', () => {
  it('normalises addresses to a sortable hex form', () => {
    expect(valueKey('192.168.0.1')).toBe('ip4:c0a80001');
    expect(valueKey('::1')).toBe('ip6:00000000000000000000000000000001');
    expect(valueKey('256.1.1.1')).toBe('256.1.1.1');
    expect(valueKey('a'.repeat(300))).toMatch(/^h:/);
  });
});
