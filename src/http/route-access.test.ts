import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin, addOrg, addUser, createKey } from '../core/tenancy.ts';
import { ROLES, type Role } from '../sharing/index.ts';
import { openDb, type Db } from '../storage/index.ts';
import { createApp } from './app.ts';
import { ROUTE_ACCESS, routeKey } from './route-access.ts';

describe('route access table', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  const keys = {} as Record<Role, string>;
  beforeAll(async () => {
    db = await openDb(':memory:');
    await bootstrapAdmin(db);
    const org = await addOrg(db, null, { name: 'Route Org' });
    for (const role of ROLES) {
      const u = await addUser(db, null, { email: `${role}@route.test`, org: org.id, role });
      keys[role] = (await createKey(db, null, { user: u.id })).key;
    }
    app = createApp({ db });
  });
  afterAll(async () => db.close());

  // Derived from the Hono app itself: every method+path it routes, middleware ('ALL' / '*') aside.
  const appRoutes = () => [...new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path !== '/*' && r.path !== '*').map((r) => routeKey(r.method, r.path)))];

  it('lists every route of the app, and no route the app lacks', () => {
    const routes = appRoutes();
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((r) => !(r in ROUTE_ACCESS))).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('enforces the roles of the table on every route', async () => {
    for (const key of appRoutes()) {
      const access = ROUTE_ACCESS[key]!;
      const [method, path] = key.split(' ') as [string, string];
      const url = path.replace(/:[A-Za-z]+/g, '999999');
      for (const role of ROLES) {
        const res = await app.request(url, { method, headers: { Authorization: keys[role], 'content-type': 'application/json' }, ...(method === 'GET' ? {} : { body: '{}' }) });
        const allowed = access === 'public' || access.includes(role);
        // A role outside the table is refused before the handler runs (403 and MISP's message); an allowed
        // role reaches the handler, which may still answer 4xx for the made-up id, but never the role refusal.
        const body = await res.text();
        const refused = res.status === 403 && body.includes('You do not have permission to do that.');
        expect({ route: key, role, refused }).toEqual({ route: key, role, refused: !allowed });
      }
    }
  });

  it('refuses requests without a key except on public routes', async () => {
    for (const key of appRoutes()) {
      const [method, path] = key.split(' ') as [string, string];
      const res = await app.request(path.replace(/:[A-Za-z]+/g, '1'), { method, ...(method === 'GET' ? {} : { body: '{}' }) });
      if (ROUTE_ACCESS[key] === 'public') expect(res.status).toBe(200);
      else expect([401, 403]).toContain(res.status);
    }
  });
});
