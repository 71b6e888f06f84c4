/**
 * What a migration may know of the database it runs on: the column types that differ between
 * SQLite and PostgreSQL. Migrations import nothing else from the app.
 */
export interface MigrationContext {
  readonly dialect: 'sqlite' | 'postgres';
  /** An auto-incrementing integer primary key column type. */
  readonly idType: 'integer' | 'serial';
  /** A 64-bit integer (unix times, counters). */
  readonly bigint: 'integer' | 'bigint';
}
