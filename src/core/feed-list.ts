import ipaddr from 'ipaddr.js';
import type { Problem } from '../formats/index.ts';
import { storeEvent } from './store-event.ts';
import { typeInfo, uuidFromName, type Attribute, type Event } from '../model/index.ts';
import { normalizeValue } from '../model/values/index.ts';
import { loadEvent, type Db, type FeedRow } from '../storage/index.ts';
import type { PullSummary } from './feed-pull.ts';
import type { FeedSource } from './feed-source.ts';

const TEXT_TYPES = ['text/plain', 'text/csv', 'application/octet-stream', 'application/csv'];

/**
 * A MISP type for one value, line by line: a simple classifier for freetext and CSV feeds
 * (the full IOC extractor lives in src/extract/).
 */
export function guessType(value: string): string | undefined {
  const v = value.trim();
  const ip = v.includes('/') ? v.split('/')[0]! : v;
  if (ipaddr.isValid(ip) && (ip.includes(':') || /^\d+\.\d+\.\d+\.\d+$/.test(ip))) return 'ip-dst';
  if (/^[a-f0-9]{32}$/i.test(v)) return 'md5';
  if (/^[a-f0-9]{40}$/i.test(v)) return 'sha1';
  if (/^[a-f0-9]{64}$/i.test(v)) return 'sha256';
  if (/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(v)) return 'url';
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(v)) return 'email-src';
  if (/^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i.test(v)) return 'domain';
  return undefined;
}

/** The values of a freetext feed (one per line) or a CSV feed (the chosen 1-based columns). */
export function listValues(text: string, feed: Pick<FeedRow, 'format' | 'options'>): string[] {
  const columns = Array.isArray(feed.options['columns']) ? (feed.options['columns'] as number[]) : [1];
  const delimiter = typeof feed.options['delimiter'] === 'string' ? feed.options['delimiter'] : ',';
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('//')) continue;
    if (feed.format === 'csv') {
      const cells = line.split(delimiter);
      for (const c of columns) {
        const cell = cells[c - 1]?.trim().replace(/^"|"$/g, '');
        if (cell) out.push(cell);
      }
    } else out.push(line.split(/\s+/)[0]!);
  }
  return out;
}

/**
 * Pulls a freetext or CSV feed into one event per feed, updated in place as MISP does:
 * new values are added, values gone from the feed are marked deleted, unchanged ones kept.
 */
export async function pullListFeed(db: Db, feed: FeedRow, source: FeedSource, now: number): Promise<PullSummary> {
  const where = source.describe('');
  const text = (await source.read('', TEXT_TYPES)).toString('utf8');
  const failed: Problem[] = [];
  const fresh = new Map<string, { type: string; value: string }>();
  for (const v of listValues(text, feed)) {
    const type = guessType(v);
    const check = type ? normalizeValue(type, v) : undefined;
    if (!type || !check?.ok) {
      if (failed.length < 100) failed.push({ message: `skipped ${JSON.stringify(v.slice(0, 80))}: not a recognised indicator`, location: { source: where } });
      continue;
    }
    fresh.set(uuidFromName('feed-value', `${feed.name}\n${type}\n${check.value}`), { type, value: check.value });
  }
  const uuid = uuidFromName('feed', feed.name);
  const stored = await loadEvent(db.kysely, uuid);
  const ts = Math.max(now, (stored?.timestamp ?? 0) + 1);
  const attrs: Attribute[] = [];
  let changed = !stored;
  const seen = new Set<string>();
  for (const a of stored?.attributes ?? []) {
    seen.add(a.uuid);
    const present = fresh.has(a.uuid);
    if (present === !a.deleted) attrs.push(a);
    else {
      changed = true;
      attrs.push({ ...a, deleted: !present, timestamp: ts });
    }
  }
  for (const [id, { type, value }] of fresh) {
    if (seen.has(id)) continue;
    changed = true;
    const info = typeInfo(type)!;
    attrs.push({ uuid: id, category: info.defaultCategory, type, value, toIds: info.defaultToIds, comment: '', distribution: 5, timestamp: ts, deleted: false, disableCorrelation: false, redacted: false, tags: [], sightings: [] });
  }
  const base = { created: 0, updated: 0, unchanged: 0, attributes: 0 };
  if (!changed) return { feed: feed.name, format: feed.format, listed: 1, fetched: 0, ...base, unchanged: 1, failed };
  const event: Event = {
    uuid,
    info: stored?.info ?? `Feed ${feed.name}`,
    date: stored?.date ?? new Date(now * 1000).toISOString().slice(0, 10),
    threatLevel: stored?.threatLevel ?? 4,
    analysis: stored?.analysis ?? 2,
    // Feed contents are the organisation's until someone decides to share them.
    distribution: stored?.distribution ?? 0,
    published: stored?.published ?? false,
    timestamp: ts,
    publishTimestamp: stored?.publishTimestamp ?? 0,
    disableCorrelation: false,
    extendsUuid: '',
    tags: stored?.tags ?? [],
    galaxies: [],
    attributes: attrs,
    objects: [],
    reports: [],
    proposals: [],
    extra: { ...stored?.extra, feed: { name: feed.name, url: feed.url } },
  };
  const r = await db.kysely.transaction().execute((tx) => storeEvent(tx, event, { now }));
  return { feed: feed.name, format: feed.format, listed: 1, fetched: 1, ...base, [r.status]: 1, attributes: r.attributesWritten, failed };
}
