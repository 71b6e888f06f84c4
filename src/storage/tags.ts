import type { Tag } from '../model/index.ts';
import { chunks, extraJson, type Executor } from './executor.ts';

/** The ids of tags by name, creating the missing ones. */
export async function ensureTags(db: Executor, tags: readonly Tag[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const names = [...new Set(tags.map((t) => t.name))];
  if (names.length === 0) return ids;
  const colours = new Map(tags.map((t) => [t.name, t.colour ?? '']));
  const extras = new Map(tags.filter((t) => t.extra).map((t) => [t.name, extraJson(t.extra)]));
  for (const part of chunks(names, 500)) {
    const found = await db.selectFrom('tags').select(['id', 'name']).where('name', 'in', part).execute();
    for (const r of found) ids.set(r.name, r.id);
    const missing = part.filter((n) => !ids.has(n));
    if (missing.length) {
      await db
        .insertInto('tags')
        .values(missing.map((name) => ({ name, colour: colours.get(name) ?? '', extra: extras.get(name) ?? null })))
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const added = await db.selectFrom('tags').select(['id', 'name']).where('name', 'in', missing).execute();
      for (const r of added) ids.set(r.name, r.id);
    }
  }
  return ids;
}

/** Every tag with how many events and attributes carry it. */
export async function listTags(db: Executor): Promise<{ id: number; name: string; colour: string; events: number; attributes: number }[]> {
  const rows = await db
    .selectFrom('tags')
    .select((eb) => [
      'tags.id',
      'tags.name',
      'tags.colour',
      eb.selectFrom('event_tags').whereRef('event_tags.tag_id', '=', 'tags.id').select(eb.fn.countAll<number>().as('n')).as('events'),
      eb.selectFrom('attribute_tags').whereRef('attribute_tags.tag_id', '=', 'tags.id').select(eb.fn.countAll<number>().as('n')).as('attributes'),
    ])
    .orderBy('tags.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, colour: r.colour, events: Number(r.events ?? 0), attributes: Number(r.attributes ?? 0) }));
}
