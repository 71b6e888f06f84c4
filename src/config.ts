import { homedir } from 'node:os';
import { join } from 'node:path';

/** Cairn's resolved configuration: read once at an entry point, frozen, passed down. */
export interface Config {
  /** A SQLite file path or a postgres:// URL. */
  readonly db: string;
  readonly host: string;
  readonly port: number;
  /** Server processes sharing the port (`cairn serve --workers`, CAIRN_WORKERS; default 1). */
  readonly workers: number;
  /** Where Cairn keeps its files (the default database, downloaded lists). */
  readonly dataDir: string;
  /** Whether output may use colour and progress bars. */
  readonly interactive: boolean;
  /** MISP.unpublishedprivate: unpublished events stay inside their organisation (default on; CAIRN_UNPUBLISHED_PRIVATE=0 shares them as MISP's default does). */
  readonly unpublishedPrivate: boolean;
}

export interface ConfigOverrides {
  readonly db?: string | undefined;
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  readonly workers?: number | undefined;
}

/**
 * Resolves configuration from the environment and command-line overrides: the only reader of
 * `process.env`-like input. Flags beat variables beat defaults.
 *
 * @example const config = loadConfig(process.env, { db: args.db });
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, overrides: ConfigOverrides = {}, isTty = false): Config {
  const dataDir = env['CAIRN_DATA_DIR'] ?? join(env['XDG_DATA_HOME'] ?? join(env['HOME'] ?? homedir(), '.local', 'share'), 'cairn');
  const port = overrides.port ?? (env['CAIRN_PORT'] ? Number(env['CAIRN_PORT']) : 8080);
  return Object.freeze({
    db: overrides.db ?? env['CAIRN_DB'] ?? join(dataDir, 'cairn.sqlite'),
    host: overrides.host ?? env['CAIRN_HOST'] ?? '127.0.0.1',
    port,
    workers: overrides.workers ?? (env['CAIRN_WORKERS'] ? Number(env['CAIRN_WORKERS']) : 1),
    dataDir,
    interactive: isTty && env['CI'] !== 'true' && env['NO_COLOR'] === undefined,
    unpublishedPrivate: env['CAIRN_UNPUBLISHED_PRIVATE'] !== '0',
  });
}
