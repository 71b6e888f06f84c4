import { Hono, type Context } from 'hono';
import { parseKey } from '../../../core/event-access.ts';
import { addSightings } from '../../../core/event-write.ts';
import { isCairnError } from '../../../errors.ts';
import type { RouteContext } from '../../context.ts';
import type { AppEnv } from '../../env.ts';
import { readJson } from './_shared.ts';

/** MISP's /sightings/add[/{attribute}]: by attribute id/uuid, or on every visible attribute with a value. */
export function sightingRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const add = async (c: Context<AppEnv>) => {
    let body = await readJson(c);
    if (typeof body['request'] === 'object' && body['request']) body = body['request'] as Record<string, unknown>;
    if (typeof body['Sighting'] === 'object' && body['Sighting']) body = body['Sighting'] as Record<string, unknown>;
    const target = c.req.param('id') ?? (body['id'] !== undefined ? String(body['id']) : body['uuid'] !== undefined ? String(body['uuid']) : undefined);
    const values = body['value'] !== undefined ? [String(body['value'])] : Array.isArray(body['values']) ? body['values'].map(String) : undefined;
    const type = Number(body['type'] ?? 0);
    try {
      const added = await addSightings(ctx.db, c.get('principal'), {
        ...(target !== undefined ? { attribute: parseKey(target, 'attribute') } : {}),
        ...(values ? { values } : {}),
        type: (type === 1 || type === 2 ? type : 0) as 0 | 1 | 2,
        source: body['source'] !== undefined ? String(body['source']).trim() : '',
        ...(body['timestamp'] !== undefined ? { timestamp: Math.floor(Number(body['timestamp'])) } : {}),
      });
      const last = added[added.length - 1]!;
      const p = c.get('principal');
      return c.json({
        Sighting: {
          id: String(last.id), attribute_id: String(last.attributeId), event_id: String(last.eventId), org_id: String(p.org.id),
          date_sighting: String(last.sighting.timestamp), uuid: last.sighting.uuid, source: last.sighting.source, type: String(last.sighting.type),
        },
      });
    } catch (e) {
      // MISP answers a sighting that matched nothing with 200 and a message.
      if (isCairnError(e) && (e.code === 'NOT_FOUND' || e.code === 'INVALID_INPUT')) {
        return c.json({ message: e.message.startsWith('Could not') ? e.message : `Could not add the Sighting. Reason: ${e.message}` });
      }
      throw e;
    }
  };
  app.post('/sightings/add', ctx.guard('POST', '/sightings/add'), add);
  app.post('/sightings/add/:id', ctx.guard('POST', '/sightings/add/:id'), add);
  return app;
}
