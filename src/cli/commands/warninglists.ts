import { defineCommand } from 'citty';
import { checkValue, enableWarninglist, warninglists } from '../../core/knowledge.ts';
import { commonArgs, print, printJson, table, withDb } from '../shared.ts';
import { referenceCommands } from './reference.ts';

const nameArg = { name: { type: 'positional', description: 'the list name (see `cairn warninglists list`)', required: true } } as const;

const list = defineCommand({
  meta: { name: 'list', description: 'Warninglists, built-in and loaded, and whether each is enabled' },
  args: { ...commonArgs },
  async run({ args }) {
    const rows = await withDb(args, (db) => warninglists(db));
    if (args.json) return printJson(rows);
    print(table(['enabled', 'type', 'entries', 'source', 'name'], rows.map((r) => [r.enabled ? 'yes' : 'no', r.type, String(r.entries), r.source, r.name])));
  },
});

const toggle = (enabled: boolean) =>
  defineCommand({
    meta: { name: enabled ? 'enable' : 'disable', description: `${enabled ? 'Enable' : 'Disable'} a warninglist` },
    args: { ...commonArgs, ...nameArg },
    async run({ args }) {
      await withDb(args, (db) => enableWarninglist(db, args.name, enabled));
      print(`${enabled ? 'enabled' : 'disabled'} ${args.name}`);
    },
  });

const check = defineCommand({
  meta: { name: 'check', description: 'Which enabled warninglists a value is on' },
  args: { ...commonArgs, type: { type: 'string', description: 'the attribute type (default: guessed from the value)' }, value: { type: 'positional', description: 'the value', required: true } },
  async run({ args }) {
    const type = args.type ?? guessType(args.value);
    const hits = await withDb(args, (db) => checkValue(db, type, args.value));
    if (args.json) return printJson({ type, value: args.value, hits });
    if (!hits.length) return print(`${args.value} (${type}) is on no enabled warninglist`);
    for (const h of hits) print(`${args.value} (${type}) is on: ${h.name}`);
  },
});

function guessType(v: string): string {
  if (/^[0-9.]+(\/\d+)?$/.test(v) || (v.includes(':') && /^[0-9a-f:./]+$/i.test(v))) return 'ip-dst';
  if (/^[0-9a-f]{32}$/i.test(v)) return 'md5';
  if (/^[0-9a-f]{40}$/i.test(v)) return 'sha1';
  if (/^[0-9a-f]{64}$/i.test(v)) return 'sha256';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return 'url';
  if (v.includes('@')) return 'email';
  return 'domain';
}

export const warninglistsCommand = defineCommand({
  meta: { name: 'warninglists', description: 'Warninglists (known false positives): list, check, enable, disable, load DIR, update' },
  subCommands: { list, check, enable: toggle(true), disable: toggle(false), ...referenceCommands('warninglists') },
});
