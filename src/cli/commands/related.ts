import { defineCommand } from 'citty';
import { findRelated } from '../../core/correlations.ts';
import { commonArgs, print, printJson, table, withDb } from '../shared.ts';
import { correlationArgs, correlationOptions } from './correlations.ts';

export const relatedCommand = defineCommand({
  meta: { name: 'related', description: 'List the events related to an event, with the values they share' },
  args: { ...commonArgs, ...correlationArgs, uuid: { type: 'positional', description: 'event uuid or id', required: true } },
  async run({ args }) {
    const r = await withDb(args, (db) => findRelated(db, args.uuid, { ...correlationOptions(args), details: true }));
    if (args.json) return printJson(r);
    if (!r.related.length) return print(`no event is related to ${r.event.uuid} (${r.event.info})`);
    print(`${r.related.length} event(s) related to ${r.event.uuid} (${r.event.info})`);
    const rows = r.related.flatMap((rel) =>
      rel.shared.map((s) => [rel.event.uuid, rel.event.date, s.via === 'cidr' ? `${s.attribute.value} in ${s.other.value}` : s.attribute.value, s.other.type ?? '', rel.event.info]),
    );
    print(table(['event', 'date', 'shared value', 'their type', 'title'], rows));
  },
});
