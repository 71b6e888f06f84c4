import { readFile } from 'node:fs/promises';
import { defineCommand } from 'citty';
import { CairnError } from '../../errors.ts';
import { describeProblem, importFreetext, importInputs, type ImportInput } from '../../core/import.ts';
import { commonArgs, configFrom, print, printJson, progress, withDb } from '../shared.ts';

/** Inputs above this size are refused: split them, or use a feed pull. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

export async function readInput(path: string): Promise<ImportInput> {
  const { source, bytes } = await readBytes(path);
  return { source, text: Buffer.from(bytes).toString('utf8') };
}

/** Reads a file, or standard input for `-`, refusing inputs over {@link MAX_INPUT_BYTES}. */
export async function readBytes(path: string): Promise<{ source: string; bytes: Buffer }> {
  if (path === '-') {
    const parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      size += (chunk as Buffer).length;
      if (size > MAX_INPUT_BYTES) throw new CairnError('TOO_LARGE', `standard input is larger than ${MAX_INPUT_BYTES} bytes`);
      parts.push(chunk as Buffer);
    }
    return { source: '-', bytes: Buffer.concat(parts) };
  }
  try {
    const buf = await readFile(path);
    if (buf.length > MAX_INPUT_BYTES) throw new CairnError('TOO_LARGE', `${path} is larger than ${MAX_INPUT_BYTES} bytes`, { hint: 'split it into several files' });
    return { source: path, bytes: buf };
  } catch (e) {
    if (e instanceof CairnError) throw e;
    throw new CairnError('NOT_FOUND', `cannot read ${path}`, { cause: e, hint: 'check the path' });
  }
}

export const importCommand = defineCommand({
  meta: { name: 'import', description: 'Import files (format detected from the content): threat reports, MISP JSON, STIX, ...' },
  args: {
    ...commonArgs,
    format: { type: 'string', description: 'the input format, when detection is not wanted (see `cairn formats`)' },
    freetext: { type: 'boolean', description: 'extract indicators from a text, Markdown, HTML or PDF report into a new event' },
    title: { type: 'string', description: 'with --freetext: the event title (default: the document title)' },
    'keep-references': { type: 'boolean', description: "with --freetext: keep the report's own reference links" },
    files: { type: 'positional', description: 'files to import, or - for standard input', required: true },
  },
  async run({ args }) {
    const paths = (args._ as string[]).length ? (args._ as string[]) : [args.files];
    const config = configFrom(args);
    const summary = await withDb(args, async (db) => {
      if (args.freetext) {
        const docs = await Promise.all(paths.map(readBytes));
        return importFreetext(db, docs, { ...(args.title ? { info: args.title } : {}), ...(args['keep-references'] ? { keepReferences: true } : {}) });
      }
      const inputs = await Promise.all(paths.map(readInput));
      const bar = progress('importing', config.interactive && inputs.reduce((n, i) => n + i.text.length, 0) > 1_000_000);
      try {
        return await importInputs(db, inputs, { ...(args.format ? { format: args.format } : {}), onProgress: (d, t) => bar.update(d, t) });
      } finally {
        bar.end();
      }
    });
    if (args.json) printJson(summary);
    else {
      for (const input of summary.inputs) {
        if (input.errors.length) {
          print(`rejected ${input.source}${input.format ? ` (${input.format})` : ''}: nothing stored`);
          for (const e of input.errors) print(`  error: ${describeProblem(e)}`);
        }
        for (const e of input.events) print(`${e.status.padEnd(9)} ${e.uuid}  ${e.attributes} attributes${e.redacted ? ` (${e.redacted} redacted)` : ''}  ${e.info}`);
        for (const w of input.warnings) print(`  warning: ${describeProblem(w)}`);
      }
      print(`${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected} input(s) rejected`);
    }
    if (summary.rejected) process.exitCode = 1;
  },
});
