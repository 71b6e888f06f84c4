import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Config } from './config.ts';
import { bootstrapAdmin } from './core/tenancy.ts';
import { createApp } from './http/app.ts';
import type { HttpLimits } from './http/deps.ts';
import { openDb } from './storage/index.ts';

export interface RunningServer {
  readonly url: string;
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
  const db = await openDb(config.db);
  const boot = await bootstrapAdmin(db);
  const app = createApp({ db, unpublishedPrivate: config.unpublishedPrivate, ...(opts.log ? { log: opts.log } : {}), ...(opts.limits ? { limits: opts.limits } : {}) });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once('error', reject);
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}`,
    ...(boot ? { firstAdmin: { key: boot.key, email: boot.user.email, org: boot.org.name } } : {}),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
