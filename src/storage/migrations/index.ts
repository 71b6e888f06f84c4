import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.ts';
import * as core from './2026-11-29-0001-core.ts';
import * as feeds from './2026-11-29-0010-feeds.ts';
import * as tenancy from './2026-11-29-0100-tenancy.ts';
import * as correlation from './2026-11-29-0401-correlation.ts';
import * as instance from './2026-11-29-0500-instance.ts';
import * as partialIndexes from './2026-11-29-0501-partial-indexes.ts';
import * as byteOrderKeys from './2026-11-29-0502-byte-order-keys.ts';

export type { MigrationContext };

export interface CairnMigration {
  up(db: Kysely<any>, ctx: MigrationContext): Promise<void>;
  down?(db: Kysely<any>, ctx: MigrationContext): Promise<void>;
}

/** Every migration, by name, in order. Add a migration here, nowhere else. */
export const MIGRATIONS: Readonly<Record<string, CairnMigration>> = {
  '2026-11-29-0001-core': core,
  '2026-11-29-0010-feeds': feeds,
  '2026-11-29-0100-tenancy': tenancy,
  '2026-11-29-0401-correlation': correlation,
  '2026-11-29-0500-instance': instance,
  '2026-11-29-0501-partial-indexes': partialIndexes,
  '2026-11-29-0502-byte-order-keys': byteOrderKeys,
};
