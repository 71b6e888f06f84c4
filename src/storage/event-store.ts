import type { Attribute, Event, MispObject, Organisation, Sighting } from '../model/index.ts';
import { splitValue } from '../model/index.ts';
import { chunks, extraJson, toInt, type Executor } from './executor.ts';
import { rawInsertReturning } from './raw-insert.ts';
import type { AttributeTable } from './schema.ts';
import { ensureTags } from './tags.ts';
import type { Insertable } from 'kysely';

export type SaveStatus = 'created' | 'updated' | 'unchanged';

export interface SaveResult {
  readonly status: SaveStatus;
  readonly id: number;
  readonly uuid: string;
  /** Attributes (top-level and in objects) written by this save. */
  readonly attributesWritten: number;
  /** Items skipped, e.g. an attribute whose uuid belongs to another event. */
  readonly skipped: readonly { readonly uuid: string; readonly reason: string }[];
}

// Rows per multi-row INSERT: 21 columns x 400 rows stays under SQLite's 32,766 bind parameters.
const ROWS_PER_INSERT = 400;

/** The id of an organisation by uuid, creating it (or renaming it) as needed. */
export async function ensureOrg(db: Executor, org: Organisation | undefined, now: number): Promise<number | null> {
  if (!org) return null;
  const found = await db.selectFrom('orgs').select(['id', 'name']).where('uuid', '=', org.uuid).executeTakeFirst();
  if (found) return found.id;
  const row = await db
    .insertInto('orgs')
    .values({ uuid: org.uuid, name: org.name, local: toInt(org.local), created: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Stores an event by uuid: creates it, or updates it when the incoming timestamp is newer,
 * or leaves it unchanged. Attributes, objects and references are matched by uuid: newer ones
 * are updated, new ones added, and ones missing from the input kept (as MISP does on sync).
 * Call it inside a transaction: it writes several tables.
 */
export interface SaveOptions {
  /** Unix seconds for rows created now (organisations). */
  readonly now?: number;
  /**
   * The input is the whole truth about the event (a threat report): stored attributes missing
   * from it are soft-deleted, as MISP marks removed attributes deleted.
   */
  readonly replace?: boolean;
}

export async function saveEvent(db: Executor, event: Event, options: SaveOptions = {}): Promise<SaveResult> {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const existing = await db.selectFrom('events').select(['id', 'timestamp']).where('uuid', '=', event.uuid).executeTakeFirst();
  if (existing && existing.timestamp >= event.timestamp) {
    return { status: 'unchanged', id: existing.id, uuid: event.uuid, attributesWritten: 0, skipped: [] };
  }
  const orgcId = await ensureOrg(db, event.orgc, now);
  const orgId = event.org ? await ensureOrg(db, event.org, now) : orgcId;
  const row = {
    uuid: event.uuid,
    info: event.info,
    date: event.date,
    threat_level: event.threatLevel,
    analysis: event.analysis,
    distribution: event.distribution,
    sharing_group_uuid: event.sharingGroupUuid ?? null,
    published: toInt(event.published),
    timestamp: event.timestamp,
    publish_timestamp: event.publishTimestamp,
    disable_correlation: toInt(event.disableCorrelation),
    extends_uuid: event.extendsUuid,
    org_id: orgId,
    orgc_id: orgcId,
    extra: extraJson(withGalaxies(event)),
  };
  let eventId: number;
  if (existing) {
    eventId = existing.id;
    await db.updateTable('events').set(row).where('id', '=', eventId).execute();
    await db.deleteFrom('event_tags').where('event_id', '=', eventId).execute();
    await db.deleteFrom('proposals').where('event_id', '=', eventId).execute();
  } else {
    eventId = (await db.insertInto('events').values({ ...row, attribute_count: 0 }).returning('id').executeTakeFirstOrThrow()).id;
  }

  const tagIds = await ensureTags(db, [
    ...event.tags,
    ...event.attributes.flatMap((a) => a.tags),
    ...event.objects.flatMap((o) => o.attributes.flatMap((a) => a.tags)),
  ]);
  if (event.tags.length) {
    const seen = new Set<number>();
    const rows = event.tags.flatMap((t) => {
      const tagId = tagIds.get(t.name)!;
      if (seen.has(tagId)) return [];
      seen.add(tagId);
      return [{ event_id: eventId, tag_id: tagId, local: toInt(t.local) }];
    });
    await db.insertInto('event_tags').values(rows).execute();
  }
  for (const g of event.galaxies) {
    await db
      .insertInto('galaxy_clusters')
      .values({ uuid: g.uuid, tag_name: g.tagName, value: g.value, galaxy_type: g.galaxyType, data: JSON.stringify(g.extra ?? {}) })
      .onConflict((oc) => oc.column('uuid').doNothing())
      .execute();
  }

  const skipped: { uuid: string; reason: string }[] = [];
  const objectIds = await saveObjects(db, eventId, event.objects, skipped);
  const attrs: { a: Attribute; objectId: number | null }[] = event.attributes.map((a) => ({ a, objectId: null }));
  event.objects.forEach((o) => {
    const oid = objectIds.get(o.uuid);
    if (oid !== undefined) for (const a of o.attributes) attrs.push({ a, objectId: oid });
  });
  const written = await saveAttributes(db, eventId, attrs, tagIds, skipped, existing !== undefined);
  if (existing && options.replace) await softDeleteMissing(db, eventId, new Set(attrs.map(({ a }) => a.uuid)), event.timestamp);
  await saveReferences(db, eventId, event.objects, objectIds);
  await saveReports(db, eventId, event);
  if (event.proposals.length) {
    await db
      .insertInto('proposals')
      .values(event.proposals.map((p) => ({ uuid: String(p['uuid'] ?? ''), event_id: eventId, data: JSON.stringify(p) })))
      .execute();
  }
  const count = await db
    .selectFrom('attributes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .where('deleted', '=', 0)
    .executeTakeFirstOrThrow();
  await db.updateTable('events').set({ attribute_count: Number(count.n) }).where('id', '=', eventId).execute();
  return { status: existing ? 'updated' : 'created', id: eventId, uuid: event.uuid, attributesWritten: written, skipped };
}

async function softDeleteMissing(db: Executor, eventId: number, keep: ReadonlySet<string>, timestamp: number): Promise<void> {
  const stored = await db.selectFrom('attributes').select(['id', 'uuid']).where('event_id', '=', eventId).where('deleted', '=', 0).execute();
  const gone = stored.filter((r) => !keep.has(r.uuid)).map((r) => r.id);
  for (const part of chunks(gone, 500)) {
    await db.updateTable('attributes').set({ deleted: 1, timestamp }).where('id', 'in', part).execute();
  }
}

/** Galaxy cluster refs are stored in their own table; the event keeps which it carries in `extra`. */
function withGalaxies(event: Event): Record<string, unknown> | undefined {
  if (!event.galaxies.length) return event.extra;
  return { ...event.extra, '@galaxies': event.galaxies.map((g) => g.uuid) };
}

async function saveObjects(db: Executor, eventId: number, objects: readonly MispObject[], skipped: { uuid: string; reason: string }[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (!objects.length) return ids;
  const known = new Map<string, { id: number; event_id: number; timestamp: number }>();
  for (const part of chunks(objects.map((o) => o.uuid), 500)) {
    for (const r of await db.selectFrom('objects').select(['id', 'uuid', 'event_id', 'timestamp']).where('uuid', 'in', part).execute()) known.set(r.uuid, r);
  }
  const toInsert = [];
  for (const o of objects) {
    const row = {
      uuid: o.uuid,
      event_id: eventId,
      name: o.name,
      meta_category: o.metaCategory,
      description: o.description,
      template_uuid: o.templateUuid,
      template_version: o.templateVersion,
      comment: o.comment,
      distribution: o.distribution,
      sharing_group_uuid: o.sharingGroupUuid ?? null,
      timestamp: o.timestamp,
      first_seen: o.firstSeen ?? null,
      last_seen: o.lastSeen ?? null,
      deleted: toInt(o.deleted),
      extra: extraJson(o.extra),
    };
    const k = known.get(o.uuid);
    if (k && k.event_id !== eventId) {
      skipped.push({ uuid: o.uuid, reason: `object ${o.uuid} already belongs to another event` });
      continue;
    }
    if (k) {
      ids.set(o.uuid, k.id);
      if (o.timestamp > k.timestamp) await db.updateTable('objects').set(row).where('id', '=', k.id).execute();
    } else toInsert.push(row);
  }
  for (const part of chunks(toInsert, 200)) {
    for (const r of await db.insertInto('objects').values(part).returning(['id', 'uuid']).execute()) ids.set(r.uuid, r.id);
  }
  return ids;
}

type AttributeRow = Required<Omit<Insertable<AttributeTable>, 'id'>>;

/** The columns an attribute row is inserted with, in the order `attributeRow` fills them. */
const ATTRIBUTE_COLUMNS = [
  'uuid', 'event_id', 'object_id', 'object_relation', 'category', 'type', 'value', 'value1', 'value2', 'to_ids', 'comment', 'distribution',
  'sharing_group_uuid', 'timestamp', 'first_seen', 'last_seen', 'deleted', 'disable_correlation', 'redacted', 'extra',
] as const satisfies readonly (keyof AttributeRow)[];
// A column added to the table but not to the list above fails to compile here.
const ALL_COLUMNS_LISTED: Exclude<keyof AttributeRow, (typeof ATTRIBUTE_COLUMNS)[number]> extends never ? true : never = true;
void ALL_COLUMNS_LISTED;

function attributeRow(eventId: number, objectId: number | null, a: Attribute): AttributeRow {
  const [value1, value2] = splitValue(a.type, a.value);
  return {
    uuid: a.uuid,
    event_id: eventId,
    object_id: objectId,
    object_relation: a.objectRelation ?? null,
    category: a.category,
    type: a.type,
    value: a.value,
    value1,
    value2,
    to_ids: toInt(a.toIds),
    comment: a.comment,
    distribution: a.distribution,
    sharing_group_uuid: a.sharingGroupUuid ?? null,
    timestamp: a.timestamp,
    first_seen: a.firstSeen ?? null,
    last_seen: a.lastSeen ?? null,
    deleted: toInt(a.deleted),
    disable_correlation: toInt(a.disableCorrelation),
    redacted: toInt(a.redacted),
    extra: extraJson(a.extra),
  };
}

async function saveAttributes(
  db: Executor,
  eventId: number,
  attrs: readonly { a: Attribute; objectId: number | null }[],
  tagIds: Map<string, number>,
  skipped: { uuid: string; reason: string }[],
  isUpdate: boolean,
): Promise<number> {
  if (!attrs.length) return 0;
  const known = new Map<string, { id: number; event_id: number; timestamp: number }>();
  if (isUpdate) {
    for (const r of await db.selectFrom('attributes').select(['id', 'uuid', 'event_id', 'timestamp']).where('event_id', '=', eventId).execute()) known.set(r.uuid, r);
  }

  const ids = new Map<string, number>();
  const toInsert: AttributeRow[] = [];
  const written: Attribute[] = [];
  const seen = new Set<string>();
  for (const { a, objectId } of attrs) {
    if (seen.has(a.uuid)) {
      skipped.push({ uuid: a.uuid, reason: `attribute ${a.uuid} appears twice in the event; the first is kept` });
      continue;
    }
    seen.add(a.uuid);
    const k = known.get(a.uuid);
    if (k && k.event_id !== eventId) {
      skipped.push({ uuid: a.uuid, reason: `attribute ${a.uuid} already belongs to another event` });
      continue;
    }
    if (k) {
      ids.set(a.uuid, k.id);
      if (a.timestamp > k.timestamp) {
        await db.updateTable('attributes').set(attributeRow(eventId, objectId, a)).where('id', '=', k.id).execute();
        await db.deleteFrom('attribute_tags').where('attribute_id', '=', k.id).execute();
        written.push(a);
      }
    } else {
      toInsert.push(attributeRow(eventId, objectId, a));
      written.push(a);
    }
  }
  // Uuids are global: one already stored under another event is not taken over. The unique
  // index finds those while inserting, which saves a lookup per attribute.
  if (toInsert.length) {
    const flat: unknown[] = [];
    for (const row of toInsert) for (const c of ATTRIBUTE_COLUMNS) flat.push(row[c]);
    const inserted = await rawInsertReturning<{ id: number; uuid: string }>(db, 'attributes', ATTRIBUTE_COLUMNS, flat, ROWS_PER_INSERT, ' on conflict (uuid) do nothing returning id, uuid');
    for (const r of inserted) ids.set(r.uuid, r.id);
    if (inserted.length < toInsert.length) {
      for (const row of toInsert) {
        if (!ids.has(row.uuid)) skipped.push({ uuid: row.uuid, reason: `attribute ${row.uuid} already belongs to another event` });
      }
    }
  }
  const stored = written.filter((a) => ids.has(a.uuid));
  written.length = 0;
  written.push(...stored);

  const tagRows = written.flatMap((a) => {
    const attributeId = ids.get(a.uuid)!;
    const dedup = new Set<number>();
    return a.tags.flatMap((t) => {
      const tagId = tagIds.get(t.name)!;
      if (dedup.has(tagId)) return [];
      dedup.add(tagId);
      return [{ attribute_id: attributeId, event_id: eventId, tag_id: tagId, local: toInt(t.local) }];
    });
  });
  for (const part of chunks(tagRows, 2000)) await db.insertInto('attribute_tags').values(part).execute();

  const sightingRows = attrs.flatMap(({ a }) => {
    const attributeId = ids.get(a.uuid);
    return attributeId === undefined ? [] : a.sightings.map((s) => sightingRow(attributeId, eventId, s));
  });
  for (const part of chunks(sightingRows, 500)) {
    await db.insertInto('sightings').values(part).onConflict((oc) => oc.column('uuid').doNothing()).execute();
  }
  return written.length;
}

export function sightingRow(attributeId: number, eventId: number, s: Sighting) {
  return {
    uuid: s.uuid,
    attribute_id: attributeId,
    event_id: eventId,
    org_uuid: s.org?.uuid ?? null,
    org_name: s.org?.name ?? null,
    type: s.type,
    source: s.source,
    timestamp: s.timestamp,
    extra: extraJson(s.extra),
  };
}

async function saveReferences(db: Executor, eventId: number, objects: readonly MispObject[], objectIds: Map<string, number>): Promise<void> {
  const refs = objects.flatMap((o) => {
    const objectId = objectIds.get(o.uuid);
    return objectId === undefined ? [] : o.references.map((r) => ({ r, objectId }));
  });
  if (!refs.length) return;
  const existing = new Set<string>();
  for (const part of chunks(refs.map(({ r }) => r.uuid), 500)) {
    for (const r of await db.selectFrom('object_references').select('uuid').where('uuid', 'in', part).execute()) existing.add(r.uuid);
  }
  for (const { r, objectId } of refs) {
    const row = {
      uuid: r.uuid,
      event_id: eventId,
      object_id: objectId,
      referenced_uuid: r.referencedUuid,
      relationship_type: r.relationshipType,
      comment: r.comment,
      timestamp: r.timestamp,
      deleted: toInt(r.deleted),
      extra: extraJson(r.extra),
    };
    if (existing.has(r.uuid)) await db.updateTable('object_references').set(row).where('uuid', '=', r.uuid).execute();
    else {
      existing.add(r.uuid);
      await db.insertInto('object_references').values(row).execute();
    }
  }
}

async function saveReports(db: Executor, eventId: number, event: Event): Promise<void> {
  for (const r of event.reports) {
    const row = {
      uuid: r.uuid,
      event_id: eventId,
      name: r.name,
      content: r.content,
      distribution: r.distribution,
      sharing_group_uuid: r.sharingGroupUuid ?? null,
      timestamp: r.timestamp,
      deleted: toInt(r.deleted),
      extra: extraJson(r.extra),
    };
    const found = await db.selectFrom('event_reports').select('id').where('uuid', '=', r.uuid).executeTakeFirst();
    if (found) await db.updateTable('event_reports').set(row).where('id', '=', found.id).execute();
    else await db.insertInto('event_reports').values(row).execute();
  }
}

/** Deletes an event and everything in it. Returns whether it existed. */
export async function deleteEvent(db: Executor, uuid: string): Promise<boolean> {
  const found = await db.selectFrom('events').select('id').where('uuid', '=', uuid).executeTakeFirst();
  if (!found) return false;
  // Children first, explicitly: PostgreSQL and SQLite then agree whatever the FK settings.
  await db.deleteFrom('sightings').where('event_id', '=', found.id).execute();
  await db.deleteFrom('attribute_tags').where('event_id', '=', found.id).execute();
  await db.deleteFrom('event_tags').where('event_id', '=', found.id).execute();
  await db.deleteFrom('object_references').where('event_id', '=', found.id).execute();
  await db.deleteFrom('attributes').where('event_id', '=', found.id).execute();
  await db.deleteFrom('objects').where('event_id', '=', found.id).execute();
  await db.deleteFrom('event_reports').where('event_id', '=', found.id).execute();
  await db.deleteFrom('proposals').where('event_id', '=', found.id).execute();
  await db.deleteFrom('events').where('id', '=', found.id).execute();
  return true;
}
