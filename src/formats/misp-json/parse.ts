import { CairnError } from '../../errors.ts';
import type { Attribute, Event, EventReport, GalaxyClusterRef, MispObject, ObjectReference, Organisation, Sighting, Tag } from '../../model/index.ts';
import { allowedIn, isAttributeType, isCategory, uuidFromName, type Category } from '../../model/index.ts';
import { normalizeValue } from '../../model/values/index.ts';
import type { ParseContext, ParseResult } from '../format.ts';
import { isObject, isUuid, Reader, rest, type Json } from './_read.ts';

/**
 * MISP's keys that Cairn models, per shape: everything else is kept in `extra` and given
 * back on export. `SharingGroup` is read for its uuid but also kept whole.
 */
const EVENT_KEYS = new Set(['uuid', 'info', 'date', 'threat_level_id', 'analysis', 'distribution', 'published', 'timestamp', 'publish_timestamp', 'disable_correlation', 'extends_uuid', 'Orgc', 'Org', 'Tag', 'Galaxy', 'Attribute', 'Object', 'EventReport', 'ShadowAttribute']);
const ATTRIBUTE_KEYS = new Set(['uuid', 'category', 'type', 'value', 'to_ids', 'comment', 'distribution', 'timestamp', 'first_seen', 'last_seen', 'deleted', 'disable_correlation', 'object_relation', 'Tag', 'Sighting']);
const OBJECT_KEYS = new Set(['uuid', 'name', 'meta-category', 'description', 'template_uuid', 'template_version', 'comment', 'distribution', 'timestamp', 'first_seen', 'last_seen', 'deleted', 'Attribute', 'ObjectReference']);
const REFERENCE_KEYS = new Set(['uuid', 'referenced_uuid', 'relationship_type', 'comment', 'timestamp', 'deleted']);
const REPORT_KEYS = new Set(['uuid', 'name', 'content', 'distribution', 'timestamp', 'deleted']);
const TAG_KEYS = new Set(['name', 'colour', 'local']);
const SIGHTING_KEYS = new Set(['uuid', 'type', 'source', 'date_sighting', 'Organisation']);
const GALAXY_KEYS_DROPPED = new Set(['GalaxyCluster']);
const CLUSTER_KEYS = new Set(['uuid', 'tag_name', 'value']);

/**
 * Where Cairn's value rules are deliberately stricter than MISP's (see model/values/validators.ts),
 * a value MISP itself accepts is kept on interchange, with a warning, rather than rejecting a
 * whole MISP event: MISP's shape for host names (`x.yy`, any suffix), and any single line for
 * mime-type (MISP file objects carry libmagic descriptions there).
 */
const MISP_HOST = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*\.[a-z0-9-]{2,}$/i;
const MISP_ACCEPTS: Readonly<Record<string, RegExp>> = { hostname: MISP_HOST, domain: MISP_HOST, 'mime-type': /^[^\r\n]+$/ };

/** One event found in a document, with the JSON pointer of its body. */
interface Located {
  readonly body: Json;
  readonly at: string;
}

/**
 * Finds the events of a MISP JSON document in any envelope MISP produces: `{"Event": ...}`,
 * a bare event, `{"response": [...]}` (of wrapped or bare events), or an array of those.
 */
export function locateEvents(doc: unknown, at = ''): Located[] {
  if (Array.isArray(doc)) return doc.flatMap((d, i) => locateEvents(d, `${at}/${i}`));
  if (!isObject(doc)) return [];
  if ('response' in doc && (Array.isArray(doc['response']) || isObject(doc['response']))) return locateEvents(doc['response'], `${at}/response`);
  if (isObject(doc['Event'])) return [{ body: doc['Event'], at: `${at}/Event` }];
  if ('info' in doc || 'Attribute' in doc || 'uuid' in doc) return [{ body: doc, at }];
  return [];
}

/**
 * Parses MISP event JSON (REST API or feed form, any envelope) into events. Every field Cairn
 * does not model is kept in `extra`; problems carry a JSON pointer into the input.
 *
 * @example const { events, errors } = parseMispJson(text, { source: 'event.json', now });
 */
export function parseMispJson(text: string, ctx: ParseContext): ParseResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new CairnError('INVALID_INPUT', `${ctx.source} is not valid JSON: ${(e as Error).message}`, { cause: e, location: { source: ctx.source } });
  }
  return eventsFromDocument(doc, ctx);
}

/** As parseMispJson, for a document already parsed. */
export function eventsFromDocument(doc: unknown, ctx: ParseContext): ParseResult {
  const located = locateEvents(doc);
  if (!located.length) {
    throw new CairnError('INVALID_INPUT', `${ctx.source} holds no MISP event`, {
      location: { source: ctx.source },
      hint: 'expected {"Event": {...}}, a bare event, {"response": [...]} or a list of events',
    });
  }
  const r = new Reader(ctx.source);
  const events = located.map(({ body, at }) => readEvent(r, body, at, ctx.now));
  return { events, warnings: r.warnings, errors: r.errors };
}

function readEvent(r: Reader, o: Json, at: string, now: number): Event {
  const timestamp = r.int(o, 'timestamp', at, now);
  let uuid = r.str(o, 'uuid', at, '').toLowerCase();
  const info = r.str(o, 'info', at, '');
  if (!info) r.error(`${at}/info`, 'an event needs a title (info)');
  const date = r.str(o, 'date', at, new Date(timestamp * 1000).toISOString().slice(0, 10));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) r.error(`${at}/date`, `date must be YYYY-MM-DD, not ${JSON.stringify(date)}`);
  if (!uuid) uuid = uuidFromName('misp-json', `${info}\n${date}`);
  else if (!isUuid(uuid)) r.error(`${at}/uuid`, `uuid ${JSON.stringify(uuid)} is not a uuid`);
  const sg = sharingGroupUuid(o);
  const orgc = readOrg(r, o['Orgc'], `${at}/Orgc`);
  const org = readOrg(r, o['Org'], `${at}/Org`);
  const extra = rest(o, EVENT_KEYS);
  const ev: Event = {
    uuid,
    info,
    date,
    threatLevel: r.int(o, 'threat_level_id', at, 4, 1, 4),
    analysis: r.int(o, 'analysis', at, 0, 0, 2),
    // A feed-form event carries no distribution: it was published to everyone.
    distribution: r.int(o, 'distribution', at, 3, 0, 4),
    ...(sg ? { sharingGroupUuid: sg } : {}),
    published: r.bool(o, 'published', at, false),
    timestamp,
    publishTimestamp: r.int(o, 'publish_timestamp', at, 0),
    disableCorrelation: r.bool(o, 'disable_correlation', at, false),
    extendsUuid: r.str(o, 'extends_uuid', at, ''),
    ...(orgc ? { orgc } : {}),
    ...(org ? { org } : {}),
    tags: r.list(o, 'Tag', at).map((t, i) => readTag(r, t, `${at}/Tag/${i}`)),
    galaxies: readGalaxies(r, o, at),
    attributes: r.list(o, 'Attribute', at).map((a, i) => readAttribute(r, a, `${at}/Attribute/${i}`, uuid, timestamp)),
    objects: r.list(o, 'Object', at).map((x, i) => readObject(r, x, `${at}/Object/${i}`, uuid, timestamp)),
    reports: r.list(o, 'EventReport', at).map((x, i) => readReport(r, x, `${at}/EventReport/${i}`, timestamp)),
    proposals: r.list(o, 'ShadowAttribute', at),
    ...(extra ? { extra } : {}),
  };
  return ev;
}

function sharingGroupUuid(o: Json): string | undefined {
  const sg = o['SharingGroup'];
  return isObject(sg) && typeof sg['uuid'] === 'string' && isUuid(sg['uuid']) ? sg['uuid'].toLowerCase() : undefined;
}

function readOrg(r: Reader, v: unknown, at: string): Organisation | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) {
    r.error(at, 'an organisation must be an object with name and uuid');
    return undefined;
  }
  const uuid = r.str(v, 'uuid', at, '').toLowerCase();
  const name = r.str(v, 'name', at, '');
  if (!isUuid(uuid)) {
    r.error(`${at}/uuid`, `organisation uuid ${JSON.stringify(uuid)} is not a uuid`);
    return undefined;
  }
  const local = r.bool(v, 'local', at, false);
  return { uuid, name: name || uuid, ...(local ? { local } : {}) };
}

function readTag(r: Reader, o: Json, at: string): Tag {
  const name = r.str(o, 'name', at, '');
  if (!name) r.error(`${at}/name`, 'a tag needs a name');
  const colour = r.optStr(o, 'colour', at);
  const extra = rest(o, TAG_KEYS);
  const local = r.bool(o, 'local', at, false);
  return { name, ...(colour ? { colour } : {}), ...(local ? { local } : {}), ...(extra ? { extra } : {}) };
}

/**
 * Event galaxies: one ref per cluster; the galaxy (without its cluster list) and the cluster
 * kept for export. Old MISP versions send clusters with no uuid, or with their galaxy's uuid
 * repeated: those are stored under a uuid derived from the tag, and the one received is given back.
 */
function readGalaxies(r: Reader, o: Json, at: string): GalaxyClusterRef[] {
  const used = new Set<string>();
  return r.list(o, 'Galaxy', at).flatMap((g, gi) => {
    const galaxy = rest(g, GALAXY_KEYS_DROPPED) ?? {};
    return r.list(g, 'GalaxyCluster', `${at}/Galaxy/${gi}`).map((c, ci): GalaxyClusterRef => {
      const cat = `${at}/Galaxy/${gi}/GalaxyCluster/${ci}`;
      const tagName = r.str(c, 'tag_name', cat, '');
      if (!tagName) r.error(`${cat}/tag_name`, 'a galaxy cluster needs a tag_name');
      const received = r.str(c, 'uuid', cat, '');
      const cluster = rest(c, CLUSTER_KEYS) ?? {};
      let uuid = received.toLowerCase();
      if (!isUuid(uuid) || used.has(uuid) || uuid === String(galaxy['uuid'] ?? '').toLowerCase()) {
        cluster['uuid'] = received;
        uuid = uuidFromName('misp-galaxy-cluster', `${received}\n${tagName}`);
      }
      used.add(uuid);
      return { uuid, tagName, value: r.str(c, 'value', cat, ''), galaxyType: typeof galaxy['type'] === 'string' ? galaxy['type'] : '', extra: { galaxy, cluster } };
    });
  });
}

function readAttribute(r: Reader, o: Json, at: string, eventUuid: string, eventTimestamp: number, objectRelation?: true): Attribute {
  const type = r.str(o, 'type', at, '');
  const category = r.str(o, 'category', at, '');
  const raw = r.str(o, 'value', at, '');
  let value = raw;
  if (!isAttributeType(type)) r.error(`${at}/type`, `unknown attribute type ${JSON.stringify(type)}`);
  else {
    const check = normalizeValue(type, raw);
    if (check.ok) value = check.value;
    else if (MISP_ACCEPTS[type]?.test(raw.trim())) {
      value = raw.trim();
      r.warn(`${at}/value`, `kept ${type} value ${JSON.stringify(raw.slice(0, 80))} as MISP accepts it, though Cairn's rule does not: ${check.reason}`);
    } else r.error(`${at}/value`, `invalid ${type} value ${JSON.stringify(raw.slice(0, 80))}: ${check.reason}`);
    if (category && isCategory(category) && !allowedIn(type, category)) r.warn(`${at}/category`, `MISP does not list type ${type} under category ${category}`);
  }
  if (!isCategory(category)) r.error(`${at}/category`, `unknown category ${JSON.stringify(category)}`);
  let uuid = r.str(o, 'uuid', at, '').toLowerCase();
  if (!uuid) uuid = uuidFromName('misp-json-attribute', `${eventUuid}\n${at}\n${type}\n${raw}`);
  else if (!isUuid(uuid)) r.error(`${at}/uuid`, `uuid ${JSON.stringify(uuid)} is not a uuid`);
  const relation = r.optStr(o, 'object_relation', at);
  if (objectRelation && !relation) r.warn(`${at}/object_relation`, 'an object attribute without object_relation');
  const firstSeen = r.optStr(o, 'first_seen', at);
  const lastSeen = r.optStr(o, 'last_seen', at);
  const sg = sharingGroupUuid(o);
  const extra = rest(o, ATTRIBUTE_KEYS);
  return {
    uuid,
    category: category as Category,
    type,
    value,
    toIds: r.bool(o, 'to_ids', at, false),
    comment: r.str(o, 'comment', at, ''),
    distribution: r.int(o, 'distribution', at, 5, 0, 5),
    ...(sg ? { sharingGroupUuid: sg } : {}),
    timestamp: r.int(o, 'timestamp', at, eventTimestamp),
    ...(firstSeen ? { firstSeen } : {}),
    ...(lastSeen ? { lastSeen } : {}),
    deleted: r.bool(o, 'deleted', at, false),
    disableCorrelation: r.bool(o, 'disable_correlation', at, false),
    redacted: false,
    ...(relation ? { objectRelation: relation } : {}),
    tags: r.list(o, 'Tag', at).map((t, i) => readTag(r, t, `${at}/Tag/${i}`)),
    sightings: r.list(o, 'Sighting', at).map((s, i) => readSighting(r, s, `${at}/Sighting/${i}`, uuid)),
    ...(extra ? { extra } : {}),
  };
}

function readSighting(r: Reader, o: Json, at: string, attributeUuid: string): Sighting {
  const timestamp = r.int(o, 'date_sighting', at, 0);
  const type = r.int(o, 'type', at, 0, 0, 2) as 0 | 1 | 2;
  let uuid = r.str(o, 'uuid', at, '').toLowerCase();
  if (!uuid) uuid = uuidFromName('misp-json-sighting', `${attributeUuid}\n${at}\n${timestamp}`);
  const org = readOrg(r, o['Organisation'], `${at}/Organisation`);
  const extra = rest(o, SIGHTING_KEYS);
  return { uuid, type, source: r.str(o, 'source', at, ''), timestamp, ...(org ? { org } : {}), ...(extra ? { extra } : {}) };
}

function readObject(r: Reader, o: Json, at: string, eventUuid: string, eventTimestamp: number): MispObject {
  const name = r.str(o, 'name', at, '');
  if (!name) r.error(`${at}/name`, 'an object needs a name');
  let uuid = r.str(o, 'uuid', at, '').toLowerCase();
  if (!uuid) uuid = uuidFromName('misp-json-object', `${eventUuid}\n${at}\n${name}`);
  else if (!isUuid(uuid)) r.error(`${at}/uuid`, `uuid ${JSON.stringify(uuid)} is not a uuid`);
  const timestamp = r.int(o, 'timestamp', at, eventTimestamp);
  const firstSeen = r.optStr(o, 'first_seen', at);
  const lastSeen = r.optStr(o, 'last_seen', at);
  const sg = sharingGroupUuid(o);
  const extra = rest(o, OBJECT_KEYS);
  return {
    uuid,
    name,
    metaCategory: r.str(o, 'meta-category', at, ''),
    description: r.str(o, 'description', at, ''),
    templateUuid: r.str(o, 'template_uuid', at, ''),
    templateVersion: r.str(o, 'template_version', at, ''),
    comment: r.str(o, 'comment', at, ''),
    distribution: r.int(o, 'distribution', at, 5, 0, 5),
    ...(sg ? { sharingGroupUuid: sg } : {}),
    timestamp,
    ...(firstSeen ? { firstSeen } : {}),
    ...(lastSeen ? { lastSeen } : {}),
    deleted: r.bool(o, 'deleted', at, false),
    attributes: r.list(o, 'Attribute', at).map((a, i) => readAttribute(r, a, `${at}/Attribute/${i}`, eventUuid, timestamp, true)),
    references: r.list(o, 'ObjectReference', at).map((x, i) => readReference(r, x, `${at}/ObjectReference/${i}`, uuid, timestamp)),
    ...(extra ? { extra } : {}),
  };
}

function readReference(r: Reader, o: Json, at: string, objectUuid: string, objectTimestamp: number): ObjectReference {
  const referencedUuid = r.str(o, 'referenced_uuid', at, '').toLowerCase();
  if (!isUuid(referencedUuid)) r.error(`${at}/referenced_uuid`, `referenced_uuid ${JSON.stringify(referencedUuid)} is not a uuid`);
  const relationshipType = r.str(o, 'relationship_type', at, '');
  if (!relationshipType) r.error(`${at}/relationship_type`, 'a reference needs a relationship_type');
  let uuid = r.str(o, 'uuid', at, '').toLowerCase();
  if (!uuid) uuid = uuidFromName('misp-json-reference', `${objectUuid}\n${referencedUuid}\n${relationshipType}`);
  const extra = rest(o, REFERENCE_KEYS);
  return {
    uuid,
    referencedUuid,
    relationshipType,
    comment: r.str(o, 'comment', at, ''),
    timestamp: r.int(o, 'timestamp', at, objectTimestamp),
    deleted: r.bool(o, 'deleted', at, false),
    ...(extra ? { extra } : {}),
  };
}

function readReport(r: Reader, o: Json, at: string, eventTimestamp: number): EventReport {
  const uuid = r.str(o, 'uuid', at, '').toLowerCase();
  if (!isUuid(uuid)) r.error(`${at}/uuid`, `uuid ${JSON.stringify(uuid)} is not a uuid`);
  const sg = sharingGroupUuid(o);
  const extra = rest(o, REPORT_KEYS);
  return {
    uuid,
    name: r.str(o, 'name', at, ''),
    content: r.str(o, 'content', at, ''),
    distribution: r.int(o, 'distribution', at, 5, 0, 5),
    ...(sg ? { sharingGroupUuid: sg } : {}),
    timestamp: r.int(o, 'timestamp', at, eventTimestamp),
    deleted: r.bool(o, 'deleted', at, false),
    ...(extra ? { extra } : {}),
  };
}
