import type { Attribute, Event, EventReport, GalaxyClusterRef, MispObject, ObjectReference, Sighting, Tag } from '../../model/index.ts';
import type { Json } from './_read.ts';

export interface MispJsonOptions {
  /**
   * `api` (default): the REST API form, with every field received given back.
   * `feed`: the feed form MISP instances pull: no instance-local ids, `Orgc` as name and uuid,
   * no local or non-exportable tags, no proposals, sightings or related events.
   */
  readonly form?: 'api' | 'feed';
}

/** Fields that only mean something on the instance that wrote them; left out of the feed form. */
const LOCAL_KEYS = new Set([
  'id', 'event_id', 'object_id', 'org_id', 'orgc_id', 'attribute_id', 'sharing_group_id', 'referenced_id', 'galaxy_id',
  'tag_id', 'user_id', 'attribute_count', 'locked', 'proposal_email_lock', 'event_creator_email', 'RelatedEvent',
  'ShadowAttribute', 'SharingGroup', 'Sighting', 'old_id', 'sighting_timestamp', 'collection_uuid',
]);

const str = (n: number): string => String(n);

function extraOf(extra: Record<string, unknown> | undefined, feed: boolean): Json {
  if (!extra) return {};
  if (!feed) return extra;
  const out: Json = {};
  for (const k in extra) if (!LOCAL_KEYS.has(k)) out[k] = stripLocal(extra[k]);
  return out;
}

function stripLocal(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripLocal);
  if (typeof v !== 'object' || v === null) return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) if (!LOCAL_KEYS.has(k)) out[k] = stripLocal(x);
  return out;
}

/**
 * One event as MISP event JSON (the body of `{"Event": ...}`): ids, enums and timestamps as
 * strings and flags as booleans, as MISP emits them, and the fields kept in `extra` given back.
 *
 * @example JSON.stringify({ Event: toMispEvent(event) })
 */
export function toMispEvent(ev: Event, options: MispJsonOptions = {}): Json {
  const feed = options.form === 'feed';
  const attributeCount = ev.attributes.filter((a) => !a.deleted && !a.redacted).length + ev.objects.reduce((n, o) => n + o.attributes.filter((a) => !a.deleted && !a.redacted).length, 0);
  const out: Json = {
    ...extraOf(ev.extra, feed),
    uuid: ev.uuid,
    info: ev.info,
    date: ev.date,
    threat_level_id: str(ev.threatLevel),
    analysis: str(ev.analysis),
    distribution: str(ev.distribution),
    published: ev.published,
    timestamp: str(ev.timestamp),
    publish_timestamp: str(ev.publishTimestamp),
    disable_correlation: ev.disableCorrelation,
    extends_uuid: ev.extendsUuid,
  };
  if (!feed) out['attribute_count'] = str(attributeCount);
  if (ev.orgc) out['Orgc'] = feed ? { name: ev.orgc.name, uuid: ev.orgc.uuid } : { ...ev.orgc };
  if (ev.org && !feed) out['Org'] = { ...ev.org };
  out['Tag'] = tags(ev.tags, feed);
  out['Galaxy'] = galaxies(ev.galaxies, feed);
  // Redaction placeholders (`<sha256>`) are not values: MISP JSON never carries them.
  out['Attribute'] = ev.attributes.filter((a) => !a.redacted).map((a) => attribute(a, feed, false));
  out['Object'] = ev.objects.map((o) => object(o, feed));
  if (ev.reports.length || !feed) out['EventReport'] = ev.reports.map((r) => report(r, feed));
  if (!feed) out['ShadowAttribute'] = ev.proposals;
  return out;
}

function tags(list: readonly Tag[], feed: boolean): Json[] {
  return list
    .filter((t) => !feed || (!t.local && t.extra?.['exportable'] !== false))
    .map((t) => ({ ...extraOf(t.extra, feed), name: t.name, ...(t.colour ? { colour: t.colour } : {}), ...(t.local && !feed ? { local: true } : {}) }));
}

/** Clusters grouped back under their galaxy, in the order received. */
function galaxies(refs: readonly GalaxyClusterRef[], feed: boolean): Json[] {
  const out: Json[] = [];
  const byGalaxy = new Map<string, Json[]>();
  for (const g of refs) {
    const galaxy = (g.extra?.['galaxy'] as Json | undefined) ?? { type: g.galaxyType };
    const cluster = { uuid: g.uuid, value: g.value, tag_name: g.tagName, ...extraOf(g.extra?.['cluster'] as Json | undefined, feed) };
    const key = String(galaxy['uuid'] ?? g.galaxyType);
    let clusters = byGalaxy.get(key);
    if (!clusters) {
      clusters = [];
      byGalaxy.set(key, clusters);
      out.push({ ...extraOf(galaxy, feed), GalaxyCluster: clusters });
    }
    clusters.push(cluster);
  }
  return out;
}

function attribute(a: Attribute, feed: boolean, inObject: boolean): Json {
  const out: Json = {
    ...extraOf(a.extra, feed),
    uuid: a.uuid,
    category: a.category,
    type: a.type,
    value: a.value,
    to_ids: a.toIds,
    comment: a.comment,
    distribution: str(a.distribution),
    timestamp: str(a.timestamp),
    deleted: a.deleted,
    disable_correlation: a.disableCorrelation,
    object_relation: a.objectRelation ?? null,
  };
  if (a.firstSeen || !feed) out['first_seen'] = a.firstSeen ?? null;
  if (a.lastSeen || !feed) out['last_seen'] = a.lastSeen ?? null;
  if (feed && !inObject && out['object_relation'] === null) delete out['object_relation'];
  out['Tag'] = tags(a.tags, feed);
  if (!feed && a.sightings.length) out['Sighting'] = a.sightings.map(sighting);
  if (!out['Tag'] || (out['Tag'] as Json[]).length === 0) delete out['Tag'];
  return out;
}

function sighting(s: Sighting): Json {
  return {
    ...s.extra,
    uuid: s.uuid,
    type: str(s.type),
    source: s.source,
    date_sighting: str(s.timestamp),
    ...(s.org ? { Organisation: { ...((s.extra?.['Organisation'] as Json | undefined) ?? {}), uuid: s.org.uuid, name: s.org.name } } : {}),
  };
}

function object(o: MispObject, feed: boolean): Json {
  const out: Json = {
    ...extraOf(o.extra, feed),
    uuid: o.uuid,
    name: o.name,
    'meta-category': o.metaCategory,
    description: o.description,
    template_uuid: o.templateUuid,
    template_version: o.templateVersion,
    comment: o.comment,
    distribution: str(o.distribution),
    timestamp: str(o.timestamp),
    deleted: o.deleted,
  };
  if (o.firstSeen || !feed) out['first_seen'] = o.firstSeen ?? null;
  if (o.lastSeen || !feed) out['last_seen'] = o.lastSeen ?? null;
  out['Attribute'] = o.attributes.filter((a) => !a.redacted).map((a) => attribute(a, feed, true));
  if (o.references.length || !feed) out['ObjectReference'] = o.references.map((r) => reference(r, feed));
  return out;
}

function reference(r: ObjectReference, feed: boolean): Json {
  return {
    ...extraOf(r.extra, feed),
    uuid: r.uuid,
    referenced_uuid: r.referencedUuid,
    relationship_type: r.relationshipType,
    comment: r.comment,
    timestamp: str(r.timestamp),
    deleted: r.deleted,
  };
}

function report(r: EventReport, feed: boolean): Json {
  return {
    ...extraOf(r.extra, feed),
    uuid: r.uuid,
    name: r.name,
    content: r.content,
    distribution: str(r.distribution),
    timestamp: str(r.timestamp),
    deleted: r.deleted,
  };
}

/**
 * Events as one MISP JSON document: `{"Event": ...}` for one event, `{"response": [{"Event": ...}, ...]}`
 * for several (as MISP's restSearch answers).
 */
export function serializeMispJson(events: readonly Event[], options: MispJsonOptions = {}): string {
  if (events.length === 1) return JSON.stringify({ Event: toMispEvent(events[0]!, options) }, null, 2);
  return JSON.stringify({ response: events.map((e) => ({ Event: toMispEvent(e, options) })) }, null, 2);
}
