import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context.ts';

/**
 * Attribute indexes only where they can match: `object_id` for attributes in an object,
 * `value2` for composite values. Most attributes have neither, and keeping their entries in
 * these two indexes cost about a third of an attribute insert (measured on 100,000 inserts
 * into the full schema: 16,800 rows per CPU-second with them, 23,500 with either left out).
 * Lookups `object_id = ?` imply `object_id is not null`; queries on value2 say `value2 <> ''`.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema.dropIndex('attributes_object').execute();
  await db.schema.createIndex('attributes_object').on('attributes').column('object_id').where(sql.ref('object_id'), 'is not', null).execute();
  await value2Index(db, ctx, true);
}

export async function down(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema.dropIndex('attributes_object').execute();
  await db.schema.createIndex('attributes_object').on('attributes').column('object_id').execute();
  await value2Index(db, ctx, false);
}

/** The value2 index again, partial or whole; a hash index on PostgreSQL (migration 0010: values of any length). */
async function value2Index(db: Kysely<any>, ctx: MigrationContext, partial: boolean): Promise<void> {
  await db.schema.dropIndex('attributes_value2').execute();
  await db.schema
    .createIndex('attributes_value2')
    .on('attributes')
    .$call((b) => (ctx.dialect === 'postgres' ? b.using('hash') : b))
    .column('value2')
    .$call((b) => (partial ? b.where(sql.ref('value2'), '<>', '') : b))
    .execute();
}
