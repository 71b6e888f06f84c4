import { CairnError } from '../../../errors.ts';
import { eventsFromDocument, toMispEvent } from '../../../formats/misp-json/index.ts';
import { typeInfo, type Attribute, type Event } from '../../../model/index.ts';
import type { MispEventCodec, MispIds } from './misp-codec.ts';

type J = Record<string, unknown>;
const isObj = (x: unknown): x is J => typeof x === 'object' && x !== null && !Array.isArray(x);

function unwrap(json: unknown, key: string): J {
  const o = isObj(json) && isObj(json[key]) ? json[key] : json;
  if (!isObj(o)) throw new CairnError('INVALID_INPUT', `expected a JSON object with ${key}`);
  return o;
}

/** Parses one MISP event body with src/formats/misp-json, or INVALID_INPUT with its first error. */
function parseOne(body: J, now: number): Event {
  const r = eventsFromDocument({ Event: body }, { source: 'request', now });
  if (r.errors.length || !r.events[0]) {
    const e = r.errors[0];
    throw new CairnError('INVALID_INPUT', e ? `${e.location?.pointer ?? ''} ${e.message}`.trim() : 'no event in the request', { details: r.errors });
  }
  return r.events[0];
}

const str = (n: number) => String(n);
const sgId = (ids: MispIds, uuid: string | undefined) => str(uuid ? (ids.sharingGroups.get(uuid) ?? 0) : 0);

/** Adds what only this instance knows (numeric ids, organisations, related events) to the format's JSON. */
function withIds(a: J, ids: MispIds, objectId: number, src: Attribute | undefined): J {
  return {
    id: str(ids.attributes.get(String(a['uuid'])) ?? 0),
    event_id: str(ids.eventId),
    object_id: str(objectId),
    sharing_group_id: sgId(ids, src?.sharingGroupUuid),
    ...a,
    ...(Array.isArray(a['Tag']) ? { Tag: (a['Tag'] as J[]).map((t) => ({ id: str(ids.tags.get(String(t['name'])) ?? 0), ...t })) } : {}),
  };
}

/**
 * The MISP routes' codec over src/formats/misp-json (parse and api-form serialize), adding
 * the numeric ids and organisations of this instance that the format does not carry.
 */
export const mispJsonCodec: MispEventCodec = {
  parseEvent(json, base) {
    const o = unwrap(json, 'Event');
    // Fields the request leaves out keep their current (or default) value, as MISP's edit does.
    const merged = { ...toMispEvent(base), ...o };
    if (!('Attribute' in o)) merged['Attribute'] = [];
    if (!('Object' in o)) merged['Object'] = [];
    const ev = parseOne(merged, base.timestamp || Math.floor(Date.now() / 1000));
    return {
      ...ev,
      ...(!('Attribute' in o) ? { attributes: base.attributes } : {}),
      ...(!('Object' in o) ? { objects: base.objects } : {}),
      ...(!('Tag' in o) ? { tags: base.tags } : {}),
      ...(base.org ? { org: base.org } : {}),
      ...(!('Orgc' in o) && base.orgc ? { orgc: base.orgc } : {}),
    };
  },

  parseAttribute(json, base) {
    const o = unwrap(json, 'Attribute');
    const shell = toMispEvent({ uuid: '00000000-0000-4000-8000-000000000000', info: 'shell', date: '2000-01-01', threatLevel: 4, analysis: 0, distribution: 0, published: false, timestamp: 1, publishTimestamp: 0, disableCorrelation: false, extendsUuid: '', tags: [], galaxies: [], attributes: [base], objects: [], reports: [], proposals: [] });
    const baseJson = (shell['Attribute'] as J[])[0]!;
    // A new type without a category takes the type's default category, as MISP does.
    const merged: J = { ...baseJson, ...o };
    const info = 'type' in o ? typeInfo(String(o['type'])) : undefined;
    if (info && !('category' in o)) merged['category'] = info.defaultCategory;
    if (info && !('to_ids' in o)) merged['to_ids'] = info.defaultToIds;
    if (!('Tag' in o)) merged['Tag'] = baseJson['Tag'] ?? [];
    const ev = parseOne({ ...shell, Attribute: [merged] }, base.timestamp || Math.floor(Date.now() / 1000));
    const a = ev.attributes[0];
    if (!a) throw new CairnError('INVALID_INPUT', 'no attribute in the request');
    return { ...a, sightings: base.sightings };
  },

  attributeToMisp(a, ids, objectUuid) {
    const shell = toMispEvent({ uuid: '00000000-0000-4000-8000-000000000000', info: 'shell', date: '2000-01-01', threatLevel: 4, analysis: 0, distribution: 0, published: false, timestamp: 1, publishTimestamp: 0, disableCorrelation: false, extendsUuid: '', tags: [], galaxies: [], attributes: [a], objects: [], reports: [], proposals: [] });
    return withIds((shell['Attribute'] as J[])[0]!, ids, objectUuid ? (ids.objects.get(objectUuid) ?? 0) : 0, a);
  },

  eventToMisp(ev, ids) {
    const body = toMispEvent(ev);
    const org = (u: string | undefined) => {
      const o = u ? ids.orgs.get(u) : undefined;
      return o ? { id: str(o.id), name: o.name, uuid: o.uuid, local: o.local } : { id: '0', name: '', uuid: '', local: true };
    };
    const Org = org(ev.org?.uuid);
    const Orgc = org(ev.orgc?.uuid);
    const byUuid = new Map([...ev.attributes, ...ev.objects.flatMap((o) => o.attributes)].map((a) => [a.uuid, a]));
    return {
      Event: {
        id: str(ids.eventId),
        orgc_id: Orgc.id,
        org_id: Org.id,
        ...body,
        attribute_count: str(ids.attributeCount ?? Number(body['attribute_count'] ?? 0)),
        sharing_group_id: sgId(ids, ev.sharingGroupUuid),
        proposal_email_lock: false,
        locked: false,
        protected: null,
        Org,
        Orgc,
        Tag: ((body['Tag'] as J[] | undefined) ?? []).map((t) => ({ id: str(ids.tags.get(String(t['name'])) ?? 0), ...t })),
        Attribute: ((body['Attribute'] as J[] | undefined) ?? []).map((a) => withIds(a, ids, 0, byUuid.get(String(a['uuid'])))),
        Object: ((body['Object'] as J[] | undefined) ?? []).map((o) => {
          const oid = ids.objects.get(String(o['uuid'])) ?? 0;
          const src = ev.objects.find((x) => x.uuid === o['uuid']);
          return {
            id: str(oid), event_id: str(ids.eventId), sharing_group_id: sgId(ids, src?.sharingGroupUuid), ...o,
            Attribute: ((o['Attribute'] as J[] | undefined) ?? []).map((a) => withIds(a, ids, oid, byUuid.get(String(a['uuid'])))),
          };
        }),
        RelatedEvent: (ids.related ?? []).map((r) => ({
          Event: {
            id: str(r.id), date: r.date, threat_level_id: str(r.threatLevel), info: r.info, published: r.published, uuid: r.uuid, analysis: str(r.analysis),
            timestamp: str(r.timestamp), distribution: str(r.distribution), org_id: str(r.orgId ?? 0), orgc_id: str(r.orgcId ?? 0),
            Org: r.org ? { id: str(r.org.id), name: r.org.name, uuid: r.org.uuid } : {},
            Orgc: r.orgc ? { id: str(r.orgc.id), name: r.orgc.name, uuid: r.orgc.uuid } : {},
          },
        })),
      },
    };
  },
};
