import { Hono } from 'hono';
import { z } from 'zod';
import { viewEvent } from '../../../core/event-access.ts';
import { addEvent, publishEvent, removeEventAs } from '../../../core/event-write.ts';
import { addOrg, addSharingGroup, addUser, createKey, revokeKey } from '../../../core/tenancy.ts';
import { CairnError } from '../../../errors.ts';
import type { Event } from '../../../model/index.ts';
import { eventVisible, roleById } from '../../../sharing/index.ts';
import { findKey, listAudit, listKeys, listOrgs, listSharingGroups, listUsers, searchAttributeRows } from '../../../storage/index.ts';
import type { RouteContext } from '../../context.ts';
import type { AppEnv } from '../../env.ts';
import { parseKey } from '../../../core/event-access.ts';
import { mount, openApi, type NativeRoute } from './define.ts';
import * as S from './schemas.ts';

const cond = (v: string | undefined) => (v ? { or: [v], and: [], not: [] } : undefined);

/** Cairn's native API under /api/v1, and its OpenAPI document at /api/openapi.json. */
export function apiRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = ctx.db.kysely;
  const userOut = (u: Awaited<ReturnType<typeof listUsers>>[number]) => ({ ...u, role: roleById(u.roleId)! });

  const routes: NativeRoute[] = [
    {
      method: 'get', path: '/api/v1/me', tag: 'account', summary: 'The caller: user, organisation, role, sharing groups', response: S.Me,
      handler: async (c) => {
        const p = c.get('principal');
        return { user: userOut(p.user), org: p.org, role: p.role, sharingGroups: [...p.viewer.sharingGroups] };
      },
    },
    {
      method: 'get', path: '/api/v1/events', tag: 'events', summary: 'Events the caller may see, newest first', query: S.EventsQuery, response: S.list(S.EventSummary),
      handler: async (c, { query }) => {
        const q = query as z.infer<typeof S.EventsQuery>;
        let sel = db.selectFrom('events').select(['id', 'uuid', 'info', 'date', 'distribution', 'published', 'timestamp', 'attribute_count']).where(eventVisible(c.get('principal').viewer));
        if (q.published) sel = sel.where('published', '=', q.published === 'true' ? 1 : 0);
        const rows = await sel.orderBy('id', 'desc').limit(Math.min(q.limit, ctx.limits.maxPageSize)).offset((q.page - 1) * q.limit).execute();
        return { items: rows.map((r) => ({ id: r.id, uuid: r.uuid, info: r.info, date: r.date, distribution: r.distribution, published: r.published === 1, timestamp: r.timestamp, attributeCount: r.attribute_count })), page: q.page, limit: q.limit };
      },
    },
    {
      method: 'get', path: '/api/v1/events/:id', tag: 'events', summary: 'One event (id or uuid), with only what the caller may see', response: S.EventBody,
      handler: async (c) => (await viewEvent(db, c.get('principal').viewer, c.req.param('id')!)).event,
    },
    {
      method: 'post', path: '/api/v1/events', tag: 'events', summary: 'Create an event owned by the caller\'s organisation', body: S.EventBody, response: S.Created, status: 201,
      handler: async (c, { body }) => addEvent(ctx.db, c.get('principal'), body as Event),
    },
    {
      method: 'delete', path: '/api/v1/events/:id', tag: 'events', summary: 'Delete an event of the caller\'s organisation', response: S.Created,
      handler: async (c) => removeEventAs(ctx.db, c.get('principal'), parseKey(c.req.param('id')!)),
    },
    {
      method: 'post', path: '/api/v1/events/:id/publish', tag: 'events', summary: 'Publish an event', response: S.Created,
      handler: async (c) => publishEvent(ctx.db, c.get('principal'), parseKey(c.req.param('id')!)),
    },
    {
      method: 'get', path: '/api/v1/attributes', tag: 'attributes', summary: 'Attributes the caller may see, by value (either half of a composite, % wildcard), type, category', query: S.AttributesQuery, response: S.list(S.AttributeHit),
      handler: async (c, { query }) => {
        const q = query as z.infer<typeof S.AttributesQuery>;
        const limit = Math.min(q.limit, ctx.limits.maxPageSize);
        const rows = await searchAttributeRows(db, c.get('principal').viewer, {
          ...(cond(q.value) ? { value: cond(q.value)! } : {}), ...(cond(q.type) ? { type: cond(q.type)! } : {}), ...(cond(q.category) ? { category: cond(q.category)! } : {}), limit, page: q.page,
        });
        return {
          items: rows.map((r) => ({ id: r.id, uuid: r.uuid, eventId: r.event_id, eventUuid: r.event_uuid, type: r.type, category: r.category, value: r.value, toIds: r.to_ids === 1, comment: r.comment, distribution: r.distribution, timestamp: r.timestamp, deleted: r.deleted === 1 })),
          page: q.page, limit,
        };
      },
    },
    { method: 'get', path: '/api/v1/orgs', tag: 'tenancy', summary: 'Organisations', response: z.object({ items: z.array(S.Org) }), handler: async () => ({ items: await listOrgs(db) }) },
    {
      method: 'post', path: '/api/v1/orgs', tag: 'tenancy', summary: 'Add an organisation (site admin)', body: S.OrgInput, response: S.Org, status: 201,
      handler: async (c, { body }) => addOrg(ctx.db, c.get('principal'), body as z.infer<typeof S.OrgInput>),
    },
    {
      method: 'get', path: '/api/v1/users', tag: 'tenancy', summary: 'Users (site admin: all; org admin: their organisation\'s)', response: z.object({ items: z.array(S.User) }),
      handler: async (c) => {
        const p = c.get('principal');
        return { items: (await listUsers(db, p.viewer.perms.siteAdmin ? undefined : p.org.id)).map(userOut) };
      },
    },
    {
      method: 'post', path: '/api/v1/users', tag: 'tenancy', summary: 'Add a user (org admins: to their organisation, not as admin)', body: S.UserInput, response: S.User, status: 201,
      handler: async (c, { body }) => userOut(await addUser(ctx.db, c.get('principal'), body as z.infer<typeof S.UserInput>)),
    },
    {
      method: 'get', path: '/api/v1/keys', tag: 'tenancy', summary: 'The caller\'s keys (site admin: all keys)', response: z.object({ items: z.array(S.Key) }),
      handler: async (c) => {
        const p = c.get('principal');
        return { items: await listKeys(db, p.viewer.perms.siteAdmin ? undefined : p.user.id) };
      },
    },
    {
      method: 'post', path: '/api/v1/keys', tag: 'tenancy', summary: 'Create a key (for the caller, or a user an admin manages); the key is in this response only', body: S.KeyInput, response: S.KeyCreated, status: 201,
      handler: async (c, { body }) => {
        const b = body as z.infer<typeof S.KeyInput>;
        const p = c.get('principal');
        const { key, row } = await createKey(ctx.db, p, { user: b.user ?? p.user.id, comment: b.comment, expires: b.expires });
        return { key, apiKey: row };
      },
    },
    {
      method: 'delete', path: '/api/v1/keys/:id', tag: 'tenancy', summary: 'Revoke a key', response: S.Key,
      handler: async (c) => {
        const id = Number(c.req.param('id'));
        if (!Number.isInteger(id) || !(await findKey(db, id))) throw new CairnError('NOT_FOUND', `no key ${c.req.param('id')}`);
        const revoked = await revokeKey(ctx.db, c.get('principal'), id);
        ctx.guard.forgetKey(id);
        return revoked;
      },
    },
    {
      method: 'get', path: '/api/v1/sharing-groups', tag: 'tenancy', summary: 'Sharing groups the caller\'s organisation belongs to (site admin: all)', response: z.object({ items: z.array(S.SharingGroup) }),
      handler: async (c) => {
        const p = c.get('principal');
        const all = await listSharingGroups(db);
        return { items: p.viewer.perms.siteAdmin ? all : all.filter((g) => p.viewer.sharingGroups.has(g.uuid)) };
      },
    },
    {
      method: 'post', path: '/api/v1/sharing-groups', tag: 'tenancy', summary: 'Create a sharing group owned by the caller\'s organisation', body: S.SharingGroupInput, response: S.SharingGroup, status: 201,
      handler: async (c, { body }) => {
        const b = body as z.infer<typeof S.SharingGroupInput>;
        const p = c.get('principal');
        return addSharingGroup(ctx.db, p, { name: b.name, org: p.org.id, members: b.members, allLocalOrgs: b.allLocalOrgs, ...(b.description ? { description: b.description } : {}) });
      },
    },
    {
      method: 'get', path: '/api/v1/audit', tag: 'audit', summary: 'The audit log, newest first (site admin)', query: S.AuditQuery, response: S.list(S.AuditRecord),
      handler: async (_c, { query }) => {
        const q = query as z.infer<typeof S.AuditQuery>;
        return { items: await listAudit(db, { limit: q.limit, offset: (q.page - 1) * q.limit, ...(q.model ? { model: q.model } : {}) }), page: q.page, limit: q.limit };
      },
    },
  ];
  mount(app, ctx.guard, routes);
  const doc = openApi(routes, ctx.version);
  app.get('/api/openapi.json', ctx.guard('GET', '/api/openapi.json'), (c) => c.json(doc));
  return app;
}
