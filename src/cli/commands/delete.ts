import { defineCommand } from 'citty';
import { removeEvent } from '../../core/events.ts';
import { commonArgs, print, printJson, withDb } from '../shared.ts';

export const deleteCommand = defineCommand({
  meta: { name: 'delete', description: 'Delete an event and everything in it' },
  args: { ...commonArgs, uuid: { type: 'positional', description: 'event uuid or id', required: true } },
  async run({ args }) {
    await withDb(args, (db) => removeEvent(db, args.uuid));
    if (args.json) printJson({ deleted: args.uuid });
    else print(`deleted ${args.uuid}`);
  },
});
