/**
 * INTERIM: a small MISP JSON codec so the MISP routes work before src/formats/misp-json
 * lands on main; it is replaced by an adapter over that format (see misp-codec.ts). Only the
 * fields the API needs are handled; unknown input fields are kept in `extra`.
 */
import { CairnError } from '../../../errors.ts';
import { AttributeSchema, EventSchema, typeInfo, type Attribute, type MispObject, type Tag } from '../../../model/index.ts';
import type { MispEventCodec, MispIds } from './misp-codec.ts';

type J = Record<string, unknown>;
const isObj = (x: unknown): x is J => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown): string | undefined => (x === undefined || x === null ? undefined : String(x));
const num = (x: unknown): number | undefined => (x === undefined || x === null || x === '' ? undefined : Number(x));
const bool = (x: unknown): boolean | undefined => (x === undefined || x === null ? undefined : x === true || x === 1 || x === '1' || x === 'true');
const time = (x: unknown): number | undefined => {
  if (x === undefined || x === null || x === '') return undefined;
  const n = Number(x);
  return Number.isFinite(n) ? Math.floor(n) : Math.floor(Date.parse(String(x)) / 1000);
};
const defined = <T extends J>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

function unwrap(json: unknown, key: string): J {
  const o = isObj(json) && isObj(json[key]) ? json[key] : json;
  if (!isObj(o)) throw new CairnError('INVALID_INPUT', `expected a JSON object with ${key}`);
  return o;
}

const tagsOf = (x: unknown): Tag[] => (Array.isArray(x) ? x.filter(isObj).map((t) => ({ name: String(t['name'] ?? ''), ...(t['colour'] ? { colour: String(t['colour']) } : {}), ...(bool(t['local']) ? { local: true } : {}) })).filter((t) => t.name) : []);

function sgUuid(o: J): string | undefined {
  const sg = o['SharingGroup'];
  return isObj(sg) && typeof sg['uuid'] === 'string' ? sg['uuid'] : undefined;
}

function fail(e: { issues: { path: PropertyKey[]; message: string }[] }, where: string): never {
  const i = e.issues[0]!;
  throw new CairnError('INVALID_INPUT', `${where}: ${i.path.join('.') || 'value'}: ${i.message}`, { details: e.issues });
}

function attribute(o: J, base: Attribute): Attribute {
  const type = str(o['type']) ?? base.type;
  const info = typeInfo(type);
  const raw = {
    ...base,
    ...defined({
      uuid: str(o['uuid'])?.toLowerCase(),
      type,
      category: str(o['category']) ?? (o['type'] !== undefined && info ? info.defaultCategory : undefined),
      value: str(o['value']),
      toIds: bool(o['to_ids']) ?? (o['type'] !== undefined && o['to_ids'] === undefined && info ? info.defaultToIds : undefined),
      comment: str(o['comment']),
      distribution: num(o['distribution']),
      sharingGroupUuid: sgUuid(o),
      timestamp: time(o['timestamp']),
      firstSeen: str(o['first_seen']),
      lastSeen: str(o['last_seen']),
      deleted: bool(o['deleted']),
      disableCorrelation: bool(o['disable_correlation']),
      objectRelation: str(o['object_relation']),
    }),
    ...(o['Tag'] !== undefined ? { tags: tagsOf(o['Tag']) } : {}),
  };
  const r = AttributeSchema.safeParse(raw);
  if (!r.success) fail(r.error, 'Attribute');
  return r.data;
}

export const interimCodec: MispEventCodec = {
  parseAttribute(json, base) {
    return attribute(unwrap(json, 'Attribute'), base);
  },

  parseEvent(json, base) {
    const o = unwrap(json, 'Event');
    const t = base.timestamp;
    const blank = (): Attribute => ({ uuid: crypto.randomUUID(), category: 'Other', type: 'text', value: '', toIds: false, comment: '', distribution: 5, timestamp: t, deleted: false, disableCorrelation: false, redacted: false, tags: [], sightings: [] });
    const attrs = Array.isArray(o['Attribute']) ? o['Attribute'].filter(isObj).map((a) => attribute(a, blank())) : undefined;
    const objects = Array.isArray(o['Object'])
      ? o['Object'].filter(isObj).map((x): MispObject => ({
          uuid: str(x['uuid'])?.toLowerCase() ?? crypto.randomUUID(),
          name: str(x['name']) ?? 'object',
          metaCategory: str(x['meta-category']) ?? '',
          description: str(x['description']) ?? '',
          templateUuid: str(x['template_uuid']) ?? '',
          templateVersion: str(x['template_version']) ?? '',
          comment: str(x['comment']) ?? '',
          distribution: num(x['distribution']) ?? 5,
          ...(sgUuid(x) ? { sharingGroupUuid: sgUuid(x)! } : {}),
          timestamp: time(x['timestamp']) ?? t,
          deleted: bool(x['deleted']) ?? false,
          attributes: Array.isArray(x['Attribute']) ? x['Attribute'].filter(isObj).map((a) => attribute(a, blank())) : [],
          references: [],
        }))
      : undefined;
    const orgc = isObj(o['Orgc']) && o['Orgc']['uuid'] ? { uuid: String(o['Orgc']['uuid']).toLowerCase(), name: String(o['Orgc']['name'] ?? 'unknown') } : undefined;
    const raw = {
      ...base,
      ...defined({
        uuid: str(o['uuid'])?.toLowerCase(),
        info: str(o['info']),
        date: str(o['date']),
        threatLevel: num(o['threat_level_id']),
        analysis: num(o['analysis']),
        distribution: num(o['distribution']),
        sharingGroupUuid: sgUuid(o),
        published: bool(o['published']),
        timestamp: time(o['timestamp']),
        publishTimestamp: time(o['publish_timestamp']),
        disableCorrelation: bool(o['disable_correlation']),
        extendsUuid: str(o['extends_uuid']),
        orgc,
      }),
      ...(o['Tag'] !== undefined ? { tags: tagsOf(o['Tag']) } : {}),
      ...(attrs ? { attributes: attrs } : {}),
      ...(objects ? { objects } : {}),
    };
    const r = EventSchema.safeParse(raw);
    if (!r.success) fail(r.error, 'Event');
    return r.data;
  },

  attributeToMisp(a, ids, objectUuid) {
    return attributeJson(a, ids, objectUuid ?? null);
  },

  eventToMisp(ev, ids) {
    const org = (u: string | undefined) => {
      const o = u ? ids.orgs.get(u) : undefined;
      return o ? { id: String(o.id), name: o.name, uuid: o.uuid, local: o.local } : { id: '0', name: '', uuid: '', local: true };
    };
    const Org = org(ev.org?.uuid);
    const Orgc = org(ev.orgc?.uuid);
    return {
      Event: {
        id: String(ids.eventId),
        orgc_id: Orgc.id,
        org_id: Org.id,
        date: ev.date,
        threat_level_id: String(ev.threatLevel),
        info: ev.info,
        published: ev.published,
        uuid: ev.uuid,
        attribute_count: String(ids.attributeCount ?? ev.attributes.length + ev.objects.reduce((n, o) => n + o.attributes.length, 0)),
        analysis: String(ev.analysis),
        timestamp: String(ev.timestamp),
        distribution: String(ev.distribution),
        proposal_email_lock: false,
        locked: false,
        publish_timestamp: String(ev.publishTimestamp),
        sharing_group_id: String(ev.sharingGroupUuid ? (ids.sharingGroups.get(ev.sharingGroupUuid) ?? 0) : 0),
        disable_correlation: ev.disableCorrelation,
        extends_uuid: ev.extendsUuid,
        protected: null,
        event_creator_email: '',
        Org,
        Orgc,
        Attribute: ev.attributes.map((a) => attributeJson(a, ids, null)),
        ShadowAttribute: [],
        RelatedEvent: (ids.related ?? []).map((r) => ({
          Event: {
            id: String(r.id), date: r.date, threat_level_id: String(r.threatLevel), info: r.info, published: r.published, uuid: r.uuid,
            analysis: String(r.analysis), timestamp: String(r.timestamp), distribution: String(r.distribution), org_id: String(r.orgId ?? 0), orgc_id: String(r.orgcId ?? 0),
            Org: r.org ? { id: String(r.org.id), name: r.org.name, uuid: r.org.uuid } : {},
            Orgc: r.orgc ? { id: String(r.orgc.id), name: r.orgc.name, uuid: r.orgc.uuid } : {},
          },
        })),
        Galaxy: [],
        Object: ev.objects.map((o) => ({
          id: String(ids.objects.get(o.uuid) ?? 0),
          name: o.name,
          'meta-category': o.metaCategory,
          description: o.description,
          template_uuid: o.templateUuid,
          template_version: o.templateVersion,
          event_id: String(ids.eventId),
          uuid: o.uuid,
          timestamp: String(o.timestamp),
          distribution: String(o.distribution),
          sharing_group_id: String(o.sharingGroupUuid ? (ids.sharingGroups.get(o.sharingGroupUuid) ?? 0) : 0),
          comment: o.comment,
          deleted: o.deleted,
          first_seen: o.firstSeen ?? null,
          last_seen: o.lastSeen ?? null,
          ObjectReference: o.references.map((r) => ({ uuid: r.uuid, referenced_uuid: r.referencedUuid, relationship_type: r.relationshipType, comment: r.comment, timestamp: String(r.timestamp), deleted: r.deleted })),
          Attribute: o.attributes.map((a) => attributeJson(a, ids, o.uuid)),
        })),
        EventReport: [],
        CryptographicKey: [],
        Tag: ev.tags.map((t) => tagJson(t, ids)),
      },
    };
  },
};

function tagJson(t: Tag, ids: MispIds) {
  return { id: String(ids.tags.get(t.name) ?? 0), name: t.name, colour: t.colour ?? '', exportable: true, user_id: '0', hide_tag: false, numerical_value: null, is_galaxy: t.name.startsWith('misp-galaxy:'), is_custom_galaxy: false, local_only: false, local: t.local ? 1 : 0 };
}

function attributeJson(a: Attribute, ids: MispIds, objectUuid: string | null): J {
  return {
    id: String(ids.attributes.get(a.uuid) ?? 0),
    type: a.type,
    category: a.category,
    to_ids: a.toIds,
    uuid: a.uuid,
    event_id: String(ids.eventId),
    distribution: String(a.distribution),
    timestamp: String(a.timestamp),
    comment: a.comment,
    sharing_group_id: String(a.sharingGroupUuid ? (ids.sharingGroups.get(a.sharingGroupUuid) ?? 0) : 0),
    deleted: a.deleted,
    disable_correlation: a.disableCorrelation,
    object_id: String(objectUuid ? (ids.objects.get(objectUuid) ?? 0) : 0),
    object_relation: a.objectRelation ?? null,
    first_seen: a.firstSeen ?? null,
    last_seen: a.lastSeen ?? null,
    value: a.value,
    Galaxy: [],
    ShadowAttribute: [],
    Sighting: a.sightings.map((s) => ({ uuid: s.uuid, type: String(s.type), source: s.source, date_sighting: String(s.timestamp), attribute_uuid: a.uuid, Organisation: s.org ? { uuid: s.org.uuid, name: s.org.name } : undefined })),
    ...(a.tags.length ? { Tag: a.tags.map((t) => tagJson(t, ids)) } : {}),
  };
}
