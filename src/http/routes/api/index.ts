import { Hono } from 'hono';
import type { RouteContext } from '../../context.ts';
import type { AppEnv } from '../../env.ts';

/** Cairn's native API under /api/v1 and its OpenAPI document. */
export function apiRoutes(_ctx: RouteContext): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
