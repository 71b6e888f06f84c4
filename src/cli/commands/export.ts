import { defineCommand } from 'citty';
import { exportEvents } from '../../core/export.ts';
import { commonArgs, withDb } from '../shared.ts';

export const exportCommand = defineCommand({
  meta: { name: 'export', description: 'Write events in a format (default misp-json): the named ones, or all' },
  args: {
    db: commonArgs.db,
    format: { type: 'string', description: 'output format (see `cairn formats`)', default: 'misp-json' },
    uuids: { type: 'positional', description: 'event uuids or ids (all events when none)', required: false },
  },
  async run({ args }) {
    const keys = (args._ as string[]).filter(Boolean);
    process.stdout.write(await withDb(args, (db) => exportEvents(db, { format: args.format, keys })));
  },
});
