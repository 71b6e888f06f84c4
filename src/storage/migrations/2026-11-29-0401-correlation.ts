import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context.ts';

/**
 * Correlation, warninglists, taxonomies and galaxy synonyms. Correlation is stored per
 * attribute (one entry per correlation key), never per pair: pairs are derived at query time.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const id = ctx.idType;
  // Clustered by event so an event's entries are one range (fast delete, appended on import).
  await db.schema
    .createTable('correlation_entries')
    .addColumn('event_id', 'integer', (c) => c.notNull())
    .addColumn('attribute_id', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('correlation_entries_pk', ['event_id', 'attribute_id', 'key'])
    .$call((b) => (ctx.dialect === 'sqlite' ? b.modifyEnd(sql`without rowid`) : b))
    .execute();
  await db.schema.createIndex('correlation_entries_key').on('correlation_entries').columns(['key', 'event_id']).execute();

  await db.schema
    .createTable('correlation_values')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('events', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('correlation_values_events').on('correlation_values').column('events').execute();

  await db.schema
    .createTable('correlation_nets')
    .addColumn('event_id', 'integer', (c) => c.notNull())
    .addColumn('attribute_id', 'integer', (c) => c.notNull())
    .addColumn('net_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('lo_key', 'varchar(40)', (c) => c.notNull())
    .addColumn('hi_key', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('correlation_nets_pk', ['event_id', 'attribute_id'])
    .execute();
  await db.schema.createIndex('correlation_nets_key').on('correlation_nets').column('net_key').execute();

  await db.schema
    .createTable('warninglists')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'varchar(255)', (c) => c.notNull().unique())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('category', 'varchar(32)', (c) => c.notNull())
    .addColumn('matching_attributes', 'text', (c) => c.notNull())
    .addColumn('entries', 'text', (c) => c.notNull())
    .addColumn('entry_count', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('source', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('taxonomies')
    .addColumn('namespace', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('galaxy_synonyms')
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('cluster_uuid', 'varchar(36)', (c) => c.notNull())
    .addPrimaryKeyConstraint('galaxy_synonyms_pk', ['name', 'cluster_uuid'])
    .execute();
  await db.schema.createIndex('galaxy_synonyms_cluster').on('galaxy_synonyms').column('cluster_uuid').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['galaxy_synonyms', 'taxonomies', 'warninglists', 'correlation_nets', 'correlation_values', 'correlation_entries']) {
    await db.schema.dropTable(t).execute();
  }
}
