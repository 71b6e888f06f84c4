import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Config } from './config.ts';
import { bootstrapAdmin } from './core/tenancy.ts';
import { createApp } from './http/app.ts';
import type { HttpLimits } from './http/deps.ts';
import { openDb } from './storage/index.ts';

export interface RunningServer {
  readonly url: string;
  /** The worker processes' pids, when several serve the port (`config.workers` > 1). */
  readonly workerPids?: readonly number[];
  /** The admin key created on first start of an empty database: shown once, never stored. */
  readonly firstAdmin?: { readonly key: string; readonly email: string; readonly org: string };
  close(): Promise<void>;
}

/**
 * loadConfig -> openDb -> (first start: admin org, user, key) -> createApp -> listen.
 *
 * @example const s = await startServer(loadConfig(process.env)); console.log(s.url); await s.close();
 */
export async function startServer(config: Config, opts: { log?: (line: string) => void; limits?: Partial<HttpLimits> } = {}): Promise<RunningServer> {
  if (config.workers > 1 && cluster.isPrimary) return startWorkers(config, opts.log);
  const db = await openDb(config.db);
  const boot = await bootstrapAdmin(db);
  const app = createApp({ db, unpublishedPrivate: config.unpublishedPrivate, ...(opts.log ? { log: opts.log } : {}), ...(opts.limits ? { limits: opts.limits } : {}) });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once('error', reject);
  });
  const addr = server.address() as AddressInfo;
  return {
    url: urlOf(addr.address, addr.port, addr.family === 'IPv6'),
    ...firstAdmin(boot),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}

/**
 * Several processes serving one port (node:cluster; the primary hands connections out in
 * turn), so the API uses every core: each worker opens the database itself (SQLite in WAL
 * mode serves readers in parallel; writes wait their turn). The primary migrates and
 * creates the first admin before forking, serves nothing, and replaces a worker that dies.
 * Only the CLI starts this: each worker re-runs the command line (`cairn serve …`).
 * Per-process state stays per worker: the rate limit counts per worker, and a key revoked
 * through one worker is refused by the others within the 5 s of their key cache.
 */
async function startWorkers(config: Config, log?: (line: string) => void): Promise<RunningServer> {
  const db = await openDb(config.db);
  let boot;
  try {
    boot = await bootstrapAdmin(db);
  } finally {
    await db.close();
  }
  let closing = false;
  const workers = new Set<Worker>();
  let url = '';
  const fork = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const w = cluster.fork();
      workers.add(w);
      w.once('listening', (addr) => {
        url ||= urlOf(addr.address, addr.port, addr.addressType === 6);
        resolve();
      });
      w.once('exit', (code, signal) => {
        workers.delete(w);
        if (closing) return;
        if (!url) return reject(new Error(`a server worker exited before listening (${signal ?? `exit ${code}`})`));
        log?.(`cairn: worker ${w.process.pid} exited (${signal ?? `exit ${code}`}); starting another`);
        void fork().catch((e: unknown) => log?.(`cairn: could not replace the worker: ${(e as Error).message}`));
      });
    });
  try {
    await Promise.all(Array.from({ length: config.workers }, fork));
  } catch (e) {
    closing = true;
    for (const w of workers) w.process.kill('SIGTERM');
    throw e;
  }
  return {
    url,
    workerPids: [...workers].map((w) => w.process.pid!),
    ...firstAdmin(boot),
    close: async () => {
      closing = true;
      await Promise.all(
        [...workers].map(
          (w) =>
            new Promise<void>((resolve) => {
              w.once('exit', () => resolve());
              w.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

const urlOf = (address: string, port: number, v6: boolean): string => `http://${v6 ? `[${address}]` : address}:${port}`;

const firstAdmin = (boot: Awaited<ReturnType<typeof bootstrapAdmin>>): Pick<RunningServer, 'firstAdmin'> =>
  boot ? { firstAdmin: { key: boot.key, email: boot.user.email, org: boot.org.name } } : {};
