import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.ts';

/** Tenancy: organisation details, roles, users, API keys, sharing groups and the audit log. */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const id = ctx.idType;
  const big = ctx.bigint;

  await db.schema.alterTable('orgs').addColumn('description', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('orgs').addColumn('type', 'varchar(255)', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('orgs').addColumn('nationality', 'varchar(255)', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('orgs').addColumn('sector', 'varchar(255)', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.createIndex('events_org').on('events').column('org_id').execute();

  // A closed set of roles; the rows exist so that users reference them and MISP's role ids stay stable.
  await db.schema
    .createTable('roles')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'varchar(64)', (c) => c.notNull().unique())
    .execute();
  await db
    .insertInto('roles')
    .values([
      { id: 1, name: 'admin' },
      { id: 2, name: 'org_admin' },
      { id: 3, name: 'user' },
      { id: 4, name: 'publisher' },
      { id: 5, name: 'sync' },
      { id: 6, name: 'read_only' },
    ])
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('email', 'varchar(255)', (c) => c.notNull().unique())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('role_id', 'integer', (c) => c.notNull().references('roles.id'))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', big, (c) => c.notNull())
    .addColumn('last_login', big, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('users_org').on('users').column('org_id').execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // SHA-256 of the key, hex: the key itself is never stored.
    .addColumn('key_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('key_start', 'varchar(4)', (c) => c.notNull())
    .addColumn('key_end', 'varchar(4)', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created', big, (c) => c.notNull())
    .addColumn('expires', big, (c) => c.notNull().defaultTo(0))
    .addColumn('last_used', big, (c) => c.notNull().defaultTo(0))
    .addColumn('revoked', big, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('api_keys_user').on('api_keys').column('user_id').execute();

  await db.schema
    .createTable('sharing_groups')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('uuid', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(255)', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('releasability', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    // MISP's "all organisations of this instance" server entry.
    .addColumn('all_local_orgs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created', big, (c) => c.notNull())
    .addColumn('modified', big, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sharing_group_orgs')
    .addColumn('sharing_group_id', 'integer', (c) => c.notNull().references('sharing_groups.id').onDelete('cascade'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('extend', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('sharing_group_orgs_pk', ['sharing_group_id', 'org_id'])
    .execute();
  await db.schema.createIndex('sharing_group_orgs_org').on('sharing_group_orgs').column('org_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('created', big, (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('org_id', 'integer')
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('model', 'varchar(32)', (c) => c.notNull())
    .addColumn('model_id', 'integer')
    .addColumn('model_uuid', 'varchar(36)')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema.createIndex('audit_log_created').on('audit_log').column('created').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['audit_log', 'sharing_group_orgs', 'sharing_groups', 'api_keys', 'users', 'roles']) await db.schema.dropTable(t).execute();
  await db.schema.dropIndex('events_org').execute();
  for (const c of ['description', 'type', 'nationality', 'sector']) await db.schema.alterTable('orgs').dropColumn(c).execute();
}
