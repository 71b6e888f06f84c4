import type { Context } from 'hono';

/**
 * A request header, read from Node's request when the app runs under @hono/node-server, else
 * from the Web Request (`app.request()` in tests). `c.req.header()` builds a WHATWG Headers
 * from all of Node's raw headers on first use, a visible cost on the hot route (bench/api);
 * Node's own header record is parsed once by its HTTP parser anyway.
 */
export function requestHeader(c: Context, name: 'authorization' | 'x-misp-auth' | 'content-length' | 'transfer-encoding'): string | undefined {
  const incoming = (c.env as { incoming?: { headers: Record<string, string | string[] | undefined> } } | undefined)?.incoming;
  if (!incoming) return c.req.header(name);
  const v = incoming.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}
