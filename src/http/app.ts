import { Hono } from 'hono';
import { warninglistMatcher } from '../correlate/index.ts';
import { CairnError } from '../errors.ts';
import { bodyLimit } from './body-limit.ts';
import type { RouteContext } from './context.ts';
import { DEFAULT_LIMITS, type AppDeps, type HttpLimits } from './deps.ts';
import type { AppEnv } from './env.ts';
import { errorResponse, isNativePath } from './errors.ts';
import { makeGuard } from './guard.ts';
import { apiRoutes } from './routes/api/index.ts';
import { mispJsonCodec } from './routes/misp/misp-json-codec.ts';
import { attributeRoutes } from './routes/misp/attributes.ts';
import { eventRoutes } from './routes/misp/events.ts';
import { instanceRoutes } from './routes/misp/instance.ts';
import { sightingRoutes } from './routes/misp/sightings.ts';

/**
 * MISP routes are matched without CakePHP's trimmings: a `.json` extension and named
 * parameters (`/events/view/1/deleted:1`) are left out of the path (handlers read them).
 */
export function routingPath(req: Request): string {
  const url = req.url;
  const start = url.indexOf('/', url.indexOf('://') + 3);
  const q = url.indexOf('?', start);
  const path = q < 0 ? url.slice(start) : url.slice(start, q);
  // Most paths have no named parameter, no `.json` and no empty segment: nothing to strip.
  if (isNativePath(path) || !/[:%]|\.json$|\/\/|.\/$/.test(path)) return path;
  const segs = path.split('/').filter((s, i) => i === 0 || (s !== '' && !/^[^/]+:/.test(decodeURIComponent(s))));
  let out = segs.join('/') || '/';
  if (out.endsWith('.json')) out = out.slice(0, -5);
  return out;
}

function cachedWarninglists(db: AppDeps['db']): RouteContext['warninglists'] {
  let cached: { at: number; m: Promise<{ hits(type: string, value: string): boolean }> } | undefined;
  return () => {
    if (!cached || cached.at < Date.now() - 60_000) {
      const m = warninglistMatcher(db.kysely).then((x) => ({ hits: (type: string, value: string) => x.hits(type, value).length > 0 }));
      cached = { at: Date.now(), m };
    }
    return cached.m;
  };
}

/**
 * The HTTP application: MISP's API, Cairn's native API under /api/v1 and its OpenAPI
 * document, over `deps`. One onError maps every error to a status through HTTP_STATUS.
 *
 * @example const app = createApp({ db }); const res = await app.request('/servers/getVersion', { headers: { Authorization: key } });
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const limits: HttpLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const ctx: RouteContext = {
    db: deps.db,
    limits,
    guard: makeGuard(deps.db, limits, deps.unpublishedPrivate ?? true, deps.log),
    codec: deps.codec ?? mispJsonCodec,
    version: deps.version ?? '0.1.0',
    warninglists: cachedWarninglists(deps.db),
  };
  const app = new Hono<AppEnv>({ getPath: routingPath });
  app.use('*', bodyLimit(limits.maxBodyBytes));
  app.use('*', async (c, next) => {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CairnError('TIMEOUT', `Request took longer than ${limits.timeoutMs} ms`)), limits.timeoutMs);
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  });
  app.route('/', instanceRoutes(ctx));
  app.route('/', eventRoutes(ctx));
  app.route('/', attributeRoutes(ctx));
  app.route('/', sightingRoutes(ctx));
  app.route('/', apiRoutes(ctx));
  app.notFound((c) => errorResponse(c, new CairnError('NOT_FOUND', `No route ${c.req.method} ${new URL(c.req.url).pathname}`)));
  app.onError((e, c) => errorResponse(c, e, deps.log));
  return app;
}

export type AppType = ReturnType<typeof createApp>;
