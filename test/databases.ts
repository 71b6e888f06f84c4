/**
 * Runs a storage suite on every database: SQLite always, PostgreSQL when reachable (and
 * always under CI, where CAIRN_REQUIRE_PG=1 turns "unreachable" into a failure).
 * Each test gets its own fresh database: a temporary SQLite file, or a fresh PostgreSQL schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import { openDb, type Db } from '../src/storage/index.ts';

export const PG_URL = process.env['CAIRN_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const REQUIRE_PG = process.env['CAIRN_REQUIRE_PG'] === '1';

async function pgReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

const havePg = await pgReachable();
if (!havePg && REQUIRE_PG) throw new Error(`CAIRN_REQUIRE_PG=1 but PostgreSQL at ${PG_URL} is unreachable`);
if (!havePg) console.warn(`PostgreSQL at ${PG_URL} is unreachable: PostgreSQL storage suites are SKIPPED (set CAIRN_TEST_PG_URL)`);

export interface TestDb {
  /** A URL or path that `openDb` (or `cairn --db`) accepts. */
  readonly url: string;
  open(): Promise<Db>;
  dispose(): Promise<void>;
}

/** A fresh, empty database of the named kind. */
export async function freshDb(kind: 'sqlite' | 'postgres'): Promise<TestDb> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-test-'));
    const url = join(dir, 'cairn.sqlite');
    return { url, open: () => openDb(url), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  // t_<run>_…: the run's global setup owns it (test/global-setup.ts), so runs side by side keep theirs.
  const schema = `t_${process.env['CAIRN_TEST_RUN'] ?? process.pid}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    url,
    open: () => openDb(url),
    // Dropped after the whole run by test/global-setup.ts, never mid-run.
    dispose: async () => undefined,
  };
}

export const DB_KINDS = (['sqlite', 'postgres'] as const).filter((k) => k === 'sqlite' || havePg);

/**
 * `describe` once per database kind. The callback receives `fresh()`, which opens a new
 * empty database and registers it for disposal by the caller's afterEach.
 */
export function describeEachDb(name: string, fn: (kind: 'sqlite' | 'postgres') => void): void {
  for (const kind of DB_KINDS) describe(`${name} [${kind}]`, () => fn(kind));
}

/**
 * Inside a `describeEachDb` block: a fresh open database of `kind` for each test, closed after
 * it. Read `current()` inside tests and hooks.
 *
 * @example const db = useFreshDb(kind); it('...', async () => { await saveEvent(db.current().kysely, ev); });
 */
export function useFreshDb(kind: 'sqlite' | 'postgres'): { current(): Db; url(): string } {
  let t: TestDb | undefined;
  let db: Db | undefined;
  beforeEach(async () => {
    t = await freshDb(kind);
    db = await t.open();
  });
  afterEach(async () => {
    await db?.close();
    await t?.dispose();
  });
  return {
    current: () => db ?? (() => { throw new Error('useFreshDb: no database outside a test'); })(),
    url: () => t?.url ?? '',
  };
}
