import cluster from 'node:cluster';
import { defineCommand } from 'citty';
import { CairnError } from '../../errors.ts';
import { startServer, type RunningServer } from '../../server.ts';
import { commonArgs, configFrom, print } from '../shared.ts';

export const serveCommand = defineCommand({
  meta: { name: 'serve', description: 'Serve the MISP-compatible API and the native API (default http://127.0.0.1:8080)' },
  args: {
    db: commonArgs.db,
    host: { type: 'string', description: 'address to listen on (env CAIRN_HOST, default 127.0.0.1)' },
    port: { type: 'string', description: 'port to listen on (env CAIRN_PORT, default 8080; 0 picks a free one)' },
    workers: { type: 'string', description: 'server processes sharing the port, to use more cores (env CAIRN_WORKERS, default 1; rate limits count per process)' },
  },
  async run({ args }) {
    const port = args.port === undefined ? undefined : Number(args.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new CairnError('USAGE', `--port must be 0-65535, got "${args.port}"`);
    const workers = args.workers === undefined ? undefined : Number(args.workers);
    if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 64)) throw new CairnError('USAGE', `--workers must be 1-64, got "${args.workers}"`);
    const config = configFrom({ db: args.db, host: args.host, port, workers });
    const server = await startServer(config, { log: (line) => process.stderr.write(`${line}\n`) });
    // A worker of `--workers N` serves quietly; its primary speaks for all of them.
    if (cluster.isWorker) return waitForStop(server);
    print(`cairn: serving ${config.db} on ${server.url} (MISP API at /, native API at /api/v1, OpenAPI at /api/openapi.json)`);
    if (server.workerPids) print(`cairn: ${server.workerPids.length} worker processes (pids ${server.workerPids.join(', ')})`);
    if (server.firstAdmin) {
      print(`cairn: first start: created organisation ${server.firstAdmin.org} and admin user ${server.firstAdmin.email}`);
      print(`cairn: admin API key (shown once, store it now): ${server.firstAdmin.key}`);
    }
    await waitForStop(server);
  },
});

async function waitForStop(server: RunningServer): Promise<void> {
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
}
