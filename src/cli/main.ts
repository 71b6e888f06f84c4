/**
 * The `cairn` command: flags become a call of one core function per command. This file is
 * the CLI's only error boundary and the only place that ends the process.
 */
import { defineCommand, renderUsage, runCommand, type CommandDef, type Resolvable } from 'citty';
import { CairnError, EXIT_CODE, formatLocation } from '../errors.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- commands differ in their args
type AnyCommand = CommandDef<any>;

/** Every command, by name, loaded on first use so that start-up stays fast. Add a command here, nowhere else. */
export const COMMANDS: Record<string, () => Promise<AnyCommand>> = {
  import: () => import('./commands/import.ts').then((m) => m.importCommand),
  events: () => import('./commands/events.ts').then((m) => m.eventsCommand),
  show: () => import('./commands/show.ts').then((m) => m.showCommand),
  report: () => import('./commands/report.ts').then((m) => m.reportCommand),
  search: () => import('./commands/search.ts').then((m) => m.searchCommand),
  delete: () => import('./commands/delete.ts').then((m) => m.deleteCommand),
  extract: () => import('./commands/extract.ts').then((m) => m.extractCommand),
  formats: () => import('./commands/formats.ts').then((m) => m.formatsCommand),
  serve: () => import('./commands/serve.ts').then((m) => m.serveCommand),
  org: () => import('./commands/tenancy.ts').then((m) => m.orgCommand),
  user: () => import('./commands/tenancy.ts').then((m) => m.userCommand),
  key: () => import('./commands/tenancy.ts').then((m) => m.keyCommand),
  audit: () => import('./commands/tenancy.ts').then((m) => m.auditCommand),
  export: () => import('./commands/export.ts').then((m) => m.exportCommand),
  feed: () => import('./commands/feed.ts').then((m) => m.feedCommand),
  related: () => import('./commands/related.ts').then((m) => m.relatedCommand),
  correlations: () => import('./commands/correlations.ts').then((m) => m.correlationsCommand),
  warninglists: () => import('./commands/warninglists.ts').then((m) => m.warninglistsCommand),
  taxonomies: () => import('./commands/taxonomies.ts').then((m) => m.taxonomiesCommand),
  galaxies: () => import('./commands/taxonomies.ts').then((m) => m.galaxiesCommand),
  tags: () => import('./commands/taxonomies.ts').then((m) => m.tagsCommand),
};

export const main = defineCommand({
  meta: { name: 'cairn', version: '0.1.0', description: 'Threat intelligence: MISP events, feeds and indicators, on SQLite or PostgreSQL' },
  subCommands: COMMANDS as Record<string, Resolvable<AnyCommand>>,
});

async function findCommand(rawArgs: string[]): Promise<AnyCommand> {
  const name = rawArgs.find((a) => !a.startsWith('-'));
  const load = name ? COMMANDS[name] : undefined;
  return load ? await load() : main;
}

export async function run(rawArgs: string[]): Promise<number> {
  if (rawArgs.length === 0 || rawArgs[0] === '--help' || rawArgs[0] === '-h') {
    process.stdout.write((await renderUsage(main)) + '\n');
    return rawArgs.length === 0 ? 2 : 0;
  }
  if (rawArgs.includes('--help') || rawArgs.includes('-h')) {
    const cmd = await findCommand(rawArgs);
    process.stdout.write((await renderUsage(cmd, cmd === main ? undefined : main)) + '\n');
    return 0;
  }
  if (rawArgs[0] === '--version') {
    process.stdout.write('0.1.0\n');
    return 0;
  }
  try {
    await runCommand(main, { rawArgs });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    return report(e);
  }
}

function report(e: unknown): number {
  if (e instanceof CairnError) {
    const where = formatLocation(e.location);
    process.stderr.write(`cairn: ${where ? `${where}: ` : ''}${e.message}\n`);
    if (e.hint) process.stderr.write(`  next: ${e.hint}\n`);
    if (process.env['CAIRN_DEBUG'] && e.cause) process.stderr.write(`  cause: ${String((e.cause as Error).stack ?? e.cause)}\n`);
    return EXIT_CODE[e.code];
  }
  // citty's own errors: an unknown command or a missing argument are usage errors.
  const code = (e as { code?: string }).code;
  if (typeof code === 'string' && code.startsWith('E_')) {
    process.stderr.write(`cairn: ${(e as Error).message}\n  next: run \`cairn --help\` for the commands and their flags\n`);
    return 2;
  }
  process.stderr.write(`cairn: unexpected error: ${(e as Error)?.stack ?? String(e)}\n  next: this is a bug; please report it with the command you ran\n`);
  return 1;
}

process.exit(await run(process.argv.slice(2)));
