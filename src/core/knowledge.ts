/** Queries over warninglists, taxonomies and galaxies, for the CLI and the API. */
import {
  eventsWithCluster,
  findClusters,
  listWarninglists,
  setWarninglistEnabled,
  tagDescriber,
  warninglistMatcher,
  type GalaxyCluster,
  type TagDescription,
  type WarninglistHit,
  type WarninglistInfo,
} from '../correlate/index.ts';
import { CairnError } from '../errors.ts';
import { listTags, type Db } from '../storage/index.ts';

export type { GalaxyCluster, TagDescription, WarninglistHit, WarninglistInfo };

export const warninglists = (db: Db): Promise<WarninglistInfo[]> => listWarninglists(db.kysely);

export async function enableWarninglist(db: Db, name: string, enabled: boolean): Promise<void> {
  if (!(await setWarninglistEnabled(db.kysely, name, enabled))) {
    throw new CairnError('NOT_FOUND', `no warninglist named "${name}"`, { hint: 'list them with `cairn warninglists list`' });
  }
}

/** The enabled lists a value hits. */
export async function checkValue(db: Db, type: string, value: string): Promise<WarninglistHit[]> {
  return (await warninglistMatcher(db.kysely)).hits(type, value);
}

/**
 * MISP's `enforceWarninglist`: drops the items whose value is on an enabled warninglist.
 * For search and export; `items` need a type and a value.
 *
 * @example const kept = await enforceWarninglist(db, hits);
 */
export async function enforceWarninglist<T extends { readonly type: string; readonly value: string }>(db: Db, items: readonly T[]): Promise<T[]> {
  const m = await warninglistMatcher(db.kysely);
  return items.filter((i) => m.hits(i.type, i.value).length === 0);
}

/** Every tag with its use counts and its taxonomy description. */
export async function describedTags(db: Db): Promise<(TagDescription & { events: number; attributes: number })[]> {
  const d = await tagDescriber(db.kysely);
  return (await listTags(db.kysely)).map((t) => ({ ...d.describe(t.name), events: t.events, attributes: t.attributes }));
}

/** Clusters known by a name or synonym, each with the events that carry it. */
export async function searchGalaxies(db: Db, name: string): Promise<(GalaxyCluster & { events: { uuid: string; info: string; date: string }[] })[]> {
  const clusters = await findClusters(db.kysely, name);
  return Promise.all(clusters.map(async (c) => ({ ...c, events: await eventsWithCluster(db.kysely, c.tagName) })));
}
