import type { Executor } from './executor.ts';

/** This instance's uuid (MISP.uuid): made once by the migration, the same for every start. */
export async function instanceUuid(db: Executor): Promise<string> {
  const r = await db.selectFrom('instance_settings').select('value').where('name', '=', 'uuid').executeTakeFirstOrThrow();
  return r.value;
}
