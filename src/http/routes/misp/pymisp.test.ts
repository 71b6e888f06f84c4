import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../../../../test/databases.ts';
import { testServer, type TestServer } from '../../../../test/http.ts';
import { TaxonomySchema, saveTaxonomies } from '../../../correlate/index.ts';
import { createApp } from '../../app.ts';

// The bodies below are what PyMISP 2.5 sends (MISPEvent.to_json(), search() with its 0/1 flags).
const EVENT_UUID = '5e7a1c2b-1111-4c2d-9e3f-0a1b2c3d4e5f';
const pymispEvent = {
  Event: {
    uuid: EVENT_UUID,
    info: 'Phishing campaign',
    distribution: 1,
    threat_level_id: 2,
    analysis: 1,
    date: '2024-05-01',
    published: false,
    Attribute: [
      { uuid: '6f8b2d3c-2222-4d3e-8f40-1b2c3d4e5f60', type: 'ip-dst', category: 'Network activity', to_ids: true, value: '198.51.100.23', distribution: 5, comment: 'C2', disable_correlation: false, Tag: [{ name: 'tlp:amber' }] },
      { uuid: '7a9c3e4d-3333-4e4f-9a51-2c3d4e5f6071', type: 'domain', category: 'Network activity', to_ids: true, value: 'evil.example.com', distribution: 5 },
    ],
    Tag: [{ name: 'tlp:green' }],
  },
};
const searchBody = (extra: Record<string, unknown>) => ({
  returnFormat: 'json', withAttachments: 0, metadata: 0, enforceWarninglist: 0, includeEventUuid: 0, includeEventTags: 0, sgReferenceOnly: 0,
  includeContext: 0, headerless: 0, includeSightings: 0, includeDecayScore: 0, includeCorrelations: 0, excludeDecayed: 0, ...extra,
});

describeEachDb('MISP API as PyMISP uses it', (kind) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await testServer(kind);
  });
  afterEach(async () => s.dispose());

  it('answers the three requests of PyMISP() on connect', async () => {
    const v = await s.pymisp('GET', '/servers/getVersion');
    expect(v.status).toBe(200);
    const vj = (await v.json()) as Record<string, unknown>;
    expect(vj['version']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(vj).toMatchObject({ perm_sync: true, perm_sighting: true, filter_sightings: true });
    const me = (await (await s.pymisp('GET', '/users/view/me')).json()) as Record<string, Record<string, unknown>>;
    expect(me['User']!['email']).toBe('admin@admin.test');
    expect(me['Role']!['perm_site_admin']).toBe(true);
    expect(me['UserSetting']).toEqual([]);
    expect(me['Organisation']!['name']).toBe('ORGNAME');
    const dt = (await (await s.pymisp('GET', '/attributes/describeTypes.json')).json()) as { result: Record<string, unknown> };
    expect(dt.result['types']).toContain('ip-dst');
    expect((dt.result['sane_defaults'] as Record<string, unknown>)['ip-dst']).toEqual({ default_category: 'Network activity', to_ids: 1 });
    expect((dt.result['category_type_mappings'] as Record<string, string[]>)['Network activity']).toContain('domain');
  });

  it('reports this instance\'s uuid in getVersion, the same on every start', async () => {
    const uuid = ((await (await s.pymisp('GET', '/servers/getVersion')).json()) as { uuid: string }).uuid;
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const again = createApp({ db: s.db });
    expect(((await (await again.request('/servers/getVersion', { headers: { Authorization: s.adminKey } })).json()) as { uuid: string }).uuid).toBe(uuid);
  });

  it('lists loaded taxonomies in /taxonomies/index as MISP does, with their tag counts', async () => {
    expect(await (await s.pymisp('GET', '/taxonomies/index')).json()).toEqual([]);
    const tlp = { namespace: 'tlp', description: 'Traffic Light Protocol', version: 5, exclusive: true, predicates: [{ value: 'red' }, { value: 'amber' }, { value: 'green' }, { value: 'white' }] };
    const admiralty = { namespace: 'admiralty-scale', description: 'The Admiralty Scale', version: 2, predicates: [{ value: 'source-reliability' }], values: [{ predicate: 'source-reliability', entry: [{ value: 'a' }, { value: 'b' }] }] };
    await saveTaxonomies(s.db.kysely, [TaxonomySchema.parse(tlp), TaxonomySchema.parse(admiralty)], [tlp, admiralty]);
    expect((await s.pymisp('POST', '/events/add', pymispEvent)).status).toBe(200);
    const list = (await (await s.pymisp('GET', '/taxonomies/index')).json()) as { Taxonomy: Record<string, unknown>; total_count: number; current_count: number }[];
    expect(list).toEqual([
      { Taxonomy: { id: '1', namespace: 'admiralty-scale', description: 'The Admiralty Scale', version: '2', enabled: true, exclusive: false, required: false, highlighted: false }, total_count: 2, current_count: 0 },
      { Taxonomy: { id: '2', namespace: 'tlp', description: 'Traffic Light Protocol', version: '5', enabled: true, exclusive: true, required: false, highlighted: false }, total_count: 4, current_count: 2 },
    ]);
  });

  it('refuses a missing or wrong key with MISP\'s 403', async () => {
    const r = await s.pymisp('GET', '/events/index', undefined, 'x'.repeat(40));
    expect(r.status).toBe(403);
    expect(((await r.json()) as { message: string }).message).toMatch(/Authentication failed/);
    const x = await s.app.request('/servers/getVersion', { headers: { 'X-MISP-AUTH': s.adminKey } });
    expect(x.status).toBe(200);
  });

  it('adds, gets, checks existence, edits, publishes and deletes an event', async () => {
    const add = await s.pymisp('POST', '/events/add', pymispEvent);
    expect(add.status).toBe(200);
    const ev = ((await add.json()) as { Event: Record<string, unknown> }).Event;
    expect(ev).toMatchObject({ uuid: EVENT_UUID, info: 'Phishing campaign', distribution: '1', threat_level_id: '2', analysis: '1', published: false, org_id: expect.any(String) });
    const id = ev['id'] as string;
    expect(id).toMatch(/^\d+$/);
    const attrs = ev['Attribute'] as Record<string, unknown>[];
    expect(attrs).toHaveLength(2);
    expect(attrs[0]).toMatchObject({ type: 'ip-dst', value: '198.51.100.23', to_ids: true, event_id: id, distribution: '5' });
    expect((attrs[0]!['Tag'] as { name: string }[]).map((t) => t.name)).toEqual(['tlp:amber']);
    expect((ev['Tag'] as { name: string }[]).map((t) => t.name)).toEqual(['tlp:green']);
    expect(ev['Orgc']).toMatchObject({ name: 'ORGNAME' });

    // get_event by id and by uuid
    for (const key of [id, EVENT_UUID]) {
      const got = await s.pymisp('GET', `/events/view/${key}`);
      expect(got.status).toBe(200);
      expect(((await got.json()) as { Event: { uuid: string } }).Event.uuid).toBe(EVENT_UUID);
    }
    // event_exists: HEAD
    expect((await s.pymisp('HEAD', `/events/view/${EVENT_UUID}`)).status).toBe(200);
    expect((await s.pymisp('HEAD', '/events/view/99999')).status).toBe(404);
    // the same uuid twice is refused as MISP does
    const dup = await s.pymisp('POST', '/events/add', pymispEvent);
    expect(dup.status).toBe(403);
    expect(await dup.json()).toMatchObject({ saved: false, name: 'Could not add Event', url: '/events/add' });

    // update_event
    const edited = await s.pymisp('POST', `/events/edit/${id}`, { Event: { ...pymispEvent.Event, info: 'Phishing campaign (updated)' } });
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as { Event: { info: string } }).Event.info).toBe('Phishing campaign (updated)');

    // publish
    const pub = await s.pymisp('POST', `/events/publish/${id}`);
    expect(pub.status).toBe(200);
    expect(await pub.json()).toEqual({ saved: true, success: true, name: 'Event published without alerts', message: 'Event published without alerts', url: `/events/publish/${id}`, id });
    const after = ((await (await s.pymisp('GET', `/events/view/${id}`)).json()) as { Event: { published: boolean; publish_timestamp: string } }).Event;
    expect(after.published).toBe(true);
    expect(Number(after.publish_timestamp)).toBeGreaterThan(0);

    // index
    const index = (await (await s.pymisp('GET', '/events/index')).json()) as Record<string, unknown>[];
    expect(index.map((e) => e['uuid'])).toEqual([EVENT_UUID]);

    // delete
    const del = await s.pymisp('POST', `/events/delete/${id}`);
    expect(await del.json()).toEqual({ saved: true, success: true, name: 'Event deleted.', message: 'Event deleted.', url: `/events/delete/${id}`, id });
    const gone = await s.pymisp('GET', `/events/view/${id}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ name: 'Invalid event', message: 'Invalid event', url: `/events/view/${id}` });
  });

  it('adds, edits and deletes attributes', async () => {
    const id = (((await (await s.pymisp('POST', '/events/add', pymispEvent)).json()) as { Event: { id: string } }).Event.id);
    const add = await s.pymisp('POST', `/attributes/add/${id}`, { type: 'sha256', value: 'a'.repeat(64), to_ids: true, comment: 'dropper' });
    expect(add.status).toBe(200);
    const attr = ((await add.json()) as { Attribute: Record<string, string> }).Attribute;
    expect(attr).toMatchObject({ type: 'sha256', category: 'Payload delivery', value: 'a'.repeat(64), event_id: id, comment: 'dropper' });
    const edit = await s.pymisp('POST', `/attributes/edit/${attr['id']}`, { Attribute: { comment: 'stage 2', to_ids: false } });
    expect(((await edit.json()) as { Attribute: Record<string, unknown> }).Attribute).toMatchObject({ comment: 'stage 2', to_ids: false, value: 'a'.repeat(64) });
    const bad = await s.pymisp('POST', `/attributes/add/${id}`, { type: 'no-such-type', value: 'x' });
    expect(bad.status).toBe(403);
    expect(await bad.json()).toMatchObject({ saved: false, name: 'Could not add Attribute' });
    const del = await s.pymisp('POST', `/attributes/delete/${attr['id']}`, {});
    expect(await del.json()).toEqual({ message: 'Attribute soft deleted.' });
    const ev = ((await (await s.pymisp('GET', `/events/view/${id}`)).json()) as { Event: { Attribute: { value: string; deleted: boolean }[] } }).Event;
    expect(ev.Attribute.find((a) => a.value === 'a'.repeat(64))?.deleted ?? true).toBe(true);
  });

  it('answers a one-value restSearch (its fast path) with the same attributes, tags in tag order, as the general search', async () => {
    // `type:OSINT` is created after `tlp:amber` (a lower tag id) but listed first on the attribute.
    await s.pymisp('POST', '/events/add', { Event: { ...pymispEvent.Event, uuid: '0b5e6f70-1111-4c2d-8e3f-a0b1c2d3e4f5', info: 'earlier', Attribute: [], Tag: [{ name: 'tlp:amber' }] } });
    const [c2, domain] = pymispEvent.Event.Attribute;
    await s.pymisp('POST', '/events/add', { Event: { ...pymispEvent.Event, Attribute: [{ ...c2, Tag: [{ name: 'type:OSINT' }, { name: 'tlp:amber', local: 1 }] }, domain] } });
    const search = async (body: Record<string, unknown>) => ((await (await s.pymisp('POST', '/attributes/restSearch', searchBody(body))).json()) as { response: { Attribute: { Tag?: { name: string; local: boolean }[] }[] } }).response.Attribute;
    const fast = await search({ value: '198.51.100.23' });
    expect(fast).toEqual(await search({ value: '198.51.100.23', to_ids: 1 }));
    expect(fast[0]!.Tag!.map((t) => `${t.name}${t.local ? ' (local)' : ''}`)).toEqual(['tlp:amber (local)', 'type:OSINT']);
    expect((await search({ value: 'evil.example.com' }))[0]!.Tag).toBeUndefined();
  });

  it('searches events and attributes as PyMISP.search() does', async () => {
    await s.pymisp('POST', '/events/add', pymispEvent);
    const attrs = await s.pymisp('POST', '/attributes/restSearch', searchBody({ value: '198.51.100.23' }));
    expect(attrs.status).toBe(200);
    const body = (await attrs.json()) as { response: { Attribute: Record<string, unknown>[] } };
    expect(body.response.Attribute).toHaveLength(1);
    expect(body.response.Attribute[0]).toMatchObject({ value: '198.51.100.23', type: 'ip-dst', to_ids: true, Event: { uuid: EVENT_UUID, info: 'Phishing campaign' } });

    const events = (await (await s.pymisp('POST', '/events/restSearch', searchBody({ tags: { OR: ['tlp:green'] } }))).json()) as { response: { Event: { uuid: string } }[] };
    expect(events.response.map((e) => e.Event.uuid)).toEqual([EVENT_UUID]);
    const none = (await (await s.pymisp('POST', '/events/restSearch', searchBody({ tags: { NOT: ['tlp:green'] } }))).json()) as { response: unknown[] };
    expect(none.response).toEqual([]);
    const byType = (await (await s.pymisp('POST', '/attributes/restSearch', searchBody({ type: 'domain', tags: ['tlp:green'], includeEventTags: 1 }))).json()) as { response: { Attribute: { value: string; Tag: { name: string }[] }[] } };
    expect(byType.response.Attribute.map((a) => a.value)).toEqual(['evil.example.com']);
    expect(byType.response.Attribute[0]!.Tag.map((t) => t.name)).toEqual(['tlp:green']);

    const csv = await (await s.pymisp('POST', '/attributes/restSearch', searchBody({ returnFormat: 'csv', type: 'ip-dst' }))).text();
    expect(csv.split('\n')[0]).toBe('uuid,event_id,category,type,value,comment,to_ids,date,object_relation,attribute_tag,object_uuid,object_name,object_meta_category');
    expect(csv).toContain('198.51.100.23');
    const text = await (await s.pymisp('POST', '/attributes/restSearch', searchBody({ returnFormat: 'text', type: ['ip-dst', 'domain'] }))).text();
    expect(text.trim().split('\n').sort()).toEqual(['198.51.100.23', 'evil.example.com']);
    // enforceWarninglist drops values on enabled warninglists (here the built-in private ranges)
    const id = (((await (await s.pymisp('GET', `/events/view/${EVENT_UUID}`)).json()) as { Event: { id: string } }).Event.id);
    await s.pymisp('POST', `/attributes/add/${id}`, { type: 'ip-dst', value: '192.168.1.1' });
    const count = async (enforce: number) => ((await (await s.pymisp('POST', '/attributes/restSearch', searchBody({ value: '192.168.1.1', enforceWarninglist: enforce }))).json()) as { response: { Attribute: unknown[] } }).response.Attribute.length;
    expect(await count(0)).toBe(1);
    expect(await count(1)).toBe(0);
    const wl = (await (await s.pymisp('GET', '/warninglists/index')).json()) as { Warninglists: { Warninglist: { name: string } }[] };
    expect(wl.Warninglists.length).toBeGreaterThan(0);
    const bad = await s.pymisp('POST', '/attributes/restSearch', searchBody({ returnFormat: 'nope' }));
    expect(bad.status).toBe(400);
  });

  it('adds a sighting by value and by attribute', async () => {
    await s.pymisp('POST', '/events/add', pymispEvent);
    const r = await s.pymisp('POST', '/sightings/add', { value: '198.51.100.23', source: 'IDS', type: '0' });
    expect(r.status).toBe(200);
    const sj = ((await r.json()) as { Sighting: Record<string, string> }).Sighting;
    expect(sj).toMatchObject({ source: 'IDS', type: '0', attribute_id: expect.stringMatching(/^\d+$/) });
    const byUuid = await s.pymisp('POST', '/sightings/add', { uuid: '7a9c3e4d-3333-4e4f-9a51-2c3d4e5f6071' });
    expect(((await byUuid.json()) as { Sighting: Record<string, string> }).Sighting['attribute_id']).toMatch(/^\d+$/);
    const none = await s.pymisp('POST', '/sightings/add', { value: '203.0.113.250' });
    expect(await none.json()).toEqual({ message: expect.stringMatching(/^Could not add the Sighting/) });
  });
});
