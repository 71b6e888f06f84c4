import { defineCommand } from 'citty';
import { extractReport } from '../../core/extract.ts';
import { commonArgs, print, printJson, table } from '../shared.ts';
import { readBytes } from './import.ts';

export const extractCommand = defineCommand({
  meta: { name: 'extract', description: 'Print the indicators found in a text, Markdown, HTML or PDF report (nothing is stored)' },
  args: {
    json: commonArgs.json,
    file: { type: 'positional', description: 'a report file, or - for standard input', required: true },
    'media-type': { type: 'string', description: 'the input type when neither the name nor the content tells, e.g. text/html' },
    'keep-references': { type: 'boolean', description: "keep the report's own reference links" },
  },
  async run({ args }) {
    const { source, bytes } = await readBytes(args.file);
    const r = await extractReport(bytes, {
      ...(source !== '-' ? { filename: source } : {}),
      ...(args['media-type'] ? { mediaType: args['media-type'] } : {}),
      ...(args['keep-references'] ? { keepReferences: true } : {}),
    });
    if (args.json) return printJson({ source, format: r.format, title: r.title ?? null, warnings: r.warnings, indicators: r.indicators });
    for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
    if (!r.indicators.length) return print(`no indicators found in ${source} (read as ${r.format})`);
    print(table(['type', 'value', 'sentence'], r.indicators.map((i) => [i.type, i.value, i.context])));
    print(`${r.indicators.length} indicator(s) in ${source} (read as ${r.format})`);
  },
});
