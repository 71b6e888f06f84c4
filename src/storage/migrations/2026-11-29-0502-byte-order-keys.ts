import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context.ts';

/**
 * Correlation keys compare byte by byte on PostgreSQL too (collation "C"), as they always do on
 * SQLite. Related events read ranges of keys: the addresses of an event (`'ip4:' < key < 'ip4;'`),
 * the addresses inside a network (`lo_key <= key <= hi_key`), and the stored network prefixes by
 * skipping past `prefix/~`. Under a database's locale collation (en_US, ICU) punctuation is
 * ignored at first, so those ranges missed every address, and the prefix skip returned the same
 * network again forever. SQLite's text comparison is already binary: nothing to do there.
 */
const COLUMNS: readonly (readonly [table: string, column: string, type: string])[] = [
  ['correlation_entries', 'key', 'text'],
  ['correlation_values', 'key', 'text'],
  ['correlation_nets', 'net_key', 'varchar(64)'],
  ['correlation_nets', 'lo_key', 'varchar(40)'],
  ['correlation_nets', 'hi_key', 'varchar(40)'],
];

export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await collate(db, ctx, '"C"');
}

export async function down(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await collate(db, ctx, '"default"');
}

async function collate(db: Kysely<any>, ctx: MigrationContext, collation: string): Promise<void> {
  if (ctx.dialect !== 'postgres') return;
  // Table, column and type names are this file's constants; the indexes on them are rebuilt.
  for (const [table, column, type] of COLUMNS) {
    await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type ${sql.raw(type)} collate ${sql.raw(collation)}`.execute(db);
  }
}
