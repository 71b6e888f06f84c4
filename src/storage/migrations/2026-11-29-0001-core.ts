import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.ts';

/** The MISP core model: organisations, events, objects, attributes, tags, galaxies, sightings. */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const id = ctx.idType;
  const big = ctx.bigint;

  await db.schema
    .createTable('orgs')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('uuid', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('local', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', big, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('uuid', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('info', 'text', (c) => c.notNull())
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('threat_level', 'integer', (c) => c.notNull())
    .addColumn('analysis', 'integer', (c) => c.notNull())
    .addColumn('distribution', 'integer', (c) => c.notNull())
    .addColumn('sharing_group_uuid', 'varchar(36)')
    .addColumn('published', 'integer', (c) => c.notNull())
    .addColumn('timestamp', big, (c) => c.notNull())
    .addColumn('publish_timestamp', big, (c) => c.notNull())
    .addColumn('disable_correlation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extends_uuid', 'varchar(36)', (c) => c.notNull().defaultTo(''))
    .addColumn('org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('orgc_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('attribute_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extra', 'text')
    .execute();
  await db.schema.createIndex('events_date').on('events').column('date').execute();
  await db.schema.createIndex('events_timestamp').on('events').column('timestamp').execute();

  await db.schema
    .createTable('objects')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('uuid', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('meta_category', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('template_uuid', 'varchar(36)', (c) => c.notNull())
    .addColumn('template_version', 'varchar(16)', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('distribution', 'integer', (c) => c.notNull())
    .addColumn('sharing_group_uuid', 'varchar(36)')
    .addColumn('timestamp', big, (c) => c.notNull())
    .addColumn('first_seen', 'varchar(40)')
    .addColumn('last_seen', 'varchar(40)')
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extra', 'text')
    .execute();
  await db.schema.createIndex('objects_event').on('objects').column('event_id').execute();

  await db.schema
    .createTable('attributes')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('uuid', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('object_id', 'integer', (c) => c.references('objects.id').onDelete('cascade'))
    .addColumn('object_relation', 'varchar(255)')
    .addColumn('category', 'varchar(255)', (c) => c.notNull())
    .addColumn('type', 'varchar(100)', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('value1', 'text', (c) => c.notNull())
    .addColumn('value2', 'text', (c) => c.notNull())
    .addColumn('to_ids', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('distribution', 'integer', (c) => c.notNull())
    .addColumn('sharing_group_uuid', 'varchar(36)')
    .addColumn('timestamp', big, (c) => c.notNull())
    .addColumn('first_seen', 'varchar(40)')
    .addColumn('last_seen', 'varchar(40)')
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disable_correlation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('redacted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extra', 'text')
    .execute();
  await db.schema.createIndex('attributes_event').on('attributes').column('event_id').execute();
  await db.schema.createIndex('attributes_object').on('attributes').column('object_id').execute();
  await db.schema.createIndex('attributes_value1').on('attributes').column('value1').execute();
  await db.schema.createIndex('attributes_value2').on('attributes').column('value2').execute();
  await db.schema.createIndex('attributes_type').on('attributes').column('type').execute();

  await db.schema
    .createTable('object_references')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('uuid', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('object_id', 'integer', (c) => c.notNull().references('objects.id').onDelete('cascade'))
    .addColumn('referenced_uuid', 'varchar(36)', (c) => c.notNull())
    .addColumn('relationship_type', 'varchar(255)', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('timestamp', big, (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extra', 'text')
    .execute();
  await db.schema.createIndex('object_references_object').on('object_references').column('object_id').execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'varchar(255)', (c) => c.notNull().unique())
    .addColumn('colour', 'varchar(7)', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('event_tags')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id'))
    .addColumn('local', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('event_tags_pk', ['event_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('event_tags_tag').on('event_tags').column('tag_id').execute();

  await db.schema
    .createTable('attribute_tags')
    .addColumn('attribute_id', 'integer', (c) => c.notNull().references('attributes.id').onDelete('cascade'))
    .addColumn('event_id', 'integer', (c) => c.notNull())
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id'))
    .addColumn('local', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('attribute_tags_pk', ['attribute_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('attribute_tags_tag').on('attribute_tags').column('tag_id').execute();
  await db.schema.createIndex('attribute_tags_event').on('attribute_tags').column('event_id').execute();

  await db.schema
    .createTable('galaxy_clusters')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('uuid', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('tag_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('galaxy_type', 'varchar(255)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('galaxy_clusters_tag').on('galaxy_clusters').column('tag_name').execute();

  await db.schema
    .createTable('sightings')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('uuid', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('attribute_id', 'integer', (c) => c.notNull().references('attributes.id').onDelete('cascade'))
    .addColumn('event_id', 'integer', (c) => c.notNull())
    .addColumn('org_uuid', 'varchar(36)')
    .addColumn('org_name', 'varchar(255)')
    .addColumn('type', 'integer', (c) => c.notNull())
    .addColumn('source', 'varchar(255)', (c) => c.notNull())
    .addColumn('timestamp', big, (c) => c.notNull())
    .addColumn('extra', 'text')
    .execute();
  await db.schema.createIndex('sightings_attribute').on('sightings').column('attribute_id').execute();
  await db.schema.createIndex('sightings_event').on('sightings').column('event_id').execute();

  await db.schema
    .createTable('event_reports')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('uuid', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('distribution', 'integer', (c) => c.notNull())
    .addColumn('sharing_group_uuid', 'varchar(36)')
    .addColumn('timestamp', big, (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extra', 'text')
    .execute();

  await db.schema
    .createTable('proposals')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('uuid', 'varchar(36)', (c) => c.notNull())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposals_event').on('proposals').column('event_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['proposals', 'event_reports', 'sightings', 'galaxy_clusters', 'attribute_tags', 'event_tags', 'tags', 'object_references', 'attributes', 'objects', 'events', 'orgs']) {
    await db.schema.dropTable(t).execute();
  }
}
