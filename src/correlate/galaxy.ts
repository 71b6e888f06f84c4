import { z } from 'zod';
import type { Executor } from '../storage/index.ts';

/** A cluster file of MISP's misp-galaxy repository (`clusters/<type>.json`). */
export const ClusterFileSchema = z.object({
  name: z.string(),
  type: z.string().min(1),
  uuid: z.string(),
  description: z.string().default(''),
  version: z.number().optional(),
  values: z.array(
    z.object({
      value: z.string().min(1),
      uuid: z.string().min(1).max(36),
      description: z.string().default(''),
      meta: z.record(z.string(), z.unknown()).optional(),
      related: z.array(z.unknown()).optional(),
    }).passthrough(),
  ),
});
export type ClusterFile = z.infer<typeof ClusterFileSchema>;

/** The tag that attaches a cluster: `misp-galaxy:tool="KONNI"`. */
export const clusterTag = (type: string, value: string): string => `misp-galaxy:${type}="${value}"`;

export interface GalaxyCluster {
  readonly uuid: string;
  readonly tagName: string;
  readonly value: string;
  readonly galaxyType: string;
  readonly description: string;
  readonly synonyms: readonly string[];
  readonly galaxy?: string;
}

/** Stores clusters (replacing ones with the same uuid) and indexes every name each is known by. */
export async function saveClusterFile(db: Executor, file: ClusterFile, galaxy?: { name: string; description?: string }): Promise<number> {
  for (const c of file.values) {
    const meta = c.meta ?? {};
    const synonyms = Array.isArray(meta['synonyms']) ? (meta['synonyms'] as unknown[]).filter((s): s is string => typeof s === 'string') : [];
    const row = {
      uuid: c.uuid,
      tag_name: clusterTag(file.type, c.value),
      value: c.value,
      galaxy_type: file.type,
      data: JSON.stringify({ ...c, galaxy: { name: galaxy?.name ?? file.name, type: file.type, description: galaxy?.description ?? file.description } }),
    };
    const found = await db.selectFrom('galaxy_clusters').select('id').where('uuid', '=', c.uuid).executeTakeFirst();
    if (found) await db.updateTable('galaxy_clusters').set(row).where('id', '=', found.id).execute();
    else await db.insertInto('galaxy_clusters').values(row).execute();
    await db.deleteFrom('galaxy_synonyms').where('cluster_uuid', '=', c.uuid).execute();
    const names = [...new Set([c.value, ...synonyms].map((s) => s.trim().toLowerCase().slice(0, 255)).filter(Boolean))];
    if (names.length) await db.insertInto('galaxy_synonyms').values(names.map((name) => ({ name, cluster_uuid: c.uuid }))).execute();
  }
  return file.values.length;
}

function toCluster(r: { uuid: string; tag_name: string; value: string; galaxy_type: string; data: string }): GalaxyCluster {
  const d = JSON.parse(r.data) as { description?: string; meta?: { synonyms?: string[] }; galaxy?: { name?: string } };
  return {
    uuid: r.uuid,
    tagName: r.tag_name,
    value: r.value,
    galaxyType: r.galaxy_type,
    description: d.description ?? '',
    synonyms: d.meta?.synonyms ?? [],
    ...(d.galaxy?.name ? { galaxy: d.galaxy.name } : {}),
  };
}

/** Clusters known by a name: their value or any synonym, case-insensitive. */
export async function findClusters(db: Executor, name: string): Promise<GalaxyCluster[]> {
  const rows = await db
    .selectFrom('galaxy_synonyms as s')
    .innerJoin('galaxy_clusters as c', 'c.uuid', 's.cluster_uuid')
    .select(['c.uuid', 'c.tag_name', 'c.value', 'c.galaxy_type', 'c.data'])
    .distinct()
    .where('s.name', '=', name.trim().toLowerCase())
    .orderBy('c.galaxy_type')
    .execute();
  return rows.map(toCluster);
}

/** The clusters attached to an event, through its tags and its attributes' tags. */
export async function eventClusters(db: Executor, eventId: number): Promise<GalaxyCluster[]> {
  const tagIds = db
    .selectFrom('event_tags')
    .select('tag_id')
    .where('event_id', '=', eventId)
    .union(db.selectFrom('attribute_tags').select('tag_id').where('event_id', '=', eventId));
  const rows = await db
    .selectFrom('galaxy_clusters as c')
    .innerJoin('tags as t', 't.name', 'c.tag_name')
    .select(['c.uuid', 'c.tag_name', 'c.value', 'c.galaxy_type', 'c.data'])
    .where('t.id', 'in', tagIds)
    .execute();
  return rows.map(toCluster);
}

/** The events carrying a cluster's tag (on the event or on an attribute). */
export async function eventsWithCluster(db: Executor, tagName: string): Promise<{ uuid: string; info: string; date: string }[]> {
  const tag = await db.selectFrom('tags').select('id').where('name', '=', tagName).executeTakeFirst();
  if (!tag) return [];
  const ids = db.selectFrom('event_tags').select('event_id').where('tag_id', '=', tag.id).union(db.selectFrom('attribute_tags').select('event_id').where('tag_id', '=', tag.id));
  return db.selectFrom('events').select(['uuid', 'info', 'date']).where('id', 'in', ids).orderBy('date', 'desc').execute();
}
