import { Hono, type Context } from 'hono';
import { parseKey, viewEvent } from '../../../core/event-access.ts';
import { addEvent, editEvent, eventDefaults, publishEvent, removeEventAs } from '../../../core/event-write.ts';
import { relatedEvents } from '../../../core/related.ts';
import { isCairnError } from '../../../errors.ts';
import { eventVisible } from '../../../sharing/index.ts';
import type { Executor } from '../../../storage/index.ts';
import type { RouteContext } from '../../context.ts';
import type { AppEnv } from '../../env.ts';
import { idsFor, named, readJson, saveFail, saveSuccess } from './_shared.ts';
import type { RelatedEventRef } from './misp-codec.ts';
import { parseBool } from './search-params.ts';

/** Renders one event as MISP's `{"Event": ...}`, only what the viewer may see, with its related events. */
export async function renderEvent(ctx: RouteContext, c: Context<AppEnv>, key: string | number, opts: { related?: boolean; deleted?: boolean } = {}): Promise<Record<string, unknown>> {
  const db = ctx.db.kysely;
  const viewer = c.get('principal').viewer;
  const { event: whole } = await viewEvent(db, viewer, key);
  // MISP's view leaves soft-deleted attributes out unless asked for with deleted:1.
  const withDeleted = opts.deleted ?? false;
  const event = withDeleted ? whole : { ...whole, attributes: whole.attributes.filter((a) => !a.deleted), objects: whole.objects.map((o) => ({ ...o, attributes: o.attributes.filter((a) => !a.deleted) })) };
  const related = opts.related === false ? undefined : await relatedRefs(db, viewer, event.id, event);
  return ctx.codec.eventToMisp(event, await idsFor(db, event.id, event, related));
}

export async function relatedRefs(db: Executor, viewer: Parameters<typeof relatedEvents>[1], id: number, ev: Parameters<typeof relatedEvents>[3]): Promise<RelatedEventRef[]> {
  const rel = await relatedEvents(db, viewer, id, ev);
  const orgIds = [...new Set(rel.flatMap((r) => [r.orgId, r.orgcId]).filter((x): x is number => x !== null))];
  const orgs = orgIds.length ? await db.selectFrom('orgs').select(['id', 'name', 'uuid']).where('id', 'in', orgIds).execute() : [];
  const org = (oid: number | null) => orgs.find((o) => o.id === oid);
  return rel.map((r) => ({ ...r, ...(org(r.orgId) ? { org: org(r.orgId)! } : {}), ...(org(r.orgcId) ? { orgc: org(r.orgcId)! } : {}) }));
}

/** MISP's events controller: index, view (GET, HEAD, POST), add, edit, delete, publish, unpublish. */
export function eventRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = ctx.db.kysely;
  const { guard } = ctx;

  const index = async (c: Context<AppEnv>) => {
    const p = { ...named(c), ...(c.req.method === 'POST' ? await readJson(c) : {}) };
    const limit = Math.min(Number(p['limit'] ?? ctx.limits.maxPageSize) || ctx.limits.maxPageSize, ctx.limits.maxPageSize);
    const page = Math.max(1, Number(p['page'] ?? 1) || 1);
    let q = db
      .selectFrom('events')
      .selectAll('events')
      .where(eventVisible(c.get('principal').viewer))
      .orderBy('events.id', 'desc')
      .limit(limit)
      .offset((page - 1) * limit);
    const published = parseBool(p['published']);
    if (published !== undefined) q = q.where('events.published', '=', published ? 1 : 0);
    if (p['eventid']) q = q.where('events.id', '=', Number(p['eventid']));
    if (p['eventinfo']) q = q.where('events.info', 'like', `%${String(p['eventinfo'])}%`);
    const rows = await q.execute();
    const orgIds = [...new Set(rows.flatMap((r) => [r.org_id, r.orgc_id]).filter((x): x is number => x !== null))];
    const evIds = rows.map((r) => r.id);
    const [orgs, sgs, tags] = await Promise.all([
      orgIds.length ? db.selectFrom('orgs').select(['id', 'name', 'uuid']).where('id', 'in', orgIds).execute() : [],
      db.selectFrom('sharing_groups').select(['id', 'uuid']).execute(),
      evIds.length
        ? db.selectFrom('event_tags').innerJoin('tags', 'tags.id', 'event_tags.tag_id').select(['event_tags.event_id', 'event_tags.local', 'tags.id', 'tags.name', 'tags.colour']).where('event_tags.event_id', 'in', evIds).execute()
        : [],
    ]);
    const org = (id: number | null) => {
      const o = orgs.find((x) => x.id === id);
      return o ? { id: String(o.id), name: o.name, uuid: o.uuid } : { id: '0', name: '', uuid: '' };
    };
    return c.json(
      rows.map((r) => ({
        id: String(r.id), org_id: String(r.org_id ?? 0), date: r.date, info: r.info, uuid: r.uuid, published: r.published === 1,
        analysis: String(r.analysis), attribute_count: String(r.attribute_count), orgc_id: String(r.orgc_id ?? 0), timestamp: String(r.timestamp),
        distribution: String(r.distribution), sharing_group_id: String(sgs.find((s) => s.uuid === r.sharing_group_uuid)?.id ?? 0), proposal_email_lock: false,
        locked: false, threat_level_id: String(r.threat_level), publish_timestamp: String(r.publish_timestamp), sighting_timestamp: '0',
        disable_correlation: r.disable_correlation === 1, extends_uuid: r.extends_uuid, protected: null, Org: org(r.org_id), Orgc: org(r.orgc_id),
        EventTag: tags.filter((t) => t.event_id === r.id).map((t) => ({ id: '0', event_id: String(r.id), tag_id: String(t.id), local: t.local === 1, Tag: { id: String(t.id), name: t.name, colour: t.colour, is_galaxy: t.name.startsWith('misp-galaxy:') } })),
      })),
    );
  };
  app.get('/events/index', guard('GET', '/events/index'), index);
  app.post('/events/index', guard('POST', '/events/index'), index);

  // GET also answers HEAD (PyMISP's event_exists): 200 or 404, no body.
  const view = async (c: Context<AppEnv>) => {
    const p = { ...named(c), ...(c.req.method === 'POST' ? await readJson(c) : {}) };
    const deleted = p['deleted'];
    return c.json(await renderEvent(ctx, c, c.req.param('id')!, { deleted: deleted !== undefined && deleted !== '0' && deleted !== 0 && deleted !== false }));
  };
  app.get('/events/view/:id', guard('GET', '/events/view/:id'), view);
  app.post('/events/view/:id', guard('POST', '/events/view/:id'), view);

  app.post('/events/add', guard('POST', '/events/add'), async (c) => {
    const p = c.get('principal');
    const body = await readJson(c);
    try {
      const ev = ctx.codec.parseEvent(body, eventDefaults(p));
      const { id } = await addEvent(ctx.db, p, ev);
      if (named(c)['metadata']) return c.json(await renderEvent(ctx, c, id, { related: false }));
      return c.json(await renderEvent(ctx, c, id));
    } catch (e) {
      if (isCairnError(e) && (e.code === 'INVALID_INPUT' || e.code === 'CONFLICT')) return saveFail(c, '/events/add', 'Could not add Event', { Event: [e.message] });
      throw e;
    }
  });

  const edit = async (c: Context<AppEnv>) => {
    const p = c.get('principal');
    const key = parseKey(c.req.param('id')!);
    const body = await readJson(c);
    try {
      const { id } = await editEvent(ctx.db, p, key, (old) => ctx.codec.parseEvent(body, { ...old, timestamp: 0 }));
      return c.json(await renderEvent(ctx, c, id));
    } catch (e) {
      if (isCairnError(e) && e.code === 'INVALID_INPUT') return saveFail(c, `/events/edit/${c.req.param('id')}`, 'Could not edit Event', { Event: [e.message] });
      throw e;
    }
  };
  app.post('/events/edit/:id', guard('POST', '/events/edit/:id'), edit);
  app.put('/events/edit/:id', guard('PUT', '/events/edit/:id'), edit);

  const del = async (c: Context<AppEnv>) => {
    const id = c.req.param('id')!;
    await removeEventAs(ctx.db, c.get('principal'), parseKey(id));
    return saveSuccess(c, `/events/delete/${id}`, 'Event deleted.', id);
  };
  app.post('/events/delete/:id', guard('POST', '/events/delete/:id'), del);
  app.delete('/events/delete/:id', guard('DELETE', '/events/delete/:id'), del);

  app.post('/events/publish/:id', guard('POST', '/events/publish/:id'), async (c) => {
    const { id } = await publishEvent(ctx.db, c.get('principal'), parseKey(c.req.param('id')));
    return saveSuccess(c, `/events/publish/${id}`, 'Event published without alerts', id);
  });
  app.post('/events/unpublish/:id', guard('POST', '/events/unpublish/:id'), async (c) => {
    const { id } = await publishEvent(ctx.db, c.get('principal'), parseKey(c.req.param('id')), false);
    return saveSuccess(c, `/events/unpublish/${id}`, 'Event unpublished.', id);
  });
  return app;
}

