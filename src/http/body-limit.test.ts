import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testServer, type TestServer } from '../../test/http.ts';

// Over real HTTP (Node's request, not app.request): the body limit reads Node's headers and,
// for chunked bodies, counts the bytes.
let s: TestServer;
let server: ReturnType<typeof serve>;
let port: number;
beforeAll(async () => {
  s = await testServer('sqlite', { limits: { maxBodyBytes: 2000 } });
  server = await new Promise((resolve) => {
    const srv = serve({ fetch: s.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(srv));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await s.dispose();
});

function post(body: string, chunked: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: s.adminKey, 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) }) };
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/attributes/restSearch', headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    if (chunked) {
      // Two writes without a length: Node sends Transfer-Encoding: chunked.
      req.write(body.slice(0, 10));
      req.end(body.slice(10));
    } else req.end(body);
  });
}

it.each([false, true])('answers a small body and refuses one over the limit with 413 (chunked: %s)', async (chunked) => {
  const small = await post(JSON.stringify({ returnFormat: 'json', value: '10.0.0.1' }), chunked);
  expect(small.status).toBe(200);
  expect(JSON.parse(small.body)).toEqual({ response: { Attribute: [] } });
  const big = await post(JSON.stringify({ returnFormat: 'json', value: 'x'.repeat(5000) }), chunked);
  expect(big.status).toBe(413);
  expect(JSON.parse(big.body)).toMatchObject({ name: expect.stringMatching(/larger than 2000 bytes/) });
});
