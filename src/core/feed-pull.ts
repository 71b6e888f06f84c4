import { storeEvent, storeEvents } from './store-event.ts';
import { CairnError } from '../errors.ts';
import type { Problem } from '../formats/index.ts';
import { parseMispJson } from '../formats/misp-json/index.ts';
import type { Event } from '../model/index.ts';
import type { FetchPolicy } from '../net/fetch-policy.ts';
import { eventTimestamps, getFeed, listFeeds, markFeedPulled, type Db, type FeedRow, type SaveResult } from '../storage/index.ts';
import { openFeedSource, type FeedSource } from './feed-source.ts';
import { pullListFeed } from './feed-list.ts';

export interface PullOptions {
  /** Events fetched at the same time (MISP feeds). */
  readonly concurrency?: number;
  readonly now?: number;
  /** Called as events are stored: done of total to fetch. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Overrides of the outbound HTTP policy (tests use small caps). */
  readonly policy?: Partial<FetchPolicy>;
}

export interface PullSummary {
  readonly feed: string;
  readonly format: string;
  /** Events the feed lists. */
  readonly listed: number;
  /** Events transferred because newer than the stored copy (or new). */
  readonly fetched: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly attributes: number;
  /** Events that could not be fetched or were rejected: nothing of them is stored. */
  readonly failed: readonly Problem[];
}

/**
 * Events stored in one transaction: up to this many attributes, or events, or this long after
 * the last commit, whichever comes first (a slow feed still commits its progress each second).
 */
const STORE_BATCH_ATTRIBUTES = 10_000;
const STORE_BATCH_EVENTS = 64;
const STORE_BATCH_MS = 1000;
/** Event files fetched (or fetched and waiting to be taken) at once. */
const DEFAULT_CONCURRENCY = 16;

const attributeCount = (e: Event): number => e.attributes.length + e.objects.reduce((n, o) => n + o.attributes.length, 0);

const JSON_TYPES = ['application/json', 'text/plain', 'application/octet-stream', 'text/json'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Pulls every feed, or the named one. */
export async function pullFeeds(db: Db, name: string | undefined, options: PullOptions = {}): Promise<PullSummary[]> {
  const feeds = name ? [await requireFeed(db, name)] : await listFeeds(db.kysely);
  const out: PullSummary[] = [];
  for (const f of feeds) out.push(await pullFeed(db, f, options));
  return out;
}

async function requireFeed(db: Db, name: string): Promise<FeedRow> {
  const f = await getFeed(db.kysely, name);
  if (!f) throw new CairnError('NOT_FOUND', `no feed ${name}`, { hint: 'add one with `cairn feed add NAME URL`' });
  return f;
}

/**
 * Pulls one feed. A MISP feed: reads manifest.json, fetches only the events whose manifest
 * timestamp is newer than the stored copy, several at a time, and stores them in batched
 * transactions (whole events only), so an interrupted pull resumes where it stopped without
 * duplicates.
 */
export async function pullFeed(db: Db, feed: FeedRow, options: PullOptions = {}): Promise<PullSummary> {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const source = openFeedSource(feed, options.policy);
  try {
    const summary = feed.format === 'misp' ? await pullMisp(db, feed, source, options, now) : await pullListFeed(db, feed, source, now);
    await markFeedPulled(db.kysely, feed.id, now);
    return summary;
  } finally {
    source.close();
  }
}

/** The manifest's event uuids and timestamps. */
export function readManifest(text: string, where: string): Map<string, number> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new CairnError('INVALID_INPUT', `${where}: the manifest is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new CairnError('INVALID_INPUT', `${where}: the manifest must be an object of event uuid → metadata`);
  const out = new Map<string, number>();
  for (const [uuid, meta] of Object.entries(doc)) {
    const ts = Number((meta as { timestamp?: unknown } | null)?.timestamp);
    if (!UUID.test(uuid) || !Number.isFinite(ts)) throw new CairnError('INVALID_INPUT', `${where}: manifest entry ${JSON.stringify(uuid).slice(0, 60)} needs an event uuid and a timestamp`, { location: { source: where, pointer: `/${uuid}` } });
    out.set(uuid.toLowerCase(), ts);
  }
  return out;
}

type Fetched = { uuid: string; event: Event } | { uuid: string; problem: Problem };

async function fetchEvent(source: FeedSource, uuid: string, now: number): Promise<Fetched> {
  const path = `${uuid}.json`;
  const where = source.describe(path);
  try {
    const text = (await source.read(path, JSON_TYPES)).toString('utf8');
    const parsed = parseMispJson(text, { source: where, now });
    if (parsed.errors.length) return { uuid, problem: { message: `rejected: ${parsed.errors.length} error(s), first: ${parsed.errors[0]!.message}`, location: parsed.errors[0]!.location ?? { source: where } } };
    const event = parsed.events[0];
    if (parsed.events.length !== 1 || !event || event.uuid !== uuid) return { uuid, problem: { message: `expected exactly event ${uuid}`, location: { source: where } } };
    return { uuid, event };
  } catch (e) {
    if (e instanceof CairnError) return { uuid, problem: { message: e.message, location: e.location ?? { source: where } } };
    throw e;
  }
}

async function pullMisp(db: Db, feed: FeedRow, source: FeedSource, options: PullOptions, now: number): Promise<PullSummary> {
  const manifest = readManifest((await source.read('manifest.json', JSON_TYPES)).toString('utf8'), source.describe('manifest.json'));
  const stored = await eventTimestamps(db.kysely, [...manifest.keys()]);
  const todo = [...manifest].filter(([uuid, ts]) => (stored.get(uuid) ?? -1) < ts).map(([uuid]) => uuid);
  const counts = { created: 0, updated: 0, unchanged: 0, attributes: 0 };
  const failed: Problem[] = [];
  const width = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  options.onProgress?.(0, todo.length);

  // A sliding window of fetches: a new one starts as soon as one lands, so the connection stays
  // busy while events are parsed and stored (with whole windows, the pull waited on the
  // slowest event of each). Events are taken in manifest order, so ids and failures come out
  // the same on every run. In memory at most: the events waiting to be stored, plus `width`
  // fetched or in flight.
  let launched = 0;
  let inFlight = 0;
  const landed = new Map<number, Fetched>();
  let fatal: unknown;
  let wake: (() => void) | undefined;
  const launch = (): void => {
    while (inFlight + landed.size < width && launched < todo.length) {
      const at = launched++;
      inFlight++;
      fetchEvent(source, todo[at]!, now).then(
        (f) => {
          inFlight--;
          landed.set(at, f);
          wake?.();
        },
        (e: unknown) => {
          inFlight--;
          fatal ??= e;
          wake?.();
        },
      );
    }
  };

  // Fetched events wait to be stored together, up to a bound (one transaction, one commit).
  let pending: Event[] = [];
  let pendingAttributes = 0;
  let lastStore = performance.now();
  let taken = 0;
  launch();
  while (taken < todo.length) {
    if (!landed.has(taken) && fatal === undefined) await new Promise<void>((r) => (wake = r));
    wake = undefined;
    if (fatal !== undefined) throw fatal;
    for (let f = landed.get(taken); f; f = landed.get(taken)) {
      landed.delete(taken++);
      if ('problem' in f) failed.push(f.problem);
      else {
        pending.push(f.event);
        pendingAttributes += attributeCount(f.event);
      }
    }
    launch();
    const last = taken === todo.length;
    if (!last && pendingAttributes < STORE_BATCH_ATTRIBUTES && pending.length < STORE_BATCH_EVENTS && performance.now() - lastStore < STORE_BATCH_MS) continue;
    for (const r of await storeWindow(db, pending, now, failed)) {
      counts[r.status]++;
      counts.attributes += r.attributesWritten;
    }
    pending = [];
    pendingAttributes = 0;
    lastStore = performance.now();
    // Every event taken so far is now stored or failed.
    options.onProgress?.(taken, todo.length);
  }
  return { feed: feed.name, format: feed.format, listed: manifest.size, fetched: todo.length - failed.length, ...counts, failed };
}

/**
 * Stores a window of fetched events in one transaction (one commit, one correlation pass).
 * Should the database refuse any of them, the window is rolled back and stored again one
 * event per transaction, so the one it refuses is reported and the rest still land.
 */
async function storeWindow(db: Db, events: readonly Event[], now: number, failed: Problem[]): Promise<SaveResult[]> {
  if (!events.length) return [];
  try {
    return await db.kysely.transaction().execute((tx) => storeEvents(tx, events, { now }));
  } catch {
    const out: SaveResult[] = [];
    for (const e of events) {
      try {
        out.push(await db.kysely.transaction().execute((tx) => storeEvent(tx, e, { now })));
      } catch (err) {
        failed.push({ message: `event ${e.uuid} could not be stored: ${(err as Error).message}`, location: { source: `event ${e.uuid}` } });
      }
    }
    return out;
  }
}
