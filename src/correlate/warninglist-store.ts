import type { Executor } from '../storage/index.ts';
import { BUILTIN_WARNINGLISTS } from './warninglist-builtin.ts';
import { compileWarninglists, WarninglistSchema, type Warninglist, type WarninglistMatcher } from './warninglist.ts';

export interface WarninglistInfo {
  readonly name: string;
  readonly type: string;
  readonly version: number;
  readonly description: string;
  readonly entries: number;
  readonly enabled: boolean;
  /** builtin, directory or misp. */
  readonly source: string;
}

/** Stores lists by name (replacing their entries, keeping whether each is enabled). Returns how many were written. */
export async function saveWarninglists(db: Executor, lists: readonly Warninglist[], source: 'directory' | 'misp'): Promise<number> {
  for (const l of lists) {
    const row = {
      name: l.name,
      version: l.version,
      description: l.description,
      type: l.type,
      category: l.category,
      matching_attributes: JSON.stringify(l.matching_attributes),
      entries: JSON.stringify(l.list),
      entry_count: l.list.length,
      source,
    };
    const found = await db.selectFrom('warninglists').select('id').where('name', '=', l.name).executeTakeFirst();
    if (found) await db.updateTable('warninglists').set(row).where('id', '=', found.id).execute();
    else await db.insertInto('warninglists').values({ ...row, enabled: 1 }).execute();
  }
  return lists.length;
}

/** Every list, built-in and stored, with whether it is enabled. */
export async function listWarninglists(db: Executor): Promise<WarninglistInfo[]> {
  const rows = await db.selectFrom('warninglists').select(['name', 'type', 'version', 'description', 'entry_count', 'enabled', 'source']).orderBy('name').execute();
  const byName = new Map(rows.map((r) => [r.name, r]));
  const builtins = BUILTIN_WARNINGLISTS.map((b) => ({
    name: b.name,
    type: b.type,
    version: b.version,
    description: b.description,
    entries: b.list.length,
    enabled: byName.get(b.name)?.enabled !== 0,
    source: 'builtin',
  }));
  const stored = rows
    .filter((r) => r.source !== 'builtin')
    .map((r) => ({ name: r.name, type: r.type, version: r.version, description: r.description, entries: r.entry_count, enabled: r.enabled === 1, source: r.source }));
  return [...builtins, ...stored];
}

/** Enables or disables a list by name; false when there is no such list. */
export async function setWarninglistEnabled(db: Executor, name: string, enabled: boolean): Promise<boolean> {
  const builtin = BUILTIN_WARNINGLISTS.find((b) => b.name === name);
  const found = await db.selectFrom('warninglists').select('id').where('name', '=', name).executeTakeFirst();
  if (found) {
    await db.updateTable('warninglists').set({ enabled: enabled ? 1 : 0 }).where('id', '=', found.id).execute();
    return true;
  }
  if (!builtin) return false;
  // A built-in list gets a row only to remember its state; its entries live in the code.
  await db
    .insertInto('warninglists')
    .values({ name, version: builtin.version, description: builtin.description, type: builtin.type, category: builtin.category, matching_attributes: '[]', entries: '[]', entry_count: 0, enabled: enabled ? 1 : 0, source: 'builtin' })
    .execute();
  return true;
}

/**
 * The enabled lists compiled into one matcher. Compile once per import, search or export,
 * then call `hits(type, value)` per attribute.
 *
 * @example const m = await warninglistMatcher(db.kysely); m.hits('md5', 'd41d8cd98f00b204e9800998ecf8427e')
 */
export async function warninglistMatcher(db: Executor): Promise<WarninglistMatcher> {
  const rows = await db.selectFrom('warninglists').selectAll().where('enabled', '=', 1).execute();
  const disabled = new Set((await db.selectFrom('warninglists').select('name').where('enabled', '=', 0).execute()).map((r) => r.name));
  const lists: Warninglist[] = BUILTIN_WARNINGLISTS.filter((b) => !disabled.has(b.name));
  for (const r of rows) {
    if (r.source === 'builtin') continue;
    const parsed = WarninglistSchema.safeParse({
      name: r.name,
      type: r.type,
      version: r.version,
      description: r.description,
      category: r.category,
      matching_attributes: JSON.parse(r.matching_attributes),
      list: JSON.parse(r.entries),
    });
    if (parsed.success) lists.push(parsed.data);
  }
  return compileWarninglists(lists);
}
