/**
 * bench/api: attribute restSearch by value over HTTP, 50 concurrent clients, on 1,000,000
 * attributes; Cairn on SQLite (goal >= 10,000 req/s, p99 <= 10 ms) next to a bare node:http
 * server doing one SQLite lookup per request, measured in the same run; then Cairn on
 * PostgreSQL (when reachable), and one 1,000-value restSearch. Data is bulk-inserted directly,
 * outside the measured time. Each server runs in its own process; autocannon in this one.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import os from 'node:os';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { addOrg, addUser, bootstrapAdmin, createKey } from '../src/core/tenancy.ts';
import { openDb, type Db } from '../src/storage/index.ts';
import type { Bench, BenchRow } from './lib.ts';

const ATTRS = Number(process.env['CAIRN_BENCH_API_ATTRS'] ?? 1_000_000);
const PER_EVENT = 1000;
const EVENTS = Math.ceil(ATTRS / PER_EVENT);
const SECONDS = Number(process.env['CAIRN_BENCH_API_SECONDS'] ?? 10);
const CONNECTIONS = 50;
const PG_URL = process.env['CAIRN_BENCH_PG_URL'] ?? process.env['CAIRN_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
const uuid = (kind: number, i: number) => `${hex(kind, 8)}-${hex((i >>> 16) & 0xffff, 4)}-4${hex((i >>> 4) & 0xfff, 3)}-8${hex(i & 0xf, 3)}-${hex(i, 12)}`;
/** Attribute i's value: an IPv4 address or a domain, unique per attribute. */
const valueOf = (i: number) => (i % 2 ? `10.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}` : `h${i}.example.net`);

interface Setup { readonly key: string; readonly orgIds: readonly number[] }

/** Orgs, a bench user (in the second org, so the distribution rules do real work) and its key. */
export async function tenancy(db: Db): Promise<Setup> {
  await bootstrapAdmin(db);
  const a = await addOrg(db, null, { name: 'Bench Org A' });
  const b = await addOrg(db, null, { name: 'Bench Org B' });
  const user = await addUser(db, null, { email: 'bench@bench.test', org: b.id, role: 'user' });
  return { key: (await createKey(db, null, { user: user.id })).key, orgIds: [a.id, b.id] };
}

// Event e: owned by org A or B, distribution 0..3 (a quarter private to A), published.
const eventRow = (e: number, orgIds: readonly number[]) => ({
  uuid: uuid(0xe0, e), info: `bench event ${e}`, date: '2024-01-01', threat_level: 2, analysis: 2, distribution: e % 4, published: 1, timestamp: 1700000000,
  publish_timestamp: 1700000000, org_id: orgIds[e % 2]!, orgc_id: orgIds[e % 2]!, attribute_count: PER_EVENT,
});

export function loadSqlite(path: string, orgIds: readonly number[]): void {
  const raw = new SQLite(path);
  raw.pragma('journal_mode = WAL');
  const ev = raw.prepare('insert into events (id, uuid, info, date, threat_level, analysis, distribution, published, timestamp, publish_timestamp, org_id, orgc_id, attribute_count) values (@id, @uuid, @info, @date, @threat_level, @analysis, @distribution, @published, @timestamp, @publish_timestamp, @org_id, @orgc_id, @attribute_count)');
  const at = raw.prepare("insert into attributes (id, uuid, event_id, category, type, value, value1, value2, to_ids, comment, distribution, timestamp) values (?, ?, ?, 'Network activity', ?, ?, ?, '', 1, '', 5, 1700000000)");
  raw.transaction(() => {
    for (let e = 1; e <= EVENTS; e++) {
      ev.run({ id: e, ...eventRow(e, orgIds) });
      for (let j = 0; j < PER_EVENT; j++) {
        const i = (e - 1) * PER_EVENT + j + 1;
        const v = valueOf(i);
        at.run(i, uuid(0xa0, i), e, i % 2 ? 'ip-dst' : 'domain', v, v);
      }
    }
  })();
  raw.pragma('optimize');
  raw.close();
}

export async function loadPostgres(db: Db, orgIds: readonly number[]): Promise<void> {
  const client = new pg.Client({ connectionString: db.location.includes('***') ? PG_URL : db.location });
  await client.connect();
  try {
    const evs = Array.from({ length: EVENTS }, (_, k) => ({ id: k + 1, ...eventRow(k + 1, orgIds) }));
    await client.query(
      "insert into events (id, uuid, info, date, threat_level, analysis, distribution, published, timestamp, publish_timestamp, org_id, orgc_id, attribute_count) select i, u, 'bench event ' || i, '2024-01-01', 2, 2, d, 1, 1700000000, 1700000000, o, o, $5 from unnest($1::int[], $2::text[], $3::int[], $4::int[]) as x(i, u, d, o)",
      [evs.map((e) => e.id), evs.map((e) => e.uuid), evs.map((e) => e.distribution), evs.map((e) => e.org_id), PER_EVENT],
    );
    const CHUNK = 20_000;
    for (let start = 1; start <= ATTRS; start += CHUNK) {
      const ids: number[] = [], uuids: string[] = [], evs: number[] = [], types: string[] = [], vals: string[] = [];
      for (let i = start; i < Math.min(start + CHUNK, ATTRS + 1); i++) {
        ids.push(i); uuids.push(uuid(0xa0, i)); evs.push(Math.ceil(i / PER_EVENT)); types.push(i % 2 ? 'ip-dst' : 'domain'); vals.push(valueOf(i));
      }
      await client.query(
        "insert into attributes (id, uuid, event_id, category, type, value, value1, value2, to_ids, comment, distribution, timestamp) select i, u, e, 'Network activity', t, v, v, '', 1, '', 5, 1700000000 from unnest($1::int[], $2::text[], $3::int[], $4::text[], $5::text[]) as x(i, u, e, t, v)",
        [ids, uuids, evs, types, vals],
      );
    }
    await client.query("select setval(pg_get_serial_sequence('attributes', 'id'), (select max(id) from attributes))");
    await client.query("select setval(pg_get_serial_sequence('events', 'id'), (select max(id) from events))");
    await client.query('analyze');
  } finally {
    await client.end();
  }
}

async function startChild(mode: 'cairn' | 'cairn2' | 'bare', url: string): Promise<{ port: number; child: ChildProcess }> {
  const child = fork(new URL('./_api-server.ts', import.meta.url).pathname, [mode, url], { execArgv: ['--import', 'tsx', ...(process.env['CAIRN_BENCH_PROFILE'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['CAIRN_BENCH_PROFILE']}`] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return { port, child };
}

interface Load { readonly rps: number; readonly p50: number; readonly p99: number; readonly errors: number; readonly non2xx: number }

async function hammer(port: number, key: string, seconds = SECONDS): Promise<Load> {
  let n = 0;
  const r = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/attributes/restSearch',
        headers: { authorization: key, accept: 'application/json', 'content-type': 'application/json' },
        setupRequest: (req) => {
          // A different value on every request, spread over the whole table (a quarter of them are in events hidden from this user).
          n = (n * 1103515245 + 12345) >>> 0;
          return { ...req, body: JSON.stringify({ returnFormat: 'json', value: valueOf(1 + (n % ATTRS)) }) };
        },
      },
    ],
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

async function warm(port: number, key: string): Promise<void> {
  await hammer(port, key, 2);
}

async function thousandValues(port: number, key: string): Promise<{ ms: number; hits: number; status: number }> {
  const values = Array.from({ length: 1000 }, (_, k) => valueOf(1 + ((k * 7919) % ATTRS)));
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/attributes/restSearch`, { method: 'POST', headers: { authorization: key, 'content-type': 'application/json' }, body: JSON.stringify({ returnFormat: 'json', value: values }) });
  const body = (await res.json()) as { response?: { Attribute?: unknown[] } };
  return { ms: performance.now() - t0, hits: body.response?.Attribute?.length ?? 0, status: res.status };
}

async function measure(mode: 'cairn' | 'cairn2' | 'bare', url: string, key: string): Promise<{ load: Load; thousand?: Awaited<ReturnType<typeof thousandValues>> }> {
  const { port, child } = await startChild(mode, url);
  try {
    await warm(port, key);
    const load = await hammer(port, key);
    return { load, ...(mode === 'cairn' ? { thousand: await thousandValues(port, key) } : {}) };
  } finally {
    child.kill();
  }
}

export const apiBench: Bench = {
  name: 'api',
  description: `attribute restSearch by value over HTTP, ${CONNECTIONS} concurrent clients for ${SECONDS}s, on ${ATTRS.toLocaleString('en-US')} attributes (${EVENTS} events), as an org user under the distribution rules; vs a bare node:http + one SQLite lookup`,
  async run() {
    const rows: BenchRow[] = [];
    const notes: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'cairn-bench-api-'));
    try {
      const path = join(dir, 'cairn.sqlite');
      const db = await openDb(path);
      const { key, orgIds } = await tenancy(db);
      await db.close();
      const t0 = performance.now();
      loadSqlite(path, orgIds);
      notes.push(`SQLite: ${ATTRS.toLocaleString('en-US')} attributes bulk-inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s (not measured)`);

      const bare = await measure('bare', path, key);
      const cairn = await measure('cairn', path, key);
      const met = cairn.load.rps >= 10_000 && cairn.load.p99 <= 10;
      rows.push({ metric: 'SQLite restSearch by value (req/s)', value: cairn.load.rps, baseline: bare.load.rps, baselineName: 'bare node:http + 1 SQLite lookup', goal: '>= 10,000 req/s', met: cairn.load.rps >= 10_000 });
      rows.push({ metric: 'SQLite restSearch p99 latency (ms)', value: cairn.load.p99, baseline: bare.load.p99, baselineName: 'bare node:http + 1 SQLite lookup', goal: '<= 10 ms', met: cairn.load.p99 <= 10 });
      rows.push({ metric: 'SQLite restSearch p50 latency (ms)', value: cairn.load.p50, baseline: bare.load.p50, baselineName: 'bare node:http + 1 SQLite lookup' });
      const two = await measure('cairn2', path, key);
      rows.push({ metric: 'SQLite restSearch, 2 worker processes (--workers 2) (req/s)', value: two.load.rps, baseline: bare.load.rps, baselineName: 'bare node:http + 1 SQLite lookup' });
      rows.push({ metric: 'SQLite restSearch, 2 worker processes, p99 latency (ms)', value: two.load.p99, baseline: bare.load.p99, baselineName: 'bare node:http + 1 SQLite lookup' });
      if (cairn.load.errors || cairn.load.non2xx) notes.push(`SQLite: ${cairn.load.errors} errors, ${cairn.load.non2xx} non-2xx responses`);
      if (cairn.thousand) {
        rows.push({ metric: 'SQLite 1,000-value restSearch, one request (ms)', value: cairn.thousand.ms, goal: 'answers (MISP fails this on 2M attributes)', met: cairn.thousand.status === 200 });
        notes.push(`SQLite 1,000-value restSearch: HTTP ${cairn.thousand.status}, ${cairn.thousand.hits} attributes visible to the bench user`);
      }
      notes.push(`goal ${met ? 'met' : 'NOT met'} on SQLite; load average during the run ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} cores (server, autocannon and anything else on the machine share them)`);

      // PostgreSQL, when reachable: same data, same load.
      let pgDb: Db | undefined;
      const schema = `bench_api_${process.pid}`;
      try {
        const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
        await admin.connect();
        await admin.query(`drop schema if exists ${schema} cascade`);
        await admin.query(`create schema ${schema}`);
        await admin.end();
        const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
        pgDb = await openDb(url);
        const setup = await tenancy(pgDb);
        const t1 = performance.now();
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.end();
        await loadPostgres({ ...pgDb, location: url }, setup.orgIds);
        await pgDb.close();
        pgDb = undefined;
        notes.push(`PostgreSQL: ${ATTRS.toLocaleString('en-US')} attributes bulk-inserted in ${((performance.now() - t1) / 1000).toFixed(1)} s (not measured)`);
        const p = await measure('cairn', url, setup.key);
        rows.push({ metric: 'PostgreSQL restSearch by value (req/s)', value: p.load.rps, baseline: bare.load.rps, baselineName: 'bare node:http + 1 SQLite lookup' });
        rows.push({ metric: 'PostgreSQL restSearch p99 latency (ms)', value: p.load.p99, baseline: bare.load.p99, baselineName: 'bare node:http + 1 SQLite lookup' });
        if (p.thousand) rows.push({ metric: 'PostgreSQL 1,000-value restSearch, one request (ms)', value: p.thousand.ms });
        if (p.load.errors || p.load.non2xx) notes.push(`PostgreSQL: ${p.load.errors} errors, ${p.load.non2xx} non-2xx responses`);
      } catch (e) {
        notes.push(`PostgreSQL at ${PG_URL.replace(/:[^:@/]*@/, ':***@')} not measured: ${(e as Error).message}`);
      } finally {
        await pgDb?.close();
        const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
        await admin.connect().then(() => admin.query(`drop schema if exists ${schema} cascade`)).catch(() => undefined).finally(() => admin.end().catch(() => undefined));
      }
      return { name: 'api', rows, notes };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
