import { hash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { CairnError } from '../errors.ts';
import { ROLE_IDS, makeViewer, roleById, type Role, type Viewer } from '../sharing/index.ts';
import {
  countUsers, findKey, findKeyByHash, findOrg, findUser, insertKey, insertOrg, insertSharingGroup, insertUser, setKeyRevoked,
  sharingGroupUuidsOf, writeAudit, type Db, type Executor, type KeyRow, type OrgRow, type SharingGroupRow, type UserRow,
} from '../storage/index.ts';

const now = (): number => Math.floor(Date.now() / 1000);
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** MISP's API keys are 40 characters of [A-Za-z0-9]. */
export const KEY_PATTERN = /^[A-Za-z0-9]{40}$/;

/** A random 40-character key from node:crypto, without modulo bias. */
export function generateKey(): string {
  let out = '';
  while (out.length < 40) {
    for (const b of randomBytes(64)) {
      if (b < 248 && out.length < 40) out += KEY_ALPHABET[b % 62];
    }
  }
  return out;
}

/** SHA-256 of a key, hex. `crypto.hash` is the one-shot form: ~0.5 us against ~1.5 for createHash, on every authenticated request. */
export const hashKey = (key: string): string => hash('sha256', key, 'hex');

/** Who the holder of a key is: the user, their organisation and what they may see. */
export interface Principal {
  readonly user: UserRow;
  readonly org: OrgRow;
  readonly role: Role;
  readonly keyId: number | null;
  readonly viewer: Viewer;
}

export interface ActorRef {
  readonly userId: number | null;
  readonly orgId: number | null;
}

const actorOf = (p: Principal | null): ActorRef => ({ userId: p?.user.id ?? null, orgId: p?.org.id ?? null });

export async function principalOf(db: Executor, user: UserRow, keyId: number | null, unpublishedPrivate = true): Promise<Principal> {
  const org = await findOrg(db, user.orgId);
  const role = roleById(user.roleId);
  if (!org || !role) throw new CairnError('INTERNAL', `user ${user.id} has no organisation or role`);
  const sharingGroups = await sharingGroupUuidsOf(db, org.id, org.local);
  return { user, org, role, keyId, viewer: makeViewer({ userId: user.id, orgId: org.id, role, sharingGroups, unpublishedPrivate }) };
}

/**
 * The principal behind an API key, or UNAUTHORIZED. The key is looked up by its SHA-256 and
 * the stored hash compared in constant time; revoked and expired keys and disabled users fail.
 */
export async function authenticate(db: Executor, key: string, at = now(), unpublishedPrivate = true): Promise<Principal> {
  const fail = () => new CairnError('UNAUTHORIZED', 'Authentication failed. Please make sure you pass the API key of an API enabled user along in the Authorization header.');
  if (!KEY_PATTERN.test(key)) throw fail();
  const hash = hashKey(key);
  const found = await findKeyByHash(db, hash);
  if (!found || !timingSafeEqual(Buffer.from(found.key.hash, 'hex'), Buffer.from(hash, 'hex'))) throw fail();
  if (found.key.revoked || (found.key.expires && found.key.expires <= at) || found.user.disabled) throw fail();
  return principalOf(db, found.user, found.key.id, unpublishedPrivate);
}

export async function addOrg(db: Db, actor: Principal | null, o: { name: string; uuid?: string; local?: boolean; description?: string; sector?: string; nationality?: string; type?: string }): Promise<OrgRow> {
  if (!o.name.trim()) throw new CairnError('INVALID_INPUT', 'an organisation needs a name');
  if (await findOrg(db.kysely, o.name)) throw new CairnError('CONFLICT', `organisation "${o.name}" exists`);
  return db.kysely.transaction().execute(async (tx) => {
    const org = await insertOrg(tx, { ...o, uuid: (o.uuid ?? randomUUID()).toLowerCase(), local: o.local ?? true }, now());
    await writeAudit(tx, { ...actorOf(actor), action: 'add', model: 'Organisation', modelId: org.id, modelUuid: org.uuid, title: `organisation ${org.name} added`, after: org }, now());
    return org;
  });
}

export async function addUser(db: Db, actor: Principal | null, u: { email: string; org: string | number; role: Role }): Promise<UserRow> {
  const org = await findOrg(db.kysely, u.org);
  if (!org) throw new CairnError('NOT_FOUND', `no organisation ${u.org}`, { hint: 'create it with `cairn org add NAME`' });
  if (actor && !actor.viewer.perms.siteAdmin && !(actor.viewer.perms.orgAdmin && actor.org.id === org.id && u.role !== 'admin')) {
    throw new CairnError('FORBIDDEN', 'You do not have permission to do that.');
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(u.email)) throw new CairnError('INVALID_INPUT', `"${u.email}" is not an email address`);
  if (await findUser(db.kysely, u.email)) throw new CairnError('CONFLICT', `user ${u.email} exists`);
  return db.kysely.transaction().execute(async (tx) => {
    const user = await insertUser(tx, { email: u.email, orgId: org.id, roleId: ROLE_IDS[u.role] }, now());
    await writeAudit(tx, { ...actorOf(actor), action: 'add', model: 'User', modelId: user.id, title: `user ${user.email} added to ${org.name} as ${u.role}`, after: user }, now());
    return user;
  });
}

/** A new key for a user: returns the key itself, which is never stored nor shown again. */
export async function createKey(db: Db, actor: Principal | null, u: { user: string | number; comment?: string; expires?: number }): Promise<{ key: string; row: KeyRow }> {
  const user = await findUser(db.kysely, u.user);
  if (!user) throw new CairnError('NOT_FOUND', `no user ${u.user}`, { hint: 'create one with `cairn user add EMAIL --org ORG`' });
  if (actor && actor.user.id !== user.id && !actor.viewer.perms.siteAdmin && !(actor.viewer.perms.orgAdmin && actor.org.id === user.orgId)) {
    throw new CairnError('FORBIDDEN', 'You do not have permission to do that.');
  }
  const key = generateKey();
  return db.kysely.transaction().execute(async (tx) => {
    const row = await insertKey(tx, { userId: user.id, hash: hashKey(key), start: key.slice(0, 4), end: key.slice(-4), comment: u.comment ?? '', expires: u.expires ?? 0 }, now());
    await writeAudit(tx, { ...actorOf(actor), action: 'add', model: 'AuthKey', modelId: row.id, title: `key ${row.keyStart}…${row.keyEnd} created for ${user.email}`, after: row }, now());
    return { key, row };
  });
}

export async function revokeKey(db: Db, actor: Principal | null, id: number): Promise<KeyRow> {
  const row = await findKey(db.kysely, id);
  if (!row) throw new CairnError('NOT_FOUND', `no key ${id}`, { hint: 'list keys with `cairn key list`' });
  if (actor && actor.user.id !== row.userId && !actor.viewer.perms.siteAdmin) {
    const owner = await findUser(db.kysely, row.userId);
    if (!(actor.viewer.perms.orgAdmin && owner?.orgId === actor.org.id)) throw new CairnError('FORBIDDEN', 'You do not have permission to do that.');
  }
  return db.kysely.transaction().execute(async (tx) => {
    const at = now();
    await setKeyRevoked(tx, id, at);
    const after = { ...row, revoked: at };
    await writeAudit(tx, { ...actorOf(actor), action: 'revoke', model: 'AuthKey', modelId: id, title: `key ${row.keyStart}…${row.keyEnd} revoked`, before: row, after }, at);
    return after;
  });
}

export async function addSharingGroup(db: Db, actor: Principal | null, g: { name: string; org: string | number; members: readonly (string | number)[]; allLocalOrgs?: boolean; description?: string }): Promise<SharingGroupRow> {
  const owner = await findOrg(db.kysely, g.org);
  if (!owner) throw new CairnError('NOT_FOUND', `no organisation ${g.org}`);
  const memberIds: number[] = [];
  for (const m of g.members) {
    const o = await findOrg(db.kysely, m);
    if (!o) throw new CairnError('NOT_FOUND', `no organisation ${m}`);
    memberIds.push(o.id);
  }
  return db.kysely.transaction().execute(async (tx) => {
    const sg = await insertSharingGroup(tx, { uuid: randomUUID(), name: g.name, orgId: owner.id, orgIds: memberIds, allLocalOrgs: g.allLocalOrgs ?? false, description: g.description ?? '' }, now());
    await writeAudit(tx, { ...actorOf(actor), action: 'add', model: 'SharingGroup', modelId: sg.id, modelUuid: sg.uuid, title: `sharing group ${sg.name} added`, after: sg }, now());
    return sg;
  });
}

/**
 * On an empty database, creates the admin organisation, user and key, and returns the key
 * (to print once). Returns undefined when users exist.
 */
export async function bootstrapAdmin(db: Db, opts: { orgName?: string; email?: string } = {}): Promise<{ key: string; user: UserRow; org: OrgRow } | undefined> {
  if ((await countUsers(db.kysely)) > 0) return undefined;
  const orgName = opts.orgName ?? 'ORGNAME';
  const org = (await findOrg(db.kysely, orgName)) ?? (await addOrg(db, null, { name: orgName, local: true }));
  const user = await addUser(db, null, { email: opts.email ?? 'admin@admin.test', org: org.id, role: 'admin' });
  const { key } = await createKey(db, null, { user: user.id, comment: 'created on first start' });
  return { key, user, org };
}

export { findUser, findOrg };
