import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.ts';

/**
 * Feeds to pull (MISP, freetext, CSV); the fields of a tag Cairn does not model (`exportable`, ...);
 * on PostgreSQL, attribute value indexes that take values of any length.
 */
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
  if (ctx.dialect === 'postgres') {
    // A btree entry holds at most 2,704 bytes: a long MISP text or snort value could not be stored.
    // Hash indexes serve the same equality lookups with no size limit.
    for (const col of ['value1', 'value2']) {
      await db.schema.dropIndex(`attributes_${col}`).execute();
      await db.schema.createIndex(`attributes_${col}`).on('attributes').using('hash').column(col).execute();
    }
  }
}

export async function down(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect === 'postgres') {
    for (const col of ['value1', 'value2']) {
      await db.schema.dropIndex(`attributes_${col}`).execute();
      await db.schema.createIndex(`attributes_${col}`).on('attributes').column(col).execute();
    }
  }
  await db.schema.alterTable('tags').dropColumn('extra').execute();
  await db.schema.dropTable('feeds').execute();
}
