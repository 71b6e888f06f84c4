import { defineCommand } from 'citty';
import { DEFAULT_OVER_CORRELATION } from '../../correlate/index.ts';
import { findValue, overCorrelating, rebuild, topValues, type CorrelationOptions } from '../../core/correlations.ts';
import { CairnError } from '../../errors.ts';
import { commonArgs, print, printJson, table, withDb } from '../shared.ts';

/** Flags of the commands that derive correlations. */
export const correlationArgs = {
  'max-events': { type: 'string', description: `over-correlation threshold: values in more events are not paired (default ${DEFAULT_OVER_CORRELATION})` },
  'no-cidr': { type: 'boolean', description: 'do not correlate addresses with the networks that contain them' },
} as const;

export function correlationOptions(args: { 'max-events'?: string | undefined; 'no-cidr'?: boolean | undefined }): CorrelationOptions {
  const raw = args['max-events'];
  const max = raw === undefined ? undefined : Number(raw);
  if (max !== undefined && (!Number.isInteger(max) || max < 1)) throw new CairnError('USAGE', '--max-events must be a positive whole number');
  return { ...(max ? { maxEvents: max } : {}), ...(args['no-cidr'] ? { cidr: false } : {}) };
}

const limitArg = { limit: { type: 'string', description: 'at most this many (default 20)' } } as const;
const limitOf = (s: string | undefined): number | undefined => (s === undefined ? undefined : Math.max(1, Number(s) || 20));

const top = defineCommand({
  meta: { name: 'top', description: 'The values shared by the most events (under the threshold)' },
  args: { ...commonArgs, ...correlationArgs, ...limitArg },
  async run({ args }) {
    const limit = limitOf(args.limit);
    const rows = await withDb(args, (db) => topValues(db, { ...correlationOptions(args), ...(limit ? { limit } : {}) }));
    if (args.json) return printJson(rows);
    if (!rows.length) return print('no value is shared by two events');
    print(table(['events', 'value'], rows.map((r) => [String(r.events), r.value])));
  },
});

const over = defineCommand({
  meta: { name: 'over', description: 'Over-correlating values: held by more events than the threshold, listed but not paired' },
  args: { ...commonArgs, ...correlationArgs, ...limitArg },
  async run({ args }) {
    const limit = limitOf(args.limit);
    const rows = await withDb(args, (db) => overCorrelating(db, { ...correlationOptions(args), ...(limit ? { limit } : {}) }));
    if (args.json) return printJson(rows);
    if (!rows.length) return print('no over-correlating value');
    print(table(['events', 'value'], rows.map((r) => [String(r.events), r.value])));
  },
});

const value = defineCommand({
  meta: { name: 'value', description: 'The events holding a value (compared as correlation does: case-insensitive, IPs canonical)' },
  args: { ...commonArgs, ...limitArg, value: { type: 'positional', description: 'the value', required: true } },
  async run({ args }) {
    const limit = limitOf(args.limit);
    const r = await withDb(args, (db) => findValue(db, args.value, limit ? { limit } : {}));
    if (args.json) return printJson(r);
    if (!r.holders.length) return print(`no event holds ${JSON.stringify(args.value)}`);
    print(`${r.events} event(s) hold ${JSON.stringify(args.value)}`);
    print(table(['event', 'date', 'type', 'value', 'title'], r.holders.map((h) => [h.event.uuid, h.event.date, h.attribute.type, h.attribute.value, h.event.info])));
  },
});

const rebuildCmd = defineCommand({
  meta: { name: 'rebuild', description: 'Recompute every correlation from the stored attributes' },
  args: { ...commonArgs },
  async run({ args }) {
    const r = await withDb(args, (db) => rebuild(db));
    if (args.json) return printJson(r);
    print(`${r.entries} correlation entries from ${r.attributes} attributes`);
  },
});

export const correlationsCommand = defineCommand({
  meta: { name: 'correlations', description: 'Correlated values: top, over, value, rebuild' },
  subCommands: { top, over, value, rebuild: rebuildCmd },
});
