import { beforeEach, expect, it } from 'vitest';
import { describeEachDb, useFreshDb } from '../../test/databases.ts';
import { EventSchema, type EventInput } from '../model/index.ts';
import { deleteEvent, listEvents, loadEvent, saveEvent, searchAttributes, type Db } from './index.ts';

const base: EventInput = {
  uuid: '11111111-1111-4111-8111-111111111111',
  info: 'Test event',
  date: '2024-01-02',
  threatLevel: 2,
  analysis: 1,
  distribution: 1,
  published: false,
  timestamp: 1000,
  orgc: { uuid: '22222222-2222-4222-8222-222222222222', name: 'ACME' },
  tags: [{ name: 'tlp:green' }],
  attributes: [
    { uuid: 'aaaaaaaa-0000-4000-8000-000000000001', category: 'Network activity', type: 'ip-dst', value: '203.0.113.7', toIds: true, distribution: 5, timestamp: 1000, tags: [{ name: 'kill-chain:c2' }] },
    { uuid: 'aaaaaaaa-0000-4000-8000-000000000002', category: 'Payload delivery', type: 'filename|md5', value: 'evil.exe|d41d8cd98f00b204e9800998ecf8427e', toIds: true, distribution: 5, timestamp: 1000 },
  ],
  objects: [
    {
      uuid: 'bbbbbbbb-0000-4000-8000-000000000001', name: 'domain-ip', distribution: 5, timestamp: 1000,
      attributes: [{ uuid: 'aaaaaaaa-0000-4000-8000-000000000003', category: 'Network activity', type: 'domain', value: 'evil.example', toIds: true, distribution: 5, timestamp: 1000, objectRelation: 'domain' }],
      references: [{ uuid: 'cccccccc-0000-4000-8000-000000000001', referencedUuid: 'aaaaaaaa-0000-4000-8000-000000000001', relationshipType: 'resolves-to', timestamp: 1000 }],
    },
  ],
};

describeEachDb('event store', (kind) => {
  const fresh = useFreshDb(kind);
  let db: Db;
  beforeEach(() => {
    db = fresh.current();
  });

  it('stores an event and loads it back whole', async () => {
    const ev = EventSchema.parse(base);
    const r = await db.kysely.transaction().execute((tx) => saveEvent(tx, ev));
    expect(r.status).toBe('created');
    const back = await loadEvent(db.kysely, ev.uuid);
    expect(back).toBeDefined();
    const { id: _id, ...rest } = back!;
    expect(rest).toEqual({ ...ev, orgc: ev.orgc, org: ev.orgc });
  });

  it('updates only when the incoming timestamp is newer, and never duplicates', async () => {
    const ev = EventSchema.parse(base);
    await db.kysely.transaction().execute((tx) => saveEvent(tx, ev));
    const same = await db.kysely.transaction().execute((tx) => saveEvent(tx, { ...ev, info: 'ignored' }));
    expect(same.status).toBe('unchanged');
    const newer = EventSchema.parse({ ...base, info: 'Renamed', timestamp: 2000, attributes: [{ ...base.attributes![0]!, comment: 'seen', timestamp: 2000 }] });
    const upd = await db.kysely.transaction().execute((tx) => saveEvent(tx, newer));
    expect(upd.status).toBe('updated');
    const back = await loadEvent(db.kysely, ev.uuid);
    expect(back!.info).toBe('Renamed');
    expect(back!.attributes).toHaveLength(2);
    expect(back!.attributes.find((a) => a.type === 'ip-dst')!.comment).toBe('seen');
    expect((await listEvents(db.kysely)).length).toBe(1);
  });

  it('finds attributes by exact value, composite half and wildcard', async () => {
    await db.kysely.transaction().execute((tx) => saveEvent(tx, EventSchema.parse(base)));
    expect((await searchAttributes(db.kysely, '203.0.113.7')).map((h) => h.type)).toEqual(['ip-dst']);
    expect((await searchAttributes(db.kysely, 'evil.exe')).map((h) => h.type)).toEqual(['filename|md5']);
    expect((await searchAttributes(db.kysely, 'evil.exe|d41d8cd98f00b204e9800998ecf8427e')).map((h) => h.type)).toEqual(['filename|md5']);
    expect((await searchAttributes(db.kysely, '%.example')).map((h) => h.value)).toEqual(['evil.example']);
    expect(await searchAttributes(db.kysely, 'evil_example')).toEqual([]);
  });

  it('filters the event list by tag, date and title text', async () => {
    await db.kysely.transaction().execute((tx) => saveEvent(tx, EventSchema.parse(base)));
    expect(await listEvents(db.kysely, { tag: 'tlp:green' })).toHaveLength(1);
    expect(await listEvents(db.kysely, { tag: 'tlp:red' })).toHaveLength(0);
    expect(await listEvents(db.kysely, { from: '2024-01-03' })).toHaveLength(0);
    expect(await listEvents(db.kysely, { text: 'TEST' })).toHaveLength(1);
    expect(await listEvents(db.kysely, { text: '%' })).toHaveLength(0);
  });

  it('never moves an attribute that belongs to another event', async () => {
    await db.kysely.transaction().execute((tx) => saveEvent(tx, EventSchema.parse(base)));
    const other = EventSchema.parse({ ...base, uuid: '33333333-3333-4333-8333-333333333333', objects: [], attributes: [base.attributes![0]!] });
    const r = await db.kysely.transaction().execute((tx) => saveEvent(tx, other));
    expect(r.status).toBe('created');
    expect(r.skipped.map((s) => s.reason)).toEqual([`attribute ${base.attributes![0]!.uuid} already belongs to another event`]);
    expect((await loadEvent(db.kysely, other.uuid))!.attributes).toEqual([]);
    expect((await loadEvent(db.kysely, base.uuid))!.attributes).toHaveLength(2);
  });

  it('deletes an event with everything in it', async () => {
    await db.kysely.transaction().execute((tx) => saveEvent(tx, EventSchema.parse(base)));
    expect(await deleteEvent(db.kysely, base.uuid)).toBe(true);
    expect(await loadEvent(db.kysely, base.uuid)).toBeUndefined();
    expect(await searchAttributes(db.kysely, '%')).toEqual([]);
    expect(await deleteEvent(db.kysely, base.uuid)).toBe(false);
  });
});
