import { defineCommand } from 'citty';
import { getEvent } from '../../core/events.ts';
import { THREAT_LEVELS } from '../../model/index.ts';
import { commonArgs, print, printJson, table, withDb } from '../shared.ts';

export const showCommand = defineCommand({
  meta: { name: 'show', description: 'Print an event (--json: the event as JSON)' },
  args: { ...commonArgs, uuid: { type: 'positional', description: 'event uuid or id', required: true } },
  async run({ args }) {
    const ev = await withDb(args, (db) => getEvent(db, args.uuid));
    if (args.json) return printJson(ev);
    print(`${ev.info}\n${ev.uuid}  ${ev.date}  threat level ${THREAT_LEVELS[ev.threatLevel]}  distribution ${ev.distribution}  ${ev.published ? 'published' : 'unpublished'}`);
    if (ev.tags.length) print(`tags: ${ev.tags.map((t) => t.name).join(', ')}`);
    const rows = [...ev.attributes, ...ev.objects.flatMap((o) => o.attributes)]
      .filter((a) => !a.deleted)
      .map((a) => [a.category, a.type, a.redacted ? `${a.value} (redacted)` : a.value, a.toIds ? 'ids' : '', a.comment]);
    print(table(['category', 'type', 'value', 'ids', 'comment'], rows));
  },
});
