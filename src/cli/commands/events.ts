import { defineCommand } from 'citty';
import { CairnError } from '../../errors.ts';
import { listEvents } from '../../core/events.ts';
import { commonArgs, print, printJson, table, withDb } from '../shared.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const eventsCommand = defineCommand({
  meta: { name: 'events', description: 'List events, newest first' },
  args: {
    ...commonArgs,
    tag: { type: 'string', description: 'only events with this tag, e.g. tlp:white' },
    from: { type: 'string', description: 'only events dated on or after YYYY-MM-DD' },
    to: { type: 'string', description: 'only events dated on or before YYYY-MM-DD' },
    text: { type: 'string', description: 'only events whose title contains this text' },
    limit: { type: 'string', description: 'at most this many (default 1000)' },
  },
  async run({ args }) {
    for (const k of ['from', 'to'] as const) {
      const v = args[k];
      if (v !== undefined && !DATE.test(v)) throw new CairnError('USAGE', `--${k} must be a date YYYY-MM-DD, got "${v}"`);
    }
    const limit = args.limit === undefined ? undefined : Number(args.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new CairnError('USAGE', '--limit must be a positive whole number');
    const events = await withDb(args, (db) =>
      listEvents(db.kysely, {
        ...(args.tag ? { tag: args.tag } : {}),
        ...(args.from ? { from: args.from } : {}),
        ...(args.to ? { to: args.to } : {}),
        ...(args.text ? { text: args.text } : {}),
        ...(limit ? { limit } : {}),
      }),
    );
    if (args.json) return printJson(events);
    if (!events.length) return print('no events (import some with `cairn import FILE`)');
    print(table(['uuid', 'date', 'attrs', 'tags', 'title'], events.map((e) => [e.uuid, e.date, String(e.attributeCount), e.tags.join(','), e.info])));
  },
});
