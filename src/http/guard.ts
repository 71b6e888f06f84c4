import type { MiddlewareHandler } from 'hono';
import { authenticate, hashKey, type Principal } from '../core/tenancy.ts';
import { CairnError } from '../errors.ts';
import { touchKey, type Db } from '../storage/index.ts';
import type { HttpLimits } from './deps.ts';
import type { AppEnv } from './env.ts';
import { requestHeader } from './header.ts';
import { ROUTE_ACCESS, routeKey } from './route-access.ts';

/** Authentication, per-key rate limit and role check for one route, from ROUTE_ACCESS. */
export interface Guard {
  (method: string, path: string): MiddlewareHandler<AppEnv>;
  /** Drops a key from the cache of verified keys, so that its revocation takes effect at once in this server. */
  forgetKey(keyId: number): void;
}

/**
 * Builds the guard factory. Keys are read from `Authorization` (MISP's raw key, or
 * `Bearer KEY`) or `X-MISP-AUTH`; a verified key is cached for `authCacheSeconds` (at most
 * 10,000 keys; a key revoked through this server is dropped at once), and its last use
 * written at most once a minute.
 */
export function makeGuard(db: Db, limits: HttpLimits, unpublishedPrivate: boolean, log?: (line: string) => void): Guard {
  const cache = new Map<string, { p: Principal; until: number }>();
  const windows = new Map<number, { minute: number; count: number }>();
  const touched = new Map<number, number>();

  /** The cached principal at once (no promise on the hot path), else a promise of the database's answer. */
  function principal(header: string | undefined): Principal | Promise<Principal> {
    const key = header?.replace(/^Bearer\s+/i, '').trim();
    if (!key) throw new CairnError('UNAUTHORIZED', 'Authentication failed. Please make sure you pass the API key of an API enabled user along in the Authorization header.');
    const hash = hashKey(key);
    const nowMs = Date.now();
    const hit = cache.get(hash);
    if (hit && hit.until > nowMs) return hit.p;
    return authenticate(db.kysely, key, Math.floor(nowMs / 1000), unpublishedPrivate).then((p) => {
      if (cache.size > 10_000) cache.clear();
      cache.set(hash, { p, until: nowMs + limits.authCacheSeconds * 1000 });
      return p;
    });
  }

  function rateLimit(p: Principal): void {
    const id = p.keyId ?? -p.user.id;
    const minute = Math.floor(Date.now() / 60_000);
    const w = windows.get(id);
    if (!w || w.minute !== minute) windows.set(id, { minute, count: 1 });
    else if (++w.count > limits.requestsPerMinute) {
      throw new CairnError('RATE_LIMITED', `Rate limit exceeded: ${limits.requestsPerMinute} requests per minute per key`, { hint: 'retry in the next minute' });
    }
    if (p.keyId !== null) {
      const now = Math.floor(Date.now() / 1000);
      if ((touched.get(p.keyId) ?? 0) < now - 60) {
        touched.set(p.keyId, now);
        touchKey(db.kysely, p.keyId, now).catch((e: unknown) => log?.(`could not record key use: ${String(e)}`));
      }
    }
  }

  const guard = (method: string, path: string): MiddlewareHandler<AppEnv> => {
    const access = ROUTE_ACCESS[routeKey(method, path)];
    if (access === undefined) throw new Error(`route ${routeKey(method, path)} is missing from ROUTE_ACCESS (src/http/route-access.ts)`);
    if (access === 'public') return async (_c, next) => next();
    return async (c, next) => {
      const found = principal(requestHeader(c, 'authorization') ?? requestHeader(c, 'x-misp-auth'));
      const p = found instanceof Promise ? await found : found;
      if (!access.includes(p.role)) throw new CairnError('FORBIDDEN', 'You do not have permission to do that.');
      rateLimit(p);
      c.set('principal', p);
      await next();
    };
  };
  const forgetKey = (keyId: number): void => {
    for (const [hash, hit] of cache) if (hit.p.keyId === keyId) cache.delete(hash);
  };
  return Object.assign(guard, { forgetKey });
}
