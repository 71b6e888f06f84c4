/**
 * Test schemas on PostgreSQL are dropped once before and once after the whole run, never while
 * suites run: Kysely's migrator lists the tables of every schema, and a schema dropped by one
 * test process while another lists them fails that other test ("schema does not exist").
 */
import pg from 'pg';

const PG_URL = process.env['CAIRN_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function dropTestSchemas(): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
  } catch {
    return; // No PostgreSQL here: the suites say so themselves.
  }
  try {
    const { rows } = await c.query<{ nspname: string }>("select nspname from pg_namespace where nspname like 't\\_%'");
    for (const r of rows) await c.query(`drop schema if exists "${r.nspname}" cascade`);
  } finally {
    await c.end();
  }
}

export async function setup(): Promise<void> {
  await dropTestSchemas();
}

export async function teardown(): Promise<void> {
  await dropTestSchemas();
}
