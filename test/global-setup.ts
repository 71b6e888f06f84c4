/**
 * Test schemas on PostgreSQL (`t_<run>_…`, <run> being this process's pid) are dropped at the
 * end of their own run, and before a run those of runs that are no longer alive; never while
 * suites run: Kysely's migrator lists the tables of every schema, and a schema dropped by one
 * test process while another lists them fails that other test ("schema does not exist").
 * Several runs (worktrees, CI beside a developer) can so share one database.
 */
import pg from 'pg';

const PG_URL = process.env['CAIRN_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

const RUN = String(process.pid);
process.env['CAIRN_TEST_RUN'] = RUN;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drops this run's schemas (`own`), or those of runs no longer alive. */
async function dropTestSchemas(which: 'own' | 'stale'): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
  } catch {
    return; // No PostgreSQL here: the suites say so themselves.
  }
  try {
    const { rows } = await c.query<{ nspname: string }>("select nspname from pg_namespace where nspname like 't\\_%'");
    for (const r of rows) {
      const run = r.nspname.split('_')[1] ?? '';
      const drop = which === 'own' ? run === RUN : !/^\d+$/.test(run) || (run !== RUN && !alive(Number(run)));
      if (drop) await c.query(`drop schema if exists "${r.nspname}" cascade`);
    }
  } finally {
    await c.end();
  }
}

export async function setup(): Promise<void> {
  await dropTestSchemas('stale');
}

export async function teardown(): Promise<void> {
  await dropTestSchemas('own');
}
