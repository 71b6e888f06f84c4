import { randomUUID } from 'node:crypto';
import { CairnError } from '../errors.ts';
import { AttributeSchema, EventSchema, type Attribute, type Event, type Sighting } from '../model/index.ts';
import { correlateEvent, uncorrelateEvent } from '../correlate/index.ts';
import { deleteEvent, loadEvent, searchAttributeRows, sightingRow, writeAudit, type Db, type Executor, type StoredEvent } from '../storage/index.ts';
import { NOT_ALLOWED, editableEventAcl, publishableEventAcl, visibleEventAcl } from './event-access.ts';
import { storeEvent } from './store-event.ts';
import type { Principal } from './tenancy.ts';

const now = (): number => Math.floor(Date.now() / 1000);
const actor = (p: Principal) => ({ userId: p.user.id, orgId: p.org.id });
const orgRef = (p: Principal) => ({ uuid: p.org.uuid, name: p.org.name, ...(p.org.local ? { local: true } : {}) });

/** Strips an event down to what the audit log keeps of it. */
const auditView = (e: Event | StoredEvent) => ({ uuid: e.uuid, info: e.info, distribution: e.distribution, published: e.published, timestamp: e.timestamp, attributes: e.attributes.length });

/**
 * Creates an event owned by the caller's organisation. The creator organisation is the
 * caller's unless a sync user or site admin passes another (as MISP does on sync).
 */
export async function addEvent(db: Db, p: Principal, event: Event): Promise<{ id: number; uuid: string }> {
  if (!p.viewer.perms.modify) throw new CairnError('FORBIDDEN', NOT_ALLOWED);
  const t = now();
  const ev: Event = {
    ...event,
    org: orgRef(p),
    orgc: event.orgc && (p.viewer.perms.sync || p.viewer.perms.siteAdmin) ? event.orgc : orgRef(p),
    timestamp: event.timestamp || t,
  };
  return db.kysely.transaction().execute(async (tx) => {
    if (await tx.selectFrom('events').select('id').where('uuid', '=', ev.uuid).executeTakeFirst()) {
      throw new CairnError('CONFLICT', 'Event already exists', { details: { uuid: ev.uuid } });
    }
    const r = await storeEvent(tx, ev, { now: t });
    await writeAudit(tx, { ...actor(p), action: 'add', model: 'Event', modelId: r.id, modelUuid: r.uuid, title: `event "${ev.info}" added`, after: auditView(ev) }, t);
    return { id: r.id, uuid: r.uuid };
  });
}

/**
 * Replaces an event's fields with `patch` (MISP's edit): attributes are matched by uuid, new
 * ones added; the event's timestamp moves forward so the change is stored.
 */
export async function editEvent(db: Db, p: Principal, key: string | number, patch: (old: StoredEvent) => Event): Promise<{ id: number; uuid: string }> {
  return db.kysely.transaction().execute(async (tx) => {
    const acl = await editableEventAcl(tx, p.viewer, key);
    const old = (await loadEvent(tx, acl.id))!;
    const t = now();
    const next = patch(old);
    const ts = Math.max(next.timestamp > old.timestamp ? next.timestamp : t, old.timestamp + 1);
    const ev: Event = { ...next, uuid: old.uuid, timestamp: ts };
    if (old.org) ev.org = old.org;
    if (old.orgc && !(p.viewer.perms.sync || p.viewer.perms.siteAdmin)) ev.orgc = old.orgc;
    await storeEvent(tx, ev, { now: t });
    await writeAudit(tx, { ...actor(p), action: 'edit', model: 'Event', modelId: acl.id, modelUuid: old.uuid, title: `event "${ev.info}" edited`, before: auditView(old), after: auditView(ev) }, t);
    return { id: acl.id, uuid: old.uuid };
  });
}

export async function removeEventAs(db: Db, p: Principal, key: string | number): Promise<{ id: number; uuid: string }> {
  return db.kysely.transaction().execute(async (tx) => {
    const acl = await editableEventAcl(tx, p.viewer, key);
    const old = (await loadEvent(tx, acl.id))!;
    await uncorrelateEvent(tx, acl.id);
    await deleteEvent(tx, acl.uuid);
    await writeAudit(tx, { ...actor(p), action: 'delete', model: 'Event', modelId: acl.id, modelUuid: acl.uuid, title: `event "${old.info}" deleted`, before: auditView(old) }, now());
    return { id: acl.id, uuid: acl.uuid };
  });
}

export async function publishEvent(db: Db, p: Principal, key: string | number, published = true): Promise<{ id: number; uuid: string }> {
  return db.kysely.transaction().execute(async (tx) => {
    const acl = await publishableEventAcl(tx, p.viewer, key);
    const t = now();
    await tx.updateTable('events').set({ published: published ? 1 : 0, ...(published ? { publish_timestamp: t } : {}) }).where('id', '=', acl.id).execute();
    await writeAudit(tx, { ...actor(p), action: published ? 'publish' : 'unpublish', model: 'Event', modelId: acl.id, modelUuid: acl.uuid, title: `event ${acl.id} ${published ? 'published' : 'unpublished'}`, before: { published: acl.published }, after: { published, publishTimestamp: t } }, t);
    return { id: acl.id, uuid: acl.uuid };
  });
}

/** Adds attributes to an event the caller may change; the event becomes unpublished, as in MISP. */
export async function addAttributes(db: Db, p: Principal, eventKey: string | number, attrs: readonly Attribute[]): Promise<{ eventId: number; ids: number[] }> {
  return db.kysely.transaction().execute(async (tx) => {
    const acl = await editableEventAcl(tx, p.viewer, eventKey);
    const old = (await loadEvent(tx, acl.id))!;
    const t = now();
    const taken = await tx.selectFrom('attributes').select('uuid').where('uuid', 'in', attrs.map((a) => a.uuid.toLowerCase())).execute();
    if (taken.length) throw new CairnError('CONFLICT', 'An attribute with this uuid already exists', { details: { uuid: taken.map((r) => r.uuid) } });
    const added = attrs.map((a) => ({ ...a, uuid: a.uuid.toLowerCase(), timestamp: a.timestamp || t }));
    await storeEvent(tx, { ...old, published: false, timestamp: Math.max(t, old.timestamp + 1), attributes: [...old.attributes, ...added] }, { now: t });
    const rows = await tx.selectFrom('attributes').select(['id', 'uuid']).where('uuid', 'in', added.map((a) => a.uuid)).execute();
    const ids = added.map((a) => rows.find((r) => r.uuid === a.uuid)!.id);
    for (const a of added) {
      await writeAudit(tx, { ...actor(p), action: 'add', model: 'Attribute', modelId: rows.find((r) => r.uuid === a.uuid)!.id, modelUuid: a.uuid, title: `attribute ${a.type} ${a.value} added to event ${acl.id}`, after: a }, t);
    }
    return { eventId: acl.id, ids };
  });
}

/** The event id and attribute of an attribute key (id or uuid), if the viewer may see it. */
async function findAttribute(tx: Executor, p: Principal, key: string | number): Promise<{ eventId: number; attribute: Attribute; objectUuid: string | null; id: number }> {
  const q = tx.selectFrom('attributes').select(['id', 'uuid', 'event_id', 'object_id']);
  const row = await (typeof key === 'number' ? q.where('id', '=', key) : q.where('uuid', '=', key.toLowerCase())).executeTakeFirst();
  if (!row) throw new CairnError('NOT_FOUND', 'Invalid attribute');
  const rows = await searchAttributeRows(tx, p.viewer, { uuid: { or: [row.uuid], and: [], not: [] }, deleted: 'both' });
  if (!rows.some((r) => r.id === row.id)) throw new CairnError('NOT_FOUND', 'Invalid attribute');
  const ev = (await loadEvent(tx, row.event_id))!;
  const all = [...ev.attributes.map((a) => ({ a, o: null as string | null })), ...ev.objects.flatMap((o) => o.attributes.map((a) => ({ a, o: o.uuid as string | null })))];
  const hit = all.find((x) => x.a.uuid === row.uuid)!;
  return { eventId: row.event_id, attribute: hit.a, objectUuid: hit.o, id: row.id };
}

/** Applies `patch` to one attribute of an event the caller may change. */
export async function editAttribute(db: Db, p: Principal, key: string | number, patch: (old: Attribute) => Attribute): Promise<{ id: number; eventId: number }> {
  return db.kysely.transaction().execute(async (tx) => {
    const found = await findAttribute(tx, p, key);
    await editableEventAcl(tx, p.viewer, found.eventId);
    const t = now();
    const next = AttributeSchema.parse({ ...patch(found.attribute), uuid: found.attribute.uuid });
    next.timestamp = Math.max(next.timestamp > found.attribute.timestamp ? next.timestamp : t, found.attribute.timestamp + 1);
    const ev = (await loadEvent(tx, found.eventId))!;
    const swap = (a: Attribute) => (a.uuid === next.uuid ? next : a);
    await storeEvent(tx, { ...ev, published: false, timestamp: Math.max(t, ev.timestamp + 1), attributes: ev.attributes.map(swap), objects: ev.objects.map((o) => ({ ...o, attributes: o.attributes.map(swap) })) }, { now: t });
    await writeAudit(tx, { ...actor(p), action: 'edit', model: 'Attribute', modelId: found.id, modelUuid: next.uuid, title: `attribute ${found.id} edited`, before: found.attribute, after: next }, t);
    return { id: found.id, eventId: found.eventId };
  });
}

/** Soft-deletes an attribute (MISP's default), or removes it with `hard`. */
export async function deleteAttribute(db: Db, p: Principal, key: string | number, hard = false): Promise<{ id: number }> {
  if (!hard) {
    const r = await editAttribute(db, p, key, (a) => ({ ...a, deleted: true }));
    return { id: r.id };
  }
  return db.kysely.transaction().execute(async (tx) => {
    const found = await findAttribute(tx, p, key);
    await editableEventAcl(tx, p.viewer, found.eventId);
    await uncorrelateEvent(tx, found.eventId);
    await tx.deleteFrom('sightings').where('attribute_id', '=', found.id).execute();
    await tx.deleteFrom('attribute_tags').where('attribute_id', '=', found.id).execute();
    await tx.deleteFrom('attributes').where('id', '=', found.id).execute();
    await correlateEvent(tx, found.eventId);
    await writeAudit(tx, { ...actor(p), action: 'delete', model: 'Attribute', modelId: found.id, modelUuid: found.attribute.uuid, title: `attribute ${found.id} deleted`, before: found.attribute }, now());
    return { id: found.id };
  });
}

export interface SightingInput {
  /** Attributes by id or uuid, or else by value. */
  readonly attribute?: string | number;
  readonly values?: readonly string[];
  readonly type?: 0 | 1 | 2;
  readonly source?: string;
  readonly timestamp?: number;
}

/**
 * Records a sighting on one attribute, or on every attribute with one of the values that the
 * caller may see (MISP's /sightings/add). Returns the sightings stored.
 */
export async function addSightings(db: Db, p: Principal, s: SightingInput): Promise<{ id: number; attributeId: number; eventId: number; sighting: Sighting }[]> {
  if (!p.viewer.perms.sighting) throw new CairnError('FORBIDDEN', NOT_ALLOWED);
  return db.kysely.transaction().execute(async (tx) => {
    const targets: { id: number; eventId: number }[] = [];
    if (s.attribute !== undefined) {
      const f = await findAttribute(tx, p, s.attribute);
      targets.push({ id: f.id, eventId: f.eventId });
    } else if (s.values?.length) {
      for (const r of await searchAttributeRows(tx, p.viewer, { value: { or: s.values, and: [], not: [] } })) targets.push({ id: r.id, eventId: r.event_id });
    }
    if (!targets.length) throw new CairnError('NOT_FOUND', 'Could not add the Sighting. Reason: No valid attributes found that match the criteria.');
    const t = now();
    const out = [];
    for (const target of targets) {
      await visibleEventAcl(tx, p.viewer, target.eventId);
      const sighting: Sighting = { uuid: randomUUID(), type: s.type ?? 0, source: s.source ?? '', timestamp: s.timestamp ?? t, org: { uuid: p.org.uuid, name: p.org.name } };
      const { id } = await tx.insertInto('sightings').values(sightingRow(target.id, target.eventId, sighting)).returning('id').executeTakeFirstOrThrow();
      await writeAudit(tx, { ...actor(p), action: 'add', model: 'Sighting', modelId: id, modelUuid: sighting.uuid, title: `sighting on attribute ${target.id}`, after: sighting }, t);
      out.push({ id, attributeId: target.id, eventId: target.eventId, sighting });
    }
    return out;
  });
}

/** A fresh event shell with MISP's defaults, for inputs that give only some fields. */
export const eventDefaults = (p: Principal, t = now()): Event =>
  EventSchema.parse({ uuid: randomUUID(), info: 'untitled', date: new Date(t * 1000).toISOString().slice(0, 10), threatLevel: 4, analysis: 0, distribution: 1, published: false, timestamp: t, org: orgRef(p), orgc: orgRef(p) });
