import { Hono, type Context } from 'hono';
import { parseKey } from '../../../core/event-access.ts';
import { addAttributes, deleteAttribute, editAttribute } from '../../../core/event-write.ts';
import { CairnError, isCairnError } from '../../../errors.ts';
import { CATEGORIES, ATTRIBUTE_TYPES, typeInfo, type Attribute } from '../../../model/index.ts';
import { CATEGORY_TYPES } from '../../../model/registry-data.ts';
import { searchAttributeRows } from '../../../storage/index.ts';
import type { RouteContext } from '../../context.ts';
import type { AppEnv } from '../../env.ts';
import { named, readJson, saveFail } from './_shared.ts';
import { attributeRestSearch, eventRestSearch } from './rest-search.ts';

const blank = (t: number): Attribute => ({
  uuid: crypto.randomUUID(), category: 'Other', type: 'text', value: '', toIds: false, comment: '', distribution: 5, timestamp: t,
  deleted: false, disableCorrelation: false, redacted: false, tags: [], sightings: [],
});

/** GET /attributes/describeTypes.json: MISP's type registry, as PyMISP loads it on connect. */
export function describeTypes() {
  return {
    result: {
      sane_defaults: Object.fromEntries(ATTRIBUTE_TYPES.map((t) => [t, { default_category: typeInfo(t)!.defaultCategory, to_ids: typeInfo(t)!.defaultToIds ? 1 : 0 }])),
      types: ATTRIBUTE_TYPES,
      categories: CATEGORIES,
      category_type_mappings: CATEGORY_TYPES,
    },
  };
}

/** MISP's attributes controller and both restSearch endpoints. */
export function attributeRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { guard } = ctx;
  const db = ctx.db.kysely;

  app.get('/attributes/describeTypes', guard('GET', '/attributes/describeTypes'), (c) => c.json(describeTypes()));

  /** One attribute as MISP's `{"Attribute": ...}`, through the search path so the same rules apply. */
  const one = async (c: Context<AppEnv>, key: string | number) => {
    const k = typeof key === 'number' ? key : parseKey(key, 'attribute');
    const row = typeof k === 'number' ? await db.selectFrom('attributes').select('uuid').where('id', '=', k).executeTakeFirst() : { uuid: k };
    const rows = row ? await searchAttributeRows(db, c.get('principal').viewer, { uuid: { or: [row.uuid], and: [], not: [] }, deleted: 'both' }) : [];
    const hit = rows.find((r) => r.uuid === row?.uuid);
    if (!hit) throw new CairnError('NOT_FOUND', 'Invalid attribute');
    const res = await attributeRestSearch(ctx, c, { uuid: hit.uuid, deleted: [0, 1], includeEventTags: 0 });
    const body = (await res.json()) as { response: { Attribute: Record<string, unknown>[] } };
    const { Event: _e, ...attr } = body.response.Attribute.find((a) => a['uuid'] === hit.uuid)!;
    return { Attribute: attr };
  };

  app.get('/attributes/view/:id', guard('GET', '/attributes/view/:id'), async (c) => c.json(await one(c, c.req.param('id'))));

  app.post('/attributes/add/:eventId', guard('POST', '/attributes/add/:eventId'), async (c) => {
    const body = await readJson(c);
    const t = Math.floor(Date.now() / 1000);
    const list = Array.isArray(body) ? (body as unknown[]) : Array.isArray(body['Attribute']) ? (body['Attribute'] as unknown[]) : [body];
    const url = `/attributes/add/${c.req.param('eventId')}`;
    let attrs: Attribute[];
    try {
      attrs = list.map((a) => ctx.codec.parseAttribute(a, blank(t)));
      for (const a of attrs) if (!typeInfo(a.type)) throw new CairnError('INVALID_INPUT', `Attribute type "${a.type}" is not supported`);
      const { ids } = await addAttributes(ctx.db, c.get('principal'), parseKey(c.req.param('eventId')), attrs);
      const out = await Promise.all(ids.map(async (id) => (await one(c, id)).Attribute));
      return c.json({ Attribute: list.length === 1 && !Array.isArray(body) ? out[0] : out });
    } catch (e) {
      if (isCairnError(e) && (e.code === 'INVALID_INPUT' || e.code === 'CONFLICT')) return saveFail(c, url, 'Could not add Attribute', { value: [e.message] });
      throw e;
    }
  });

  const edit = async (c: Context<AppEnv>) => {
    const body = await readJson(c);
    const id = c.req.param('id')!;
    try {
      const r = await editAttribute(ctx.db, c.get('principal'), parseKey(id, 'attribute'), (old) => ctx.codec.parseAttribute(body, { ...old, timestamp: 0 }));
      return c.json(await one(c, r.id));
    } catch (e) {
      if (isCairnError(e) && e.code === 'INVALID_INPUT') return saveFail(c, `/attributes/edit/${id}`, 'Could not edit Attribute', { value: [e.message] }, id);
      throw e;
    }
  };
  app.post('/attributes/edit/:id', guard('POST', '/attributes/edit/:id'), edit);
  app.put('/attributes/edit/:id', guard('PUT', '/attributes/edit/:id'), edit);

  const del = async (c: Context<AppEnv>) => {
    const id = c.req.param('id')!;
    const body = await readJson(c);
    const hard = Boolean(Number(body['hard'] ?? named(c)['hard'] ?? 0));
    await deleteAttribute(ctx.db, c.get('principal'), parseKey(id, 'attribute'), hard);
    return c.json({ message: hard ? 'Attribute deleted.' : 'Attribute soft deleted.' });
  };
  app.post('/attributes/delete/:id', guard('POST', '/attributes/delete/:id'), del);
  app.delete('/attributes/delete/:id', guard('DELETE', '/attributes/delete/:id'), del);

  app.post('/attributes/restSearch', guard('POST', '/attributes/restSearch'), async (c) => attributeRestSearch(ctx, c, await readJson(c)));
  app.get('/attributes/restSearch', guard('GET', '/attributes/restSearch'), async (c) => attributeRestSearch(ctx, c, named(c)));
  app.post('/events/restSearch', guard('POST', '/events/restSearch'), async (c) => eventRestSearch(ctx, c, await readJson(c)));
  app.get('/events/restSearch', guard('GET', '/events/restSearch'), async (c) => eventRestSearch(ctx, c, named(c)));

  return app;
}
