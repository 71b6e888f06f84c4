import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.ts';

/** Feeds to pull (MISP, freetext, CSV), and the fields of a tag Cairn does not model (`exportable`, ...). */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('feeds')
    .addColumn('id', ctx.idType, (c) => c.primaryKey())
    .addColumn('name', 'varchar(255)', (c) => c.notNull().unique())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('format', 'varchar(16)', (c) => c.notNull())
    .addColumn('allow_private', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('options', 'text')
    .addColumn('created', ctx.bigint, (c) => c.notNull())
    .addColumn('last_pulled', ctx.bigint)
    .execute();
  await db.schema.alterTable('tags').addColumn('extra', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tags').dropColumn('extra').execute();
  await db.schema.dropTable('feeds').execute();
}
