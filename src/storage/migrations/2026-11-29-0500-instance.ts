import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.ts';

/** Settings of this instance, by name; first of them its uuid (MISP.uuid), made once here and never changed. */
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('instance_settings')
    .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('instance_settings').values({ name: 'uuid', value: randomUUID() }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('instance_settings').execute();
}
