import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, sql, PostgresDialect, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { CairnError } from '../errors.ts';
import { MIGRATIONS, type MigrationContext } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { cachingDatabase } from './statement-cache.ts';

export type DialectName = 'sqlite' | 'postgres';

/** An open database: the Kysely handle, which engine it is, and how to close it. */
export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectName;
  /** Where it lives: a file path or a URL without its password. */
  readonly location: string;
  /**
   * SQLite only: the connection under Kysely, for fast paths (cached prepared statements,
   * row arrays). It is Kysely's one connection, so statements run inside Kysely's current
   * transaction; use it only while holding that connection (`db.kysely.transaction()` or
   * `db.kysely.connection()`), so that no other Kysely work interleaves.
   */
  readonly sqlite?: SqliteHandle;
  /**
   * SQLite only: a statement from the prepared-statement cache Kysely's queries go through
   * (statement-cache.ts). Shared with Kysely, so rows come as objects; see `readRows`.
   */
  readonly sqlitePrepare?: (sql: string) => { all(parameters: readonly unknown[]): unknown[] };
  /**
   * PostgreSQL only: runs a read as a named prepared statement on a pooled connection, so the
   * server plans it once per connection instead of on every run; see `readRows`.
   */
  readonly pgPrepared?: (sql: string, parameters: readonly unknown[]) => Promise<unknown[]>;
  close(): Promise<void>;
}

/** The few better-sqlite3 methods the fast paths call (the narrowest shape, as Kysely declares it). */
export interface SqliteHandle {
  prepare(sql: string): SqliteStatement;
  /** Whether a transaction is open on the connection. */
  readonly inTransaction: boolean;
}

export interface SqliteStatement {
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  /** Rows as arrays instead of objects (readers only). */
  raw(toggle?: boolean): this;
}

export interface OpenOptions {
  /** Run pending migrations on open (the default). */
  readonly migrate?: boolean;
}

// PostgreSQL returns int8 and numeric as strings; Cairn's bigints are unix times and counts.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/**
 * Opens `url`: a `postgres://` or `postgresql://` URL, or a SQLite file path (`:memory:` too).
 * Runs pending migrations unless told not to.
 *
 * @example const db = await openDb('./cairn.sqlite'); ... await db.close();
 */
export async function openDb(url: string, options: OpenOptions = {}): Promise<Db> {
  const db = /^postgres(ql)?:\/\//i.test(url) ? openPostgres(url) : openSqlite(url);
  if (options.migrate !== false) {
    try {
      await migrate(db);
    } catch (e) {
      await db.close();
      throw e;
    }
  }
  return db;
}

function openSqlite(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let raw: SQLite.Database;
  try {
    raw = new SQLite(path);
  } catch (e) {
    throw new CairnError('INVALID_INPUT', `cannot open the SQLite database ${path}`, {
      cause: e,
      hint: 'check the path given with --db or CAIRN_DB',
    });
  }
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('cache_size = -65536');
  // Reads through a memory map of the first GiB instead of a read() into SQLite's cache per
  // page: a restSearch by value on 1M attributes went from ~22 to ~17.6 us of SQLite time,
  // the bare one-lookup baseline from ~17 to ~12.6 us (its pages outgrow the 64 MB cache).
  // Writes still go through the WAL.
  raw.pragma('mmap_size = 1073741824');
  // Checkpoint every 64 MB of WAL instead of SQLite's 4 MB: a bulk import rewrote the same
  // index pages into the database file at every checkpoint (bench/feed: the 100,000-attribute
  // pull went from 0.38x to 0.50x of its same-run baseline). The WAL is cut back after.
  raw.pragma('wal_autocheckpoint = 16384');
  raw.pragma('journal_size_limit = 67108864');
  const cached = cachingDatabase(raw);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
  return { kysely, dialect: 'sqlite', location: path, sqlite: raw, sqlitePrepare: (text) => cached.prepare(text), close: () => kysely.destroy() };
}

/** Named statements per pool (each connection prepares one on its first use of it). */
const MAX_PG_STATEMENTS = 500;

function openPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const location = url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@');
  // Statement names by SQL text. Planning the one-value restSearch took longer than running it
  // (~0.4 of ~1 ms); named, it ran in 0.3-0.4 ms. Bounded: past the cap, texts run unnamed.
  const names = new Map<string, string>();
  const pgPrepared = async (text: string, parameters: readonly unknown[]): Promise<unknown[]> => {
    let name = names.get(text);
    if (name === undefined && names.size < MAX_PG_STATEMENTS) names.set(text, (name = `cairn_${names.size + 1}`));
    return (await pool.query({ text, values: [...parameters], ...(name ? { name } : {}) })).rows as unknown[];
  };
  return { kysely, dialect: 'postgres', location, pgPrepared, close: () => kysely.destroy() };
}

/** Brings the schema up to date; idempotent. */
export async function migrate(db: Db): Promise<void> {
  const ctx: MigrationContext =
    db.dialect === 'sqlite'
      ? { dialect: 'sqlite', idType: 'integer', bigint: 'integer' }
      : { dialect: 'postgres', idType: 'serial', bigint: 'bigint' };
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(MIGRATIONS)) {
        out[name] = {
          up: (k) => m.up(k, ctx),
          ...(m.down ? { down: (k: Kysely<any>) => m.down!(k, ctx) } : {}),
        };
      }
      return out;
    },
  };
  // Kysely looks for its migration table in every schema; name ours so that a database with
  // several Cairn schemas (one per test, or per tenant) migrates each on its own.
  const schema =
    db.dialect === 'postgres'
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db.kysely)).rows[0]?.s
      : undefined;
  const { error, results } = await new Migrator({ db: db.kysely, provider, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new CairnError('INTERNAL', `database migration ${failed} failed on ${db.location}`, {
      cause: error,
      hint: 'the database may be from a newer Cairn, or damaged; try a fresh --db path',
    });
  }
}
