/**
 * Pulls a generated MISP feed from a loopback HTTP server through the real feed pull (fetch
 * policy, misp-json parse with per-type validation, saveEvent), against a baseline measured in
 * the same run: JSON.parse of the same event files plus raw better-sqlite3 inserts of the same rows.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { pullFeeds } from '../src/core/feed-pull.ts';
import { addFeed } from '../src/core/feeds.ts';
import { openDb } from '../src/storage/index.ts';
import type { Bench, BenchRow } from './lib.ts';

const PER_EVENT = 500;
const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
const uuid = (i: number, j = 0) => `${hex(i, 8)}-${hex(j >>> 12, 4)}-4${hex(j & 0xfff, 3)}-8000-${hex(i * 7 + j, 12)}`;

/** Event `i` as the feed's `{uuid}.json`, generated on request so the feed never sits in memory. */
export function eventJson(i: number): string {
  const attrs = [];
  for (let j = 1; j <= PER_EVENT; j++) {
    const k = j % 3;
    attrs.push({
      uuid: uuid(i, j),
      type: k === 0 ? 'ip-dst' : k === 1 ? 'domain' : 'sha256',
      category: k === 2 ? 'Payload delivery' : 'Network activity',
      value: k === 0 ? `${11 + (i % 200)}.${(i >> 8) & 255}.${i & 255}.${j & 255}` : k === 1 ? `host${j}.event${i}.example.com` : `${hex(i, 32)}${hex(j, 32)}`,
      to_ids: true, comment: '', timestamp: '1700000000', object_relation: null,
    });
  }
  return JSON.stringify({ Event: { uuid: uuid(i), info: `Generated event ${i}`, date: '2024-05-01', threat_level_id: '2', analysis: '2', published: true, timestamp: '1700000000', publish_timestamp: '1700000000', Orgc: { name: 'Feed Org', uuid: '0000aaaa-0000-4000-8000-000000000001' }, Tag: [{ name: 'tlp:white', colour: '#ffffff' }], Attribute: attrs } });
}

export async function serve(events: number) {
  const manifest: Record<string, unknown> = {};
  for (let i = 1; i <= events; i++) manifest[uuid(i)] = { timestamp: 1700000000, info: `Generated event ${i}` };
  const byUuid = new Map([...Array(events).keys()].map((k) => [uuid(k + 1), k + 1]));
  const server = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1);
    const i = byUuid.get(name.replace(/\.json$/, ''));
    if (name === 'manifest.json') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(manifest));
    else if (i) res.writeHead(200, { 'content-type': 'application/json' }).end(eventJson(i));
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

/**
 * The process's own memory, bytes: RssAnon + RssShmem from /proc/self/status, i.e. RSS without
 * the file-backed pages of the memory-mapped database, which are the OS page cache (shared,
 * clean, reclaimable) and grow with the database file, not with what the pull holds. RSS where
 * /proc is missing.
 */
function ownMemory(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    const own = (kb('RssAnon') + kb('RssShmem')) * 1024;
    return Number.isFinite(own) ? own : process.memoryUsage.rss();
  } catch {
    return process.memoryUsage.rss();
  }
}

/** Peak RSS and peak own memory (see ownMemory) while `fn` runs, sampled every 20 ms. */
async function withPeak<T>(fn: () => Promise<T>): Promise<{ result: T; peakMb: number; peakOwnMb: number; ms: number }> {
  let peak = process.memoryUsage.rss();
  let peakOwn = ownMemory();
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
    peakOwn = Math.max(peakOwn, ownMemory());
  };
  const timer = setInterval(sample, 20);
  const t0 = performance.now();
  try {
    const result = await fn();
    sample();
    return { result, peakMb: peak / 1048576, peakOwnMb: peakOwn / 1048576, ms: performance.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

/** The feed served by a child process (bench/_feed-server.ts), as from another machine. */
async function serveChild(events: number): Promise<{ url: string; close: () => void }> {
  const child = fork(new URL('./_feed-server.ts', import.meta.url).pathname, [String(events)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`the feed server exited (${code})`)));
  });
  return { url, close: () => child.disconnect() };
}

async function cairnPull(events: number) {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-bench-feed-'));
  const server = await serveChild(events);
  const db = await openDb(join(dir, 'cairn.sqlite'));
  try {
    await addFeed(db, { name: 'bench', url: server.url, allowPrivate: true });
    global.gc?.();
    const c0 = process.cpuUsage();
    const r = await withPeak(() => pullFeeds(db, 'bench'));
    const c = process.cpuUsage(c0);
    return { ...r, attributes: r.result[0]!.attributes, cpuMs: (c.user + c.system) / 1000 };
  } finally {
    await db.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The baseline: the same event files parsed with JSON.parse and inserted with prepared better-sqlite3 statements. */
async function rawBaseline(events: number) {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-bench-raw-'));
  const raw = new SQLite(join(dir, 'raw.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.exec('create table events (id integer primary key, uuid text unique, info text, timestamp integer); create table attributes (id integer primary key, uuid text unique, event_id integer, category text, type text, value text, to_ids integer, timestamp integer); create index a_v on attributes(value); create index a_e on attributes(event_id)');
  const insE = raw.prepare('insert into events (uuid, info, timestamp) values (?, ?, ?)');
  const insA = raw.prepare('insert into attributes (uuid, event_id, category, type, value, to_ids, timestamp) values (?, ?, ?, ?, ?, ?, ?)');
  type A = { uuid: string; category: string; type: string; value: string; to_ids: boolean; timestamp: string };
  const save = raw.transaction((e: { uuid: string; info: string; timestamp: string; Attribute: A[] }) => {
    const id = insE.run(e.uuid, e.info, Number(e.timestamp)).lastInsertRowid;
    for (const a of e.Attribute) insA.run(a.uuid, id, a.category, a.type, a.value, a.to_ids ? 1 : 0, Number(a.timestamp));
  });
  const texts = [];
  for (let i = 1; i <= Math.min(events, 200); i++) texts.push(eventJson(i));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < events; i++) {
    const e = (JSON.parse(texts[i % texts.length]!) as { Event: { uuid: string; info: string; timestamp: string; Attribute: A[] } }).Event;
    e.uuid = uuid(i + 1);
    e.Attribute.forEach((a, j) => (a.uuid = `${i}-${j}`));
    save(e);
  }
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  raw.close();
  rmSync(dir, { recursive: true, force: true });
  return { ms, cpuMs: (c.user + c.system) / 1000, attributes: events * PER_EVENT };
}

export const feedBench: Bench = {
  name: 'feed',
  description: 'cairn feed pull of a generated MISP feed (500 attributes per event) from a loopback HTTP server, SQLite',
  async run() {
    // CAIRN_BENCH_FEED_EVENTS scales the run down (e.g. 100) for a quick look; the goal is set at 2,000.
    const events = Number(process.env['CAIRN_BENCH_FEED_EVENTS'] ?? 2000);
    const small = await cairnPull(Math.max(1, events / 4));
    const big = await cairnPull(events);
    const base = await rawBaseline(events);
    const rate = (big.attributes / big.ms) * 1000;
    const baseRate = (base.attributes / base.ms) * 1000;
    const rows: BenchRow[] = [
      { metric: `pull ${big.attributes.toLocaleString('en-US')} attributes (attributes/s, end to end)`, value: rate, baseline: baseRate, baselineName: 'JSON.parse + raw better-sqlite3 insert, no HTTP', goal: '>= 60,000/s', met: rate >= 60_000 },
      { metric: `pull ${big.attributes.toLocaleString('en-US')} attributes (attributes per CPU-second of the pulling process)`, value: (big.attributes / big.cpuMs) * 1000, baseline: (base.attributes / base.cpuMs) * 1000, baselineName: 'baseline above, per CPU-second' },
      { metric: `pull ${small.attributes.toLocaleString('en-US')} attributes (attributes/s)`, value: (small.attributes / small.ms) * 1000 },
      { metric: `peak memory of the process pulling ${small.attributes.toLocaleString('en-US')} attributes, without the mapped database file (MB)`, value: small.peakOwnMb },
      { metric: `peak memory of the process pulling ${big.attributes.toLocaleString('en-US')} attributes, without the mapped database file (MB)`, value: big.peakOwnMb, goal: 'not growing with feed size', met: big.peakOwnMb < small.peakOwnMb * 1.5 },
      { metric: `peak RSS pulling ${small.attributes.toLocaleString('en-US')} attributes, mapped database pages included (MB)`, value: small.peakMb },
      { metric: `peak RSS pulling ${big.attributes.toLocaleString('en-US')} attributes, mapped database pages included (MB)`, value: big.peakMb },
    ];
    return { name: 'feed', rows, notes: [`the ${big.attributes.toLocaleString('en-US')}-attribute pull took ${(big.ms / 1000).toFixed(1)} s; MISP imports about 340 attributes/s at best.`, 'The feed is served by a child process. Cairn fetches several events at a time and stores them in batched transactions (up to 10,000 attributes each); parsing and storing share one thread (no worker thread yet), so the second core serves the feed.'] };
  },
};
