import type { Attribute, Event, GalaxyClusterRef, MispObject, Sighting, Tag } from '../model/index.ts';
import type { CATEGORIES } from '../model/index.ts';
import { parseExtra, type Executor } from './executor.ts';
import type { AttributeTable } from './schema.ts';
import type { Selectable } from 'kysely';

type Category = (typeof CATEGORIES)[number];

/** A stored event with its local numeric id. */
export interface StoredEvent extends Event {
  readonly id: number;
}

/** Loads a whole event (attributes, objects, tags, galaxies, sightings, reports, proposals) by uuid or id. */
export async function loadEvent(db: Executor, key: string | number): Promise<StoredEvent | undefined> {
  const q = db.selectFrom('events').selectAll();
  const ev = await (typeof key === 'number' ? q.where('id', '=', key) : q.where('uuid', '=', key)).executeTakeFirst();
  if (!ev) return undefined;
  const id = ev.id;
  const [orgs, eventTags, attrRows, attrTags, sightings, objRows, refs, reports, proposals] = await Promise.all([
    db.selectFrom('orgs').select(['id', 'uuid', 'name', 'local']).where('id', 'in', [ev.org_id ?? -1, ev.orgc_id ?? -1]).execute(),
    db.selectFrom('event_tags').innerJoin('tags', 'tags.id', 'event_tags.tag_id').select(['tags.name', 'tags.colour', 'tags.extra', 'event_tags.local']).where('event_tags.event_id', '=', id).orderBy('tags.id').execute(),
    db.selectFrom('attributes').selectAll().where('event_id', '=', id).orderBy('id').execute(),
    db.selectFrom('attribute_tags').innerJoin('tags', 'tags.id', 'attribute_tags.tag_id').select(['attribute_tags.attribute_id', 'tags.name', 'tags.colour', 'tags.extra', 'attribute_tags.local']).where('attribute_tags.event_id', '=', id).orderBy('tags.id').execute(),
    db.selectFrom('sightings').selectAll().where('event_id', '=', id).orderBy('id').execute(),
    db.selectFrom('objects').selectAll().where('event_id', '=', id).orderBy('id').execute(),
    db.selectFrom('object_references').selectAll().where('event_id', '=', id).orderBy('id').execute(),
    db.selectFrom('event_reports').selectAll().where('event_id', '=', id).orderBy('id').execute(),
    db.selectFrom('proposals').select('data').where('event_id', '=', id).orderBy('id').execute(),
  ]);
  const org = (oid: number | null) => {
    const o = orgs.find((x) => x.id === oid);
    return o ? { uuid: o.uuid, name: o.name, ...(o.local ? { local: true } : {}) } : undefined;
  };
  const tagsByAttr = groupBy(attrTags, (t) => t.attribute_id);
  const sightingsByAttr = groupBy(sightings, (s) => s.attribute_id);
  const toAttr = (r: Selectable<AttributeTable>): Attribute =>
    rowToAttribute(
      r,
      (tagsByAttr.get(r.id) ?? []).map((t) => tag(t.name, t.colour, t.local, t.extra)),
      (sightingsByAttr.get(r.id) ?? []).map((s): Sighting => ({
        uuid: s.uuid,
        type: s.type as 0 | 1 | 2,
        source: s.source,
        timestamp: s.timestamp,
        ...(s.org_uuid ? { org: { uuid: s.org_uuid, name: s.org_name ?? '' } } : {}),
        ...optionalExtra(s.extra),
      })),
    );
  const attrsByObject = groupBy(attrRows.filter((r) => r.object_id !== null), (r) => r.object_id!);
  const refsByObject = groupBy(refs, (r) => r.object_id);
  const objects: MispObject[] = objRows.map((o) => ({
    uuid: o.uuid,
    name: o.name,
    metaCategory: o.meta_category,
    description: o.description,
    templateUuid: o.template_uuid,
    templateVersion: o.template_version,
    comment: o.comment,
    distribution: o.distribution,
    ...(o.sharing_group_uuid ? { sharingGroupUuid: o.sharing_group_uuid } : {}),
    timestamp: o.timestamp,
    ...(o.first_seen ? { firstSeen: o.first_seen } : {}),
    ...(o.last_seen ? { lastSeen: o.last_seen } : {}),
    deleted: o.deleted === 1,
    attributes: (attrsByObject.get(o.id) ?? []).map(toAttr),
    references: (refsByObject.get(o.id) ?? []).map((r) => ({
      uuid: r.uuid,
      referencedUuid: r.referenced_uuid,
      relationshipType: r.relationship_type,
      comment: r.comment,
      timestamp: r.timestamp,
      deleted: r.deleted === 1,
      ...optionalExtra(r.extra),
    })),
    ...optionalExtra(o.extra),
  }));
  const extra = parseExtra(ev.extra) ?? {};
  const galaxyUuids = (extra['@galaxies'] as string[] | undefined) ?? [];
  delete extra['@galaxies'];
  const galaxies: GalaxyClusterRef[] = galaxyUuids.length
    ? (await db.selectFrom('galaxy_clusters').selectAll().where('uuid', 'in', galaxyUuids).execute())
        .sort((a, b) => galaxyUuids.indexOf(a.uuid) - galaxyUuids.indexOf(b.uuid))
        .map((g) => ({ uuid: g.uuid, tagName: g.tag_name, value: g.value, galaxyType: g.galaxy_type, extra: JSON.parse(g.data) as Record<string, unknown> }))
    : [];
  const orgc = org(ev.orgc_id);
  const owner = org(ev.org_id);
  return {
    id,
    uuid: ev.uuid,
    info: ev.info,
    date: ev.date,
    threatLevel: ev.threat_level,
    analysis: ev.analysis,
    distribution: ev.distribution,
    ...(ev.sharing_group_uuid ? { sharingGroupUuid: ev.sharing_group_uuid } : {}),
    published: ev.published === 1,
    timestamp: ev.timestamp,
    publishTimestamp: ev.publish_timestamp,
    disableCorrelation: ev.disable_correlation === 1,
    extendsUuid: ev.extends_uuid,
    ...(orgc ? { orgc } : {}),
    ...(owner ? { org: owner } : {}),
    tags: eventTags.map((t) => tag(t.name, t.colour, t.local, t.extra)),
    galaxies,
    attributes: attrRows.filter((r) => r.object_id === null).map(toAttr),
    objects,
    reports: reports.map((r) => ({
      uuid: r.uuid,
      name: r.name,
      content: r.content,
      distribution: r.distribution,
      ...(r.sharing_group_uuid ? { sharingGroupUuid: r.sharing_group_uuid } : {}),
      timestamp: r.timestamp,
      deleted: r.deleted === 1,
      ...optionalExtra(r.extra),
    })),
    proposals: proposals.map((p) => JSON.parse(p.data) as Record<string, unknown>),
    ...(Object.keys(extra).length ? { extra } : {}),
  };
}

function tag(name: string, colour: string, local: number, extra: string | null): Tag {
  return { name, ...(colour ? { colour } : {}), ...(local ? { local: true } : {}), ...optionalExtra(extra) };
}

function optionalExtra(text: string | null): { extra?: Record<string, unknown> } {
  const extra = parseExtra(text);
  return extra ? { extra } : {};
}

/** Maps a stored attribute row to the model. */
export function rowToAttribute(r: Selectable<AttributeTable>, tags: Tag[] = [], sightings: Sighting[] = []): Attribute {
  return {
    uuid: r.uuid,
    category: r.category as Category,
    type: r.type,
    value: r.value,
    toIds: r.to_ids === 1,
    comment: r.comment,
    distribution: r.distribution,
    ...(r.sharing_group_uuid ? { sharingGroupUuid: r.sharing_group_uuid } : {}),
    timestamp: r.timestamp,
    ...(r.first_seen ? { firstSeen: r.first_seen } : {}),
    ...(r.last_seen ? { lastSeen: r.last_seen } : {}),
    deleted: r.deleted === 1,
    disableCorrelation: r.disable_correlation === 1,
    redacted: r.redacted === 1,
    ...(r.object_relation ? { objectRelation: r.object_relation } : {}),
    tags,
    sightings,
    ...optionalExtra(r.extra),
  };
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}
