import { defineCommand } from 'citty';
import { describeProblem } from '../../core/import.ts';
import { loadReferenceDir, updateReference, type LoadSummary, type ReferenceKind } from '../../core/reference-data.ts';
import { commonArgs, print, printJson, withDb } from '../shared.ts';

function report(s: LoadSummary, json: boolean | undefined): void {
  if (json) return printJson(s);
  print(`${s.loaded} ${s.kind === 'galaxies' ? 'galaxy clusters' : s.kind} loaded from ${s.source}`);
  for (const p of s.problems) print(`  warning: ${describeProblem(p)}`);
}

/** `load DIR` and `update` for one kind of MISP reference data. */
export function referenceCommands(kind: ReferenceKind) {
  return {
    load: defineCommand({
      meta: { name: 'load', description: `Load MISP ${kind} from a directory` },
      args: { ...commonArgs, dir: { type: 'positional', description: 'the directory', required: true } },
      async run({ args }) {
        report(await withDb(args, (db) => loadReferenceDir(db, kind, args.dir)), args.json);
      },
    }),
    update: defineCommand({
      meta: { name: 'update', description: `Download MISP's public ${kind} repository over https and load it` },
      args: { ...commonArgs, timeout: { type: 'string', description: 'seconds to wait (default 60)' } },
      async run({ args }) {
        const timeoutMs = args.timeout ? Number(args.timeout) * 1000 : undefined;
        report(await withDb(args, (db) => updateReference(db, kind, timeoutMs ? { timeoutMs } : {})), args.json);
      },
    }),
  };
}
