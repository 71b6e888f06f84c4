import { loadConfig, type Config } from '../config.ts';
import { openDb, type Db } from '../storage/index.ts';

/** Flags every command takes. */
export const commonArgs = {
  db: { type: 'string', description: 'database: a SQLite file path or a postgres:// URL (env CAIRN_DB)', valueHint: 'PATH|URL' },
  json: { type: 'boolean', description: 'print machine-readable JSON' },
} as const;

export interface CommonArgs {
  readonly db?: string | undefined;
  readonly json?: boolean | undefined;
}

export function configFrom(args: CommonArgs & { host?: string | undefined; port?: number | undefined; workers?: number | undefined }): Config {
  return loadConfig(process.env, { db: args.db, host: args.host, port: args.port, workers: args.workers }, Boolean(process.stderr.isTTY));
}

/** Opens the configured database, runs `fn`, and always closes it. */
export async function withDb<T>(args: CommonArgs, fn: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = configFrom(args);
  const db = await openDb(config.db);
  try {
    return await fn(db, config);
  } finally {
    await db.close();
  }
}

export const printJson = (value: unknown): void => {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
};

export const print = (text: string): void => {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
};

/** Pads columns of a text table; cells are made single-line, control characters shown escaped, long cells cut (use --json for whole values). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\n' ? '⏎' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  const cut = (s: string) => (s.length > 100 ? `${s.slice(0, 99)}…` : s);
  const cells = [headers, ...rows].map((r) => r.map((c) => cut(clean(c))));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** A one-line progress display on stderr, only when stderr is a terminal. */
export function progress(label: string, enabled: boolean): { update(done: number, total: number): void; end(): void } {
  let last = 0;
  return {
    update(done, total) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 30;
      const filled = total ? Math.round((done / total) * width) : 0;
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    },
    end() {
      if (enabled && last) process.stderr.write('\n');
    },
  };
}
