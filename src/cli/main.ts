/**
 * The `cairn` command: flags become a call of one core function per command. This file is
 * the CLI's only error boundary and the only place that ends the process.
 */
import { defineCommand, renderUsage, runCommand, type CommandDef } from 'citty';
import { CairnError, EXIT_CODE, formatLocation } from '../errors.ts';
import { correlationsCommand } from './commands/correlations.ts';
import { deleteCommand } from './commands/delete.ts';
import { eventsCommand } from './commands/events.ts';
import { formatsCommand } from './commands/formats.ts';
import { importCommand } from './commands/import.ts';
import { relatedCommand } from './commands/related.ts';
import { reportCommand } from './commands/report.ts';
import { searchCommand } from './commands/search.ts';
import { showCommand } from './commands/show.ts';
import { galaxiesCommand, tagsCommand, taxonomiesCommand } from './commands/taxonomies.ts';
import { warninglistsCommand } from './commands/warninglists.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- commands differ in their args
type AnyCommand = CommandDef<any>;

/** Every command, by name. Add a command here, nowhere else. */
export const COMMANDS: Record<string, AnyCommand> = {
  import: importCommand,
  events: eventsCommand,
  show: showCommand,
  report: reportCommand,
  search: searchCommand,
  delete: deleteCommand,
  formats: formatsCommand,
  related: relatedCommand,
  correlations: correlationsCommand,
  warninglists: warninglistsCommand,
  taxonomies: taxonomiesCommand,
  galaxies: galaxiesCommand,
  tags: tagsCommand,
};

export const main = defineCommand({
  meta: { name: 'cairn', version: '0.1.0', description: 'Threat intelligence: MISP events, feeds and indicators, on SQLite or PostgreSQL' },
  subCommands: COMMANDS,
});

async function findCommand(rawArgs: string[]): Promise<AnyCommand> {
  const name = rawArgs.find((a) => !a.startsWith('-'));
  return (name && COMMANDS[name]) || main;
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
