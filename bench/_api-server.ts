/**
 * Child process of bench/api.ts: serves either Cairn's app (createApp over the given database)
 * or the baseline, a bare node:http server doing one SQLite lookup per request. Sends its port
 * to the parent over IPC.
 */
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import SQLite from 'better-sqlite3';
import { createApp } from '../src/http/app.ts';
import { openDb } from '../src/storage/index.ts';

const [mode, url] = process.argv.slice(2) as ['cairn' | 'cairn2' | 'bare', string];

if (mode === 'bare') {
  const raw = new SQLite(url, { readonly: true });
  const stmt = raw.prepare('select id, uuid, event_id, type, category, value, to_ids from attributes where value1 = ? and deleted = 0 limit 100');
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      const { value } = JSON.parse(body) as { value: string };
      const rows = stmt.all(value);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ response: { Attribute: rows } }));
    });
  });
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
} else if (mode === 'cairn2' && cluster.isPrimary) {
  // Two worker processes sharing the port, as `cairn serve --workers 2` runs them.
  let listening = 0;
  for (let i = 0; i < 2; i++) {
    cluster.fork().once('listening', (addr) => {
      if (++listening === 2) process.send!({ port: addr.port });
    });
  }
  process.on('disconnect', () => process.exit(0));
} else {
  const db = await openDb(url);
  const app = createApp({ db, limits: { requestsPerMinute: 1e9 } });
  serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => process.send!({ port: info.port }));
  process.on('disconnect', () => process.exit(0));
}
// Exit normally on the parent's kill, so that a --cpu-prof profile (CAIRN_BENCH_PROFILE) is written.
process.on('SIGTERM', () => process.exit(0));
