import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testServer, type TestServer } from '../../test/http.ts';

describe('limits, error shapes, keys and audit over HTTP', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await testServer('sqlite', { limits: { requestsPerMinute: 5, maxBodyBytes: 2000, maxPageSize: 2 } });
  });
  afterEach(async () => s.dispose());

  it('limits requests per key per minute with 429', async () => {
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await s.pymisp('GET', '/servers/getVersion')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });

  it('refuses bodies over the limit with 413, in MISP\'s shape on MISP routes and Cairn\'s on native ones', async () => {
    const big = await s.pymisp('POST', '/events/add', { Event: { info: 'x'.repeat(5000) } });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ name: expect.stringMatching(/larger than/), url: '/events/add' });
    const native = await s.app.request('/api/v1/events', { method: 'POST', headers: { Authorization: s.adminKey, 'content-type': 'application/json', 'content-length': '5000' }, body: 'x'.repeat(5000) });
    expect(native.status).toBe(413);
    expect(await native.json()).toMatchObject({ error: { code: 'TOO_LARGE' } });
  });

  it('answers native errors as {error: {code, message}} with the status of the code', async () => {
    const r = await s.app.request('/api/v1/events/00000000-0000-4000-8000-000000000000', { headers: { Authorization: s.adminKey } });
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Invalid event' } });
    const bad = await s.app.request('/api/v1/orgs', { method: 'POST', headers: { Authorization: s.adminKey, 'content-type': 'application/json' }, body: '{"name": ""}' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
    const unauth = await s.app.request('/api/v1/me');
    expect(unauth.status).toBe(401);
  });

  it('creates a key shown once, stores only its hash, revokes it, and audits each change', async () => {
    const created = await s.app.request('/api/v1/keys', { method: 'POST', headers: { Authorization: s.adminKey, 'content-type': 'application/json' }, body: '{"comment": "ci"}' });
    expect(created.status).toBe(201);
    const { key, apiKey } = (await created.json()) as { key: string; apiKey: { id: number } };
    expect(key).toMatch(/^[A-Za-z0-9]{40}$/);
    const stored = await s.db.kysely.selectFrom('api_keys').select('key_hash').where('id', '=', apiKey.id).executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(key);
    expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await s.app.request('/api/v1/me', { headers: { Authorization: key } })).status).toBe(200);
    const revoked = await s.app.request(`/api/v1/keys/${apiKey.id}`, { method: 'DELETE', headers: { Authorization: s.adminKey } });
    expect(revoked.status).toBe(200);
    // The server that revoked it refuses it at once, although it had cached the key as verified.
    expect((await s.app.request('/api/v1/me', { headers: { Authorization: key } })).status).toBe(401);
    // A fresh app has no cached authentication: the revoked key is refused.
    const { createApp } = await import('./app.ts');
    const fresh = createApp({ db: s.db });
    expect((await fresh.request('/api/v1/me', { headers: { Authorization: key } })).status).toBe(401);
    const audit = (await (await fresh.request('/api/v1/audit?limit=10', { headers: { Authorization: s.adminKey } })).json()) as { items: { action: string; model: string }[] };
    expect(audit.items.slice(0, 2).map((a) => `${a.action} ${a.model}`)).toEqual(['revoke AuthKey', 'add AuthKey']);
  });

  it('serves an OpenAPI 3.1 document generated from the schemas, without a key', async () => {
    const r = await s.app.request('/api/openapi.json');
    const doc = (await r.json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/events', '/api/v1/events/{id}', '/api/v1/keys/{id}', '/api/v1/audit']));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Event', 'Error', 'ApiKeyCreated', 'SharingGroup']));
  });
});
