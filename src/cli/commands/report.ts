import { defineCommand } from 'citty';
import { getEvent } from '../../core/events.ts';
import { renderThreatReport } from '../../formats/threat-report/index.ts';
import { commonArgs, printJson, withDb } from '../shared.ts';

export const reportCommand = defineCommand({
  meta: { name: 'report', description: 'Print an event as a threat report (markdown)' },
  args: { ...commonArgs, uuid: { type: 'positional', description: 'event uuid or id', required: true } },
  async run({ args }) {
    const ev = await withDb(args, (db) => getEvent(db, args.uuid));
    const text = renderThreatReport(ev);
    if (args.json) return printJson({ uuid: ev.uuid, format: 'threat-report', report: text });
    process.stdout.write(text);
  },
});
