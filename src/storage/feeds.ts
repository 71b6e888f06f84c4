import type { Executor } from './executor.ts';
import { chunks } from './executor.ts';

export type FeedFormat = 'misp' | 'freetext' | 'csv';

/** A feed as stored. */
export interface FeedRow {
  readonly id: number;
  readonly name: string;
  /** An http(s) URL or a local directory / file path. */
  readonly url: string;
  readonly format: FeedFormat;
  readonly allowPrivate: boolean;
  readonly options: Readonly<Record<string, unknown>>;
  readonly lastPulled: number | null;
}

type Row = { id: number; name: string; url: string; format: string; allow_private: number; options: string | null; last_pulled: number | null };
const toFeed = (r: Row): FeedRow => ({
  id: r.id,
  name: r.name,
  url: r.url,
  format: r.format as FeedFormat,
  allowPrivate: r.allow_private === 1,
  options: r.options ? (JSON.parse(r.options) as Record<string, unknown>) : {},
  lastPulled: r.last_pulled === null ? null : Number(r.last_pulled),
});

/** Adds a feed, or replaces the one of the same name. */
export async function upsertFeed(db: Executor, feed: Omit<FeedRow, 'id' | 'lastPulled'>, now: number): Promise<FeedRow> {
  const values = { name: feed.name, url: feed.url, format: feed.format, allow_private: feed.allowPrivate ? 1 : 0, options: JSON.stringify(feed.options) };
  await db
    .insertInto('feeds')
    .values({ ...values, created: now })
    .onConflict((oc) => oc.column('name').doUpdateSet(values))
    .execute();
  return (await getFeed(db, feed.name))!;
}

export async function getFeed(db: Executor, name: string): Promise<FeedRow | undefined> {
  const r = await db.selectFrom('feeds').select(['id', 'name', 'url', 'format', 'allow_private', 'options', 'last_pulled']).where('name', '=', name).executeTakeFirst();
  return r ? toFeed(r) : undefined;
}

export async function listFeeds(db: Executor): Promise<FeedRow[]> {
  const rows = await db.selectFrom('feeds').select(['id', 'name', 'url', 'format', 'allow_private', 'options', 'last_pulled']).orderBy('name').execute();
  return rows.map(toFeed);
}

export async function markFeedPulled(db: Executor, id: number, now: number): Promise<void> {
  await db.updateTable('feeds').set({ last_pulled: now }).where('id', '=', id).execute();
}

/** The stored timestamp of each of these events that exists. */
export async function eventTimestamps(db: Executor, uuids: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const part of chunks(uuids, 500)) {
    for (const r of await db.selectFrom('events').select(['uuid', 'timestamp']).where('uuid', 'in', part).execute()) out.set(r.uuid, Number(r.timestamp));
  }
  return out;
}
