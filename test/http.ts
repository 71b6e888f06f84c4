/** Test helpers for the HTTP app: a fresh database with an admin key, and requests shaped as PyMISP sends them. */
import { bootstrapAdmin } from '../src/core/tenancy.ts';
import { createApp } from '../src/http/app.ts';
import type { AppDeps } from '../src/http/deps.ts';
import type { Db } from '../src/storage/index.ts';
import { freshDb } from './databases.ts';

export interface TestServer {
  readonly db: Db;
  readonly app: ReturnType<typeof createApp>;
  readonly adminKey: string;
  /** A request as PyMISP's _prepare_request builds it: Authorization, Accept and content-type JSON, a PyMISP User-Agent. */
  pymisp(method: string, path: string, body?: unknown, key?: string): Promise<Response>;
  dispose(): Promise<void>;
}

export async function testServer(kind: 'sqlite' | 'postgres', deps: Partial<AppDeps> = {}): Promise<TestServer> {
  const t = await freshDb(kind);
  const db = await t.open();
  const boot = (await bootstrapAdmin(db))!;
  const app = createApp({ db, ...deps });
  return {
    db,
    app,
    adminKey: boot.key,
    pymisp: (method, path, body, key = boot.key) =>
      Promise.resolve(
        app.request(`http://localhost${path}`, {
          method,
          headers: { Authorization: key, Accept: 'application/json', 'content-type': 'application/json', 'User-Agent': 'PyMISP 2.5.0 - Python 3.12' },
          ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        }),
      ),
    dispose: async () => {
      await db.close();
      await t.dispose();
    },
  };
}
