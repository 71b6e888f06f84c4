import type { Context } from 'hono';
import { viewEvent } from '../../../core/event-access.ts';
import { CairnError } from '../../../errors.ts';
import { FORMATS } from '../../../formats/index.ts';
import type { Event } from '../../../model/index.ts';
import { chunks, readRows, searchAttributeRows, searchEventIds, type AttributeSearchRow, type AttributeTagRef, type SearchFilter } from '../../../storage/index.ts';
import type { RouteContext } from '../../context.ts';
import type { AppEnv } from '../../env.ts';
import { idsFor } from './_shared.ts';
import { relatedRefs, renderEvent } from './events.ts';
import { parseSearch, type SearchOptions } from './search-params.ts';

/** The formats restSearch answers in: MISP's json, csv and text, and every Cairn format that renders events. */
export const REST_FORMATS = ['json', 'csv', 'text', ...FORMATS.filter((f) => f.serialize).map((f) => f.id)];

const CSV_HEADER = 'uuid,event_id,category,type,value,comment,to_ids,date,object_relation,attribute_tag,object_uuid,object_name,object_meta_category';
/**
 * One CSV cell. Values are attacker-controlled: a cell that a spreadsheet would read as a
 * formula (leading =, +, -, @, tab or CR) is prefixed with ' (OWASP's CSV-injection guard).
 */
export const csvCell = (s: string): string => {
  const v = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(v) || v !== s ? `"${v.replace(/"/g, '""')}"` : v;
};
const ymd = (t: number): string => new Date(t * 1000).toISOString().slice(0, 10).replace(/-/g, '');

function checkFormat(o: SearchOptions): void {
  if (!REST_FORMATS.includes(o.returnFormat)) {
    throw new CairnError('INVALID_INPUT', `Invalid return format "${o.returnFormat}"`, { hint: `use one of ${REST_FORMATS.join(', ')}` });
  }
}

/** A tag row of `tagsOf`: the tag and the attribute or event it is on. */
interface TagRow extends AttributeTagRef {
  readonly owner: number;
}
type TagsByOwner = Map<number, readonly AttributeTagRef[]>;

/** MISP's attribute JSON from a search row (the fast path: no whole-event load). */
function attributeJson(r: AttributeSearchRow, sg: ReadonlyMap<string, number>, tags: readonly AttributeTagRef[] | undefined, eventTags: readonly AttributeTagRef[] | undefined, objectUuid?: string) {
  const tagJson = (t: AttributeTagRef, inherited?: boolean) => ({ id: String(t.id), name: t.name, colour: t.colour, numerical_value: null, is_galaxy: t.name.startsWith('misp-galaxy:'), local: t.local === 1, ...(inherited ? { inherited: 1 } : {}) });
  const allTags = [...(tags ?? []).map((t) => tagJson(t)), ...(eventTags ?? []).map((t) => tagJson(t, true))];
  return {
    id: String(r.id),
    event_id: String(r.event_id),
    object_id: String(r.object_id ?? 0),
    object_relation: r.object_relation,
    category: r.category,
    type: r.type,
    to_ids: r.to_ids === 1,
    uuid: r.uuid,
    timestamp: String(r.timestamp),
    distribution: String(r.distribution),
    sharing_group_id: String(r.sharing_group_uuid ? (sg.get(r.sharing_group_uuid) ?? 0) : 0),
    comment: r.comment,
    deleted: r.deleted === 1,
    disable_correlation: r.disable_correlation === 1,
    first_seen: r.first_seen,
    last_seen: r.last_seen,
    value: r.value,
    Event: { org_id: String(r.event_org_id ?? 0), distribution: String(r.event_distribution), id: String(r.event_id), info: r.event_info, orgc_id: String(r.event_orgc_id ?? 0), uuid: r.event_uuid },
    ...(objectUuid ? { Object: { id: String(r.object_id), uuid: objectUuid } } : {}),
    ...(allTags.length ? { Tag: allTags } : {}),
  };
}

/**
 * Tags of attributes or events, by owner id. Plain SQL text rather than the query builder:
 * this runs on every restSearch, and building and compiling the Kysely query cost more than
 * running it (bench/api's profile).
 */
async function tagsOf(ctx: RouteContext, table: 'attribute_tags' | 'event_tags', ids: readonly number[]): Promise<TagsByOwner> {
  const out = new Map<number, TagRow[]>();
  const owner = table === 'attribute_tags' ? 'attribute_id' : 'event_id';
  const pg = ctx.db.dialect === 'postgres';
  for (const part of chunks([...new Set(ids)], 500)) {
    const marks = part.map((_, i) => (pg ? `$${i + 1}` : '?')).join(', ');
    const text = `select x.${owner} as owner, tags.id, tags.name, tags.colour, x.local from ${table} x inner join tags on tags.id = x.tag_id where x.${owner} in (${marks})`;
    for (const r of await readRows<TagRow>(ctx.db, text, part)) {
      const list = out.get(r.owner);
      if (list) list.push(r);
      else out.set(r.owner, [r]);
    }
  }
  return out;
}

/** The attribute tags the hot path read with the rows, by attribute id. */
function tagsOfRows(rows: readonly AttributeSearchRow[]): TagsByOwner {
  const out: TagsByOwner = new Map();
  for (const r of rows) if (r.tags?.length) out.set(r.id, r.tags);
  return out;
}

async function dropWarninglisted(ctx: RouteContext, rows: AttributeSearchRow[], o: SearchOptions): Promise<AttributeSearchRow[]> {
  if (!o.enforceWarninglist || !rows.length) return rows;
  const lists = await ctx.warninglists();
  return rows.filter((r) => !lists.hits(r.type, r.value));
}

/** POST/GET /attributes/restSearch */
export async function attributeRestSearch(ctx: RouteContext, c: Context<AppEnv>, body: Record<string, unknown>): Promise<Response> {
  const { filter, options } = parseSearch(body, ctx.limits.maxPageSize);
  checkFormat(options);
  const viewer = c.get('principal').viewer;
  const rows = await dropWarninglisted(ctx, await searchAttributeRows(ctx.db, viewer, filter), options);
  if (options.returnFormat === 'text') {
    // One value per line feeds blocklists: a multi-line value would inject lines of its own.
    const lines = rows.map((r) => r.value).filter((v) => !/[\r\n]/.test(v));
    return c.text(lines.join('\n') + (lines.length ? '\n' : ''));
  }
  if (options.returnFormat !== 'json' && options.returnFormat !== 'csv') return formatted(ctx, c, [...new Set(rows.map((r) => r.event_id))], filter, options);
  const [tags, evTags, objs] = rows.length
    ? await Promise.all([
        rows[0]!.tags ? tagsOfRows(rows) : tagsOf(ctx, 'attribute_tags', rows.map((r) => r.id)),
        options.includeEventTags || options.returnFormat === 'csv' ? tagsOf(ctx, 'event_tags', rows.map((r) => r.event_id)) : (new Map() as TagsByOwner),
        objectsOf(ctx, rows),
      ])
    : [new Map() as TagsByOwner, new Map() as TagsByOwner, new Map<number, { uuid: string; name: string; meta_category: string }>()];
  if (options.returnFormat === 'csv') {
    const lines = rows.map((r) => {
      const o = r.object_id ? objs.get(r.object_id) : undefined;
      const tagNames = [...(tags.get(r.id) ?? []), ...(options.includeEventTags ? (evTags.get(r.event_id) ?? []) : [])].map((t) => t.name).join(',');
      return [r.uuid, String(r.event_id), r.category, r.type, r.value, r.comment, String(r.to_ids), ymd(r.timestamp), r.object_relation ?? '', tagNames, o?.uuid ?? '', o?.name ?? '', o?.meta_category ?? ''].map(csvCell).join(',');
    });
    return c.body([CSV_HEADER, ...lines].join('\n') + '\n', 200, { 'content-type': 'text/csv; charset=utf-8' });
  }
  const sg = await sharingGroupIds(ctx, rows);
  return c.json({
    response: { Attribute: rows.map((r) => attributeJson(r, sg, tags.get(r.id), options.includeEventTags ? evTags.get(r.event_id) : undefined, r.object_id ? objs.get(r.object_id)?.uuid : undefined)) },
  });
}

async function sharingGroupIds(ctx: RouteContext, rows: readonly AttributeSearchRow[]): Promise<Map<string, number>> {
  if (!rows.some((r) => r.sharing_group_uuid)) return new Map();
  return new Map((await ctx.db.kysely.selectFrom('sharing_groups').select(['id', 'uuid']).execute()).map((s) => [s.uuid, s.id]));
}

async function objectsOf(ctx: RouteContext, rows: readonly AttributeSearchRow[]): Promise<Map<number, { uuid: string; name: string; meta_category: string }>> {
  const ids = [...new Set(rows.map((r) => r.object_id).filter((x): x is number => x !== null))];
  if (!ids.length) return new Map();
  return new Map((await ctx.db.kysely.selectFrom('objects').select(['id', 'uuid', 'name', 'meta_category']).where('id', 'in', ids).execute()).map((o) => [o.id, o]));
}

/** Keeps the attributes of an event that match the attribute-level filters (as MISP's restSearch does). */
function narrow(ev: Event, f: SearchFilter, rowsByUuid?: ReadonlySet<string>): Event {
  const hasAttrFilter = Boolean(f.value || f.type || f.category || f.toIds !== undefined);
  const keep = (a: Event['attributes'][number]) => (f.deleted === 'only' ? a.deleted : f.deleted === 'both' ? true : !a.deleted) && (!hasAttrFilter || !rowsByUuid || rowsByUuid.has(a.uuid));
  return { ...ev, attributes: ev.attributes.filter(keep), objects: ev.objects.map((o) => ({ ...o, attributes: o.attributes.filter(keep) })).filter((o) => !hasAttrFilter || o.attributes.length > 0) };
}

async function loadVisible(ctx: RouteContext, c: Context<AppEnv>, ids: readonly number[], f: SearchFilter, options: SearchOptions): Promise<Event[]> {
  const viewer = c.get('principal').viewer;
  const match = f.value || f.type || f.category || f.toIds !== undefined
    ? new Set((await dropWarninglisted(ctx, await searchAttributeRows(ctx.db.kysely, viewer, { ...f, eventid: { or: ids.map(String), and: [], not: [] }, limit: undefined, page: undefined }), options)).map((r) => r.uuid))
    : undefined;
  const out: Event[] = [];
  for (const id of ids) out.push(narrow((await viewEvent(ctx.db.kysely, viewer, id)).event, f, match));
  return out;
}

async function formatted(ctx: RouteContext, c: Context<AppEnv>, ids: readonly number[], f: SearchFilter, o: SearchOptions): Promise<Response> {
  const format = FORMATS.find((x) => x.id === o.returnFormat && x.serialize)!;
  const events = await loadVisible(ctx, c, ids, f, o);
  return c.body(format.serialize!(events, { indicatorsOnly: o.enforceWarninglist }), 200, { 'content-type': `${format.mediaTypes[0] ?? 'text/plain'}; charset=utf-8` });
}

/** POST/GET /events/restSearch */
export async function eventRestSearch(ctx: RouteContext, c: Context<AppEnv>, body: Record<string, unknown>): Promise<Response> {
  const { filter, options } = parseSearch(body, ctx.limits.maxPageSize);
  checkFormat(options);
  const viewer = c.get('principal').viewer;
  const ids = await searchEventIds(ctx.db.kysely, viewer, filter);
  if (options.returnFormat === 'csv' || options.returnFormat === 'text') {
    // MISP renders events/restSearch csv and text as their attributes.
    return attributeRestSearch(ctx, c, { ...body, eventid: ids.length ? ids : ['-1'], limit: undefined, page: undefined, returnFormat: options.returnFormat });
  }
  if (options.returnFormat !== 'json') return formatted(ctx, c, ids, filter, options);
  const events = await loadVisible(ctx, c, ids, filter, options);
  const response = [];
  for (const ev of events) {
    const id = ids[events.indexOf(ev)]!;
    if (options.metadata) {
      const whole = (await renderEvent(ctx, c, id, { related: false }))['Event'] as Record<string, unknown>;
      const { Attribute: _a, Object: _o, ShadowAttribute: _s, EventReport: _r, ...meta } = whole;
      response.push({ Event: meta });
    } else {
      const rendered = ctx.codec.eventToMisp(ev, await idsFor(ctx.db.kysely, id, ev, options.includeCorrelations ? await related(ctx, c, id, ev) : undefined));
      response.push(rendered);
    }
  }
  return c.json({ response });
}

async function related(ctx: RouteContext, c: Context<AppEnv>, id: number, ev: Event) {
  const { event } = await viewEvent(ctx.db.kysely, c.get('principal').viewer, id);
  void ev;
  return relatedRefs(ctx.db.kysely, c.get('principal').viewer, id, event);
}
