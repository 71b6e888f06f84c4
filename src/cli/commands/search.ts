import { defineCommand } from 'citty';
import { searchAttributes } from '../../core/events.ts';
import { commonArgs, print, printJson, table, withDb } from '../shared.ts';

export const searchCommand = defineCommand({
  meta: { name: 'search', description: 'Find attributes by exact value (either half of a composite) or a % wildcard pattern' },
  args: {
    ...commonArgs,
    value: { type: 'positional', description: 'a value, e.g. 203.0.113.7 or %.example.com', required: true },
    limit: { type: 'string', description: 'at most this many (default 1000)' },
  },
  async run({ args }) {
    const hits = await withDb(args, (db) => searchAttributes(db.kysely, args.value, args.limit ? { limit: Number(args.limit) } : {}));
    if (args.json) return printJson(hits);
    if (!hits.length) {
      print(`no attribute matches ${JSON.stringify(args.value)}${args.value.includes('%') ? '' : ' (use % as a wildcard, e.g. %.example.com)'}`);
      process.exitCode = 1;
      return;
    }
    print(table(['type', 'value', 'event', 'date', 'title'], hits.map((h) => [h.type, h.value, h.event.uuid, h.event.date, h.event.info])));
  },
});
