import type { Context } from 'hono';
import { CairnError } from '../../../errors.ts';
import type { Event } from '../../../model/index.ts';
import type { Executor } from '../../../storage/index.ts';
import type { MispIds, RelatedEventRef } from './misp-codec.ts';

type J = Record<string, unknown>;

/** The JSON body, `{}` when empty; INVALID_INPUT when it is not JSON. */
export async function readJson(c: Context): Promise<J> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null ? (v as J) : { value: v };
  } catch (e) {
    throw new CairnError('INVALID_INPUT', 'The request body is not valid JSON', { cause: e });
  }
}

/** CakePHP named parameters (`/events/view/1/deleted:1`) and the query string, as one record. */
export function named(c: Context): J {
  const url = new URL(c.req.url);
  const out: J = Object.fromEntries(url.searchParams);
  for (const seg of url.pathname.split('/')) {
    const i = seg.indexOf(':');
    if (i > 0) out[decodeURIComponent(seg.slice(0, i))] = decodeURIComponent(seg.slice(i + 1));
  }
  return out;
}

/** MISP's RestResponse::saveSuccessResponse. */
export const saveSuccess = (c: Context, url: string, message: string, id?: number | string) =>
  c.json({ saved: true, success: true, name: message, message, url, ...(id !== undefined ? { id: String(id) } : {}) });

/** MISP's RestResponse::saveFailResponse: 403 with the validation errors. */
export const saveFail = (c: Context, url: string, message: string, errors: unknown, id?: number | string) =>
  c.json({ saved: false, name: message, message, url, errors, ...(id !== undefined ? { id: String(id) } : {}) }, 403);

/** The numeric ids MISP's JSON of an event carries. */
export async function idsFor(db: Executor, eventId: number, ev: Event, related?: readonly RelatedEventRef[]): Promise<MispIds> {
  const orgUuids = [ev.org?.uuid, ev.orgc?.uuid, ...(related ?? []).flatMap(() => [])].filter((x): x is string => Boolean(x));
  const [orgs, attrs, objs, tags, sgs, count] = await Promise.all([
    orgUuids.length ? db.selectFrom('orgs').select(['id', 'uuid', 'name', 'local']).where('uuid', 'in', orgUuids).execute() : [],
    db.selectFrom('attributes').select(['id', 'uuid']).where('event_id', '=', eventId).execute(),
    db.selectFrom('objects').select(['id', 'uuid']).where('event_id', '=', eventId).execute(),
    db.selectFrom('tags').select(['id', 'name']).where('id', 'in', (eb) => eb.selectFrom('event_tags').select('tag_id').where('event_id', '=', eventId).union(eb.selectFrom('attribute_tags').select('tag_id').where('event_id', '=', eventId))).execute(),
    db.selectFrom('sharing_groups').select(['id', 'uuid']).execute(),
    db.selectFrom('events').select('attribute_count').where('id', '=', eventId).executeTakeFirst(),
  ]);
  return {
    eventId,
    orgs: new Map(orgs.map((o) => [o.uuid, { id: o.id, name: o.name, uuid: o.uuid, local: o.local === 1 }])),
    attributes: new Map(attrs.map((a) => [a.uuid, a.id])),
    objects: new Map(objs.map((o) => [o.uuid, o.id])),
    tags: new Map(tags.map((t) => [t.name, t.id])),
    sharingGroups: new Map(sgs.map((s) => [s.uuid, s.id])),
    ...(related ? { related } : {}),
    ...(count ? { attributeCount: count.attribute_count } : {}),
  };
}
