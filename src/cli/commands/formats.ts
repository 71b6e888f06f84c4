import { defineCommand } from 'citty';
import { FORMATS } from '../../formats/index.ts';
import { commonArgs, print, printJson, table } from '../shared.ts';

export const formatsCommand = defineCommand({
  meta: { name: 'formats', description: 'List the formats Cairn reads and writes' },
  args: { json: commonArgs.json },
  run({ args }) {
    const rows = FORMATS.map((f) => ({ id: f.id, import: Boolean(f.parse), export: Boolean(f.serialize), description: f.description }));
    if (args.json) return printJson(rows);
    print(table(['id', 'import', 'export', 'description'], rows.map((r) => [r.id, r.import ? 'yes' : '', r.export ? 'yes' : '', r.description])));
  },
});
