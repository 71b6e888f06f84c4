import { defineCommand } from 'citty';
import { getEvent } from '../../core/events.ts';
import { exportEvents } from '../../core/export.ts';
import { THREAT_LEVELS } from '../../model/index.ts';
import { commonArgs, print, table, withDb } from '../shared.ts';

export const showCommand = defineCommand({
  meta: { name: 'show', description: 'Print an event (--json: as MISP event JSON)' },
  args: { ...commonArgs, uuid: { type: 'positional', description: 'event uuid or id', required: true } },
  async run({ args }) {
    if (args.json) return void process.stdout.write(await withDb(args, (db) => exportEvents(db, { format: 'misp-json', keys: [args.uuid] })));
    const ev = await withDb(args, (db) => getEvent(db, args.uuid));
    print(`${ev.info}\n${ev.uuid}  ${ev.date}  threat level ${THREAT_LEVELS[ev.threatLevel]}  distribution ${ev.distribution}  ${ev.published ? 'published' : 'unpublished'}`);
    if (ev.tags.length) print(`tags: ${ev.tags.map((t) => t.name).join(', ')}`);
    const rows = [...ev.attributes, ...ev.objects.flatMap((o) => o.attributes)]
      .filter((a) => !a.deleted)
      .map((a) => [a.category, a.type, a.redacted ? `${a.value} (redacted)` : a.value, a.toIds ? 'ids' : '', a.comment]);
    print(table(['category', 'type', 'value', 'ids', 'comment'], rows));
  },
});
