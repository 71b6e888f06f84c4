import { defineCommand } from 'citty';
import { addOrg, addUser, createKey, revokeKey } from '../../core/tenancy.ts';
import { CairnError } from '../../errors.ts';
import { ROLES, isRole, roleById } from '../../sharing/index.ts';
import { listAudit, listKeys, listOrgs, listUsers, findUser } from '../../storage/index.ts';
import { commonArgs, print, printJson, table, withDb } from '../shared.ts';

const date = (t: number) => (t ? new Date(t * 1000).toISOString().slice(0, 19).replace('T', ' ') : '-');

export const orgCommand = defineCommand({
  meta: { name: 'org', description: 'Organisations: add, list' },
  subCommands: {
    add: defineCommand({
      meta: { name: 'add', description: 'Add an organisation' },
      args: { ...commonArgs, name: { type: 'positional', required: true, description: 'its name' }, uuid: { type: 'string', description: 'its uuid (default: new)' }, remote: { type: 'boolean', description: 'an organisation of another instance' } },
      async run({ args }) {
        const org = await withDb(args, (db) => addOrg(db, null, { name: args.name, ...(args.uuid ? { uuid: args.uuid } : {}), local: !args.remote }));
        if (args.json) return printJson(org);
        print(`added organisation ${org.name} (id ${org.id}, uuid ${org.uuid})`);
      },
    }),
    list: defineCommand({
      meta: { name: 'list', description: 'List organisations' },
      args: { ...commonArgs },
      async run({ args }) {
        const orgs = await withDb(args, (db) => listOrgs(db.kysely));
        if (args.json) return printJson(orgs);
        print(table(['id', 'uuid', 'local', 'name'], orgs.map((o) => [String(o.id), o.uuid, o.local ? 'yes' : 'no', o.name])));
      },
    }),
  },
});

export const userCommand = defineCommand({
  meta: { name: 'user', description: 'Users: add, list' },
  subCommands: {
    add: defineCommand({
      meta: { name: 'add', description: 'Add a user to an organisation' },
      args: {
        ...commonArgs,
        email: { type: 'positional', required: true, description: 'their email address' },
        org: { type: 'string', required: true, description: 'organisation name, uuid or id' },
        role: { type: 'string', description: `one of ${ROLES.join(', ')} (default user)` },
      },
      async run({ args }) {
        const role = args.role ?? 'user';
        if (!isRole(role)) throw new CairnError('USAGE', `--role must be one of ${ROLES.join(', ')}, got "${role}"`);
        const org = /^\d+$/.test(args.org) ? Number(args.org) : args.org;
        const user = await withDb(args, (db) => addUser(db, null, { email: args.email, org, role }));
        if (args.json) return printJson(user);
        print(`added user ${user.email} (id ${user.id}, role ${role}); create a key with \`cairn key create ${user.email}\``);
      },
    }),
    list: defineCommand({
      meta: { name: 'list', description: 'List users' },
      args: { ...commonArgs },
      async run({ args }) {
        const users = await withDb(args, (db) => listUsers(db.kysely));
        if (args.json) return printJson(users.map((u) => ({ ...u, role: roleById(u.roleId) })));
        print(table(['id', 'org', 'role', 'disabled', 'email'], users.map((u) => [String(u.id), String(u.orgId), roleById(u.roleId) ?? '?', u.disabled ? 'yes' : 'no', u.email])));
      },
    }),
  },
});

export const keyCommand = defineCommand({
  meta: { name: 'key', description: 'API keys: create (shown once), list, revoke' },
  subCommands: {
    create: defineCommand({
      meta: { name: 'create', description: 'Create an API key for a user and print it once' },
      args: {
        ...commonArgs,
        user: { type: 'positional', required: true, description: 'user email or id' },
        comment: { type: 'string', description: 'what the key is for' },
        expires: { type: 'string', description: 'expiry date YYYY-MM-DD (default never)' },
      },
      async run({ args }) {
        let expires = 0;
        if (args.expires) {
          const t = Date.parse(`${args.expires}T00:00:00Z`);
          if (Number.isNaN(t)) throw new CairnError('USAGE', `--expires must be a date YYYY-MM-DD, got "${args.expires}"`);
          expires = Math.floor(t / 1000);
        }
        const user = /^\d+$/.test(args.user) ? Number(args.user) : args.user;
        const { key, row } = await withDb(args, (db) => createKey(db, null, { user, comment: args.comment ?? '', expires }));
        if (args.json) return printJson({ key, id: row.id, userId: row.userId, expires: row.expires || null });
        print(key);
        process.stderr.write(`key ${row.id} created; it is shown only now (Cairn keeps only its hash)\n`);
      },
    }),
    list: defineCommand({
      meta: { name: 'list', description: 'List keys (never the keys themselves)' },
      args: { ...commonArgs, user: { type: 'string', description: 'only this user (email or id)' } },
      async run({ args }) {
        const keys = await withDb(args, async (db) => {
          const u = args.user ? await findUser(db.kysely, /^\d+$/.test(args.user) ? Number(args.user) : args.user) : undefined;
          if (args.user && !u) throw new CairnError('NOT_FOUND', `no user ${args.user}`);
          return listKeys(db.kysely, u?.id);
        });
        if (args.json) return printJson(keys);
        print(table(['id', 'user', 'key', 'created', 'expires', 'last used', 'revoked', 'comment'], keys.map((k) => [String(k.id), String(k.userId), `${k.keyStart}…${k.keyEnd}`, date(k.created), date(k.expires), date(k.lastUsed), date(k.revoked), k.comment])));
      },
    }),
    revoke: defineCommand({
      meta: { name: 'revoke', description: 'Revoke a key by id' },
      args: { ...commonArgs, id: { type: 'positional', required: true, description: 'key id (see `cairn key list`)' } },
      async run({ args }) {
        if (!/^\d+$/.test(args.id)) throw new CairnError('USAGE', `key id must be a number, got "${args.id}"`);
        const row = await withDb(args, (db) => revokeKey(db, null, Number(args.id)));
        if (args.json) return printJson(row);
        print(`revoked key ${row.id} (${row.keyStart}…${row.keyEnd})`);
      },
    }),
  },
});

export const auditCommand = defineCommand({
  meta: { name: 'audit', description: 'The audit log of changes, newest first' },
  args: { ...commonArgs, limit: { type: 'string', description: 'at most this many (default 100)' }, model: { type: 'string', description: 'only Event, Attribute, Sighting, User, AuthKey, ...' } },
  async run({ args }) {
    const rows = await withDb(args, (db) => listAudit(db.kysely, { limit: args.limit ? Number(args.limit) : 100, ...(args.model ? { model: args.model } : {}) }));
    if (args.json) return printJson(rows);
    print(table(['id', 'when', 'user', 'action', 'model', 'title'], rows.map((r) => [String(r.id), date(r.created), String(r.userId ?? '-'), r.action, r.model, r.title])));
  },
});
