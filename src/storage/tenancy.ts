import type { Executor } from './executor.ts';

/** Rows and lookups of organisations, users, API keys and sharing groups. */

export interface OrgRow {
  readonly id: number;
  readonly uuid: string;
  readonly name: string;
  readonly local: boolean;
  readonly description: string;
  readonly type: string;
  readonly nationality: string;
  readonly sector: string;
  readonly created: number;
}

export interface UserRow {
  readonly id: number;
  readonly email: string;
  readonly orgId: number;
  readonly roleId: number;
  readonly disabled: boolean;
  readonly created: number;
  readonly lastLogin: number;
}

export interface KeyRow {
  readonly id: number;
  readonly userId: number;
  readonly keyStart: string;
  readonly keyEnd: string;
  readonly comment: string;
  readonly created: number;
  readonly expires: number;
  readonly lastUsed: number;
  readonly revoked: number;
}

export interface SharingGroupRow {
  readonly id: number;
  readonly uuid: string;
  readonly name: string;
  readonly description: string;
  readonly releasability: string;
  readonly orgId: number;
  readonly allLocalOrgs: boolean;
  readonly active: boolean;
  readonly created: number;
  readonly modified: number;
  readonly orgIds: readonly number[];
}

const orgCols = ['id', 'uuid', 'name', 'local', 'description', 'type', 'nationality', 'sector', 'created'] as const;
const toOrg = (r: { id: number; uuid: string; name: string; local: number; description: string; type: string; nationality: string; sector: string; created: number }): OrgRow => ({
  ...r,
  local: r.local === 1,
});

export async function insertOrg(db: Executor, o: { uuid: string; name: string; local: boolean; description?: string; type?: string; nationality?: string; sector?: string }, now: number): Promise<OrgRow> {
  const { id } = await db
    .insertInto('orgs')
    .values({ uuid: o.uuid, name: o.name, local: o.local ? 1 : 0, created: now, description: o.description ?? '', type: o.type ?? '', nationality: o.nationality ?? '', sector: o.sector ?? '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findOrg(db, id))!;
}

/** An organisation by numeric id, uuid or exact name. */
export async function findOrg(db: Executor, key: number | string): Promise<OrgRow | undefined> {
  const q = db.selectFrom('orgs').select(orgCols);
  const r = await (typeof key === 'number' ? q.where('id', '=', key) : q.where((eb) => eb.or([eb('uuid', '=', key.toLowerCase()), eb('name', '=', key)]))).executeTakeFirst();
  return r ? toOrg(r) : undefined;
}

export async function listOrgs(db: Executor): Promise<OrgRow[]> {
  return (await db.selectFrom('orgs').select(orgCols).orderBy('id').execute()).map(toOrg);
}

const userCols = ['id', 'email', 'org_id', 'role_id', 'disabled', 'created', 'last_login'] as const;
const toUser = (r: { id: number; email: string; org_id: number; role_id: number; disabled: number; created: number; last_login: number }): UserRow => ({
  id: r.id,
  email: r.email,
  orgId: r.org_id,
  roleId: r.role_id,
  disabled: r.disabled === 1,
  created: r.created,
  lastLogin: r.last_login,
});

export async function insertUser(db: Executor, u: { email: string; orgId: number; roleId: number }, now: number): Promise<UserRow> {
  const { id } = await db.insertInto('users').values({ email: u.email, org_id: u.orgId, role_id: u.roleId, created: now }).returning('id').executeTakeFirstOrThrow();
  return (await findUser(db, id))!;
}

/** A user by id or email. */
export async function findUser(db: Executor, key: number | string): Promise<UserRow | undefined> {
  const q = db.selectFrom('users').select(userCols);
  const r = await (typeof key === 'number' ? q.where('id', '=', key) : q.where('email', '=', key)).executeTakeFirst();
  return r ? toUser(r) : undefined;
}

export async function listUsers(db: Executor, orgId?: number): Promise<UserRow[]> {
  let q = db.selectFrom('users').select(userCols).orderBy('id');
  if (orgId !== undefined) q = q.where('org_id', '=', orgId);
  return (await q.execute()).map(toUser);
}

export async function updateUser(db: Executor, id: number, set: { disabled?: boolean; roleId?: number; lastLogin?: number }): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(set.disabled !== undefined ? { disabled: set.disabled ? 1 : 0 } : {}),
      ...(set.roleId !== undefined ? { role_id: set.roleId } : {}),
      ...(set.lastLogin !== undefined ? { last_login: set.lastLogin } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export const countUsers = async (db: Executor): Promise<number> =>
  Number((await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

const keyCols = ['id', 'user_id', 'key_start', 'key_end', 'comment', 'created', 'expires', 'last_used', 'revoked'] as const;
const toKey = (r: { id: number; user_id: number; key_start: string; key_end: string; comment: string; created: number; expires: number; last_used: number; revoked: number }): KeyRow => ({
  id: r.id,
  userId: r.user_id,
  keyStart: r.key_start,
  keyEnd: r.key_end,
  comment: r.comment,
  created: r.created,
  expires: r.expires,
  lastUsed: r.last_used,
  revoked: r.revoked,
});

export async function insertKey(db: Executor, k: { userId: number; hash: string; start: string; end: string; comment: string; expires: number }, now: number): Promise<KeyRow> {
  const { id } = await db
    .insertInto('api_keys')
    .values({ user_id: k.userId, key_hash: k.hash, key_start: k.start, key_end: k.end, comment: k.comment, expires: k.expires, created: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return toKey(await db.selectFrom('api_keys').select(keyCols).where('id', '=', id).executeTakeFirstOrThrow());
}

/** The key with this hash, with its user. */
export async function findKeyByHash(db: Executor, hash: string): Promise<{ key: KeyRow & { hash: string }; user: UserRow } | undefined> {
  const r = await db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.user_id')
    .select([
      'api_keys.id', 'api_keys.user_id', 'api_keys.key_hash', 'api_keys.key_start', 'api_keys.key_end', 'api_keys.comment', 'api_keys.created',
      'api_keys.expires', 'api_keys.last_used', 'api_keys.revoked', 'users.email', 'users.org_id', 'users.role_id', 'users.disabled',
      'users.created as user_created', 'users.last_login',
    ])
    .where('api_keys.key_hash', '=', hash)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    key: { ...toKey(r), hash: r.key_hash },
    user: toUser({ id: r.user_id, email: r.email, org_id: r.org_id, role_id: r.role_id, disabled: r.disabled, created: r.user_created, last_login: r.last_login }),
  };
}

export async function listKeys(db: Executor, userId?: number): Promise<KeyRow[]> {
  let q = db.selectFrom('api_keys').select(keyCols).orderBy('id');
  if (userId !== undefined) q = q.where('user_id', '=', userId);
  return (await q.execute()).map(toKey);
}

export async function findKey(db: Executor, id: number): Promise<KeyRow | undefined> {
  const r = await db.selectFrom('api_keys').select(keyCols).where('id', '=', id).executeTakeFirst();
  return r ? toKey(r) : undefined;
}

export async function setKeyRevoked(db: Executor, id: number, at: number): Promise<void> {
  await db.updateTable('api_keys').set({ revoked: at }).where('id', '=', id).execute();
}

export async function touchKey(db: Executor, id: number, at: number): Promise<void> {
  await db.updateTable('api_keys').set({ last_used: at }).where('id', '=', id).execute();
}

/** Uuids of the sharing groups an organisation belongs to: as owner, as member, or through "all local organisations". */
export async function sharingGroupUuidsOf(db: Executor, orgId: number, orgIsLocal: boolean): Promise<string[]> {
  const rows = await db
    .selectFrom('sharing_groups')
    .select('uuid')
    .where((eb) =>
      eb.or([
        eb('org_id', '=', orgId),
        eb('id', 'in', eb.selectFrom('sharing_group_orgs').select('sharing_group_id').where('org_id', '=', orgId)),
        ...(orgIsLocal ? [eb('all_local_orgs', '=', 1)] : []),
      ]),
    )
    .execute();
  return rows.map((r) => r.uuid);
}

export async function insertSharingGroup(
  db: Executor,
  g: { uuid: string; name: string; description?: string; releasability?: string; orgId: number; allLocalOrgs?: boolean; orgIds: readonly number[] },
  now: number,
): Promise<SharingGroupRow> {
  const { id } = await db
    .insertInto('sharing_groups')
    .values({ uuid: g.uuid, name: g.name, description: g.description ?? '', releasability: g.releasability ?? '', org_id: g.orgId, all_local_orgs: g.allLocalOrgs ? 1 : 0, created: now, modified: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const members = [...new Set([g.orgId, ...g.orgIds])];
  await db.insertInto('sharing_group_orgs').values(members.map((org_id) => ({ sharing_group_id: id, org_id, extend: org_id === g.orgId ? 1 : 0 }))).execute();
  return (await listSharingGroups(db)).find((s) => s.id === id)!;
}

export async function listSharingGroups(db: Executor): Promise<SharingGroupRow[]> {
  const [groups, members] = await Promise.all([
    db.selectFrom('sharing_groups').selectAll().orderBy('id').execute(),
    db.selectFrom('sharing_group_orgs').select(['sharing_group_id', 'org_id']).execute(),
  ]);
  return groups.map((g) => ({
    id: g.id,
    uuid: g.uuid,
    name: g.name,
    description: g.description,
    releasability: g.releasability,
    orgId: g.org_id,
    allLocalOrgs: g.all_local_orgs === 1,
    active: g.active === 1,
    created: g.created,
    modified: g.modified,
    orgIds: members.filter((m) => m.sharing_group_id === g.id).map((m) => m.org_id),
  }));
}
