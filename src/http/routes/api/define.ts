import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { CairnError } from '../../../errors.ts';
import type { Guard } from '../../guard.ts';
import type { AppEnv } from '../../env.ts';
import { ErrorBody } from './schemas.ts';

/** One native route: its shapes feed both validation and the OpenAPI document. */
export interface NativeRoute {
  readonly method: 'get' | 'post' | 'delete';
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  readonly status?: 200 | 201;
  readonly handler: (c: Context<AppEnv>, input: { query: Record<string, unknown>; body: unknown }) => Promise<unknown>;
}

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new CairnError('INVALID_INPUT', `${where}: ${i.path.join('.') || 'value'}: ${i.message}`, { details: r.error.issues });
  }
  return r.data;
}

/** Mounts native routes on `app`, each behind the guard, validating query and body with their schemas. */
export function mount(app: Hono<AppEnv>, guard: Guard, routes: readonly NativeRoute[]): void {
  for (const r of routes) {
    app.on(r.method.toUpperCase(), r.path, guard(r.method.toUpperCase(), r.path), async (c) => {
      const query = r.query ? parse(r.query, c.req.query(), 'query') : {};
      let body: unknown;
      if (r.body) {
        let raw: unknown;
        try {
          raw = JSON.parse((await c.req.text()) || 'null');
        } catch (e) {
          throw new CairnError('INVALID_INPUT', 'The request body is not valid JSON', { cause: e });
        }
        body = parse(r.body, raw, 'body');
      }
      return c.json(await r.handler(c, { query: query as Record<string, unknown>, body }), r.status ?? 200);
    });
  }
}

const oaPath = (p: string) => p.replace(/:([A-Za-z]+)/g, '{$1}');

/** The OpenAPI 3.1 document of the native routes, generated from their zod schemas. */
export function openApi(routes: readonly NativeRoute[], version: string): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  const toSchema = (s: z.ZodType, io: 'input' | 'output') => {
    const js = z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' }) as Record<string, unknown>;
    // Named shapes (zod .meta({ id })) become components, shared by every operation.
    const lifted = JSON.parse(JSON.stringify(js).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<string, unknown>;
    const { $schema: _s, $defs, ...rest } = lifted;
    for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, unknown>)) schemas[io === 'input' && name.endsWith('Input') ? name : name] ??= def;
    return rest;
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const params = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = r.query
      ? Object.entries((toSchema(r.query, 'input')['properties'] ?? {}) as Record<string, unknown>).map(([name, schema]) => ({ name, in: 'query', required: false, schema }))
      : [];
    (paths[oaPath(r.path)] ??= {})[r.method] = {
      summary: r.summary,
      tags: [r.tag],
      security: r.path === '/api/openapi.json' ? [] : [{ apiKey: [] }],
      parameters: [...params, ...query],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input') } } } } : {}),
      responses: {
        [String(r.status ?? 200)]: { description: 'OK', content: { 'application/json': { schema: toSchema(r.response, 'output') } } },
        default: { description: 'An error; its code maps to the status (400 INVALID_INPUT, 401 UNAUTHORIZED, 403 FORBIDDEN, 404 NOT_FOUND, 409 CONFLICT, 413 TOO_LARGE, 429 RATE_LIMITED, 504 TIMEOUT)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  schemas['Error'] = toSchema(ErrorBody, 'output');
  return {
    openapi: '3.1.0',
    info: { title: 'Cairn native API', version, description: 'Resource-shaped API of Cairn. The MISP-compatible API is served at the root (/events, /attributes, ...).' },
    servers: [{ url: '/' }],
    components: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'A 40-character Cairn API key (also accepted: X-MISP-AUTH, or Bearer KEY)' } }, schemas },
    paths,
  };
}
