/**
 * A MISP feed on a loopback HTTP server (port 0) for tests, counting the requests per path,
 * and a generator of feed events.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (path: string, req: IncomingMessage, res: ServerResponse) => boolean | void;

export interface FeedServer {
  readonly url: string;
  /** Requests served, by path. */
  readonly hits: Map<string, number>;
  /** Files served as application/json or text/plain, by path ("/manifest.json"). */
  readonly files: Map<string, string>;
  close(): Promise<void>;
}

export async function serveFeed(files: Map<string, string>, handler?: Handler, delayMs = 0): Promise<FeedServer> {
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (handler?.(path, req, res)) return;
    const body = files.get(path);
    const send = () => {
      if (body === undefined) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': path.endsWith('.json') ? 'application/json' : 'text/plain' }).end(body);
    };
    if (delayMs) setTimeout(send, delayMs);
    else send();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    hits,
    files,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
/** A deterministic uuid for event `i`, item `j`. */
export const testUuid = (i: number, j = 0): string => `${hex(i, 8)}-${hex(j >>> 16, 4)}-4${hex(j & 0xfff, 3)}-8000-${hex(i * 7 + j, 12)}`;

/** A feed-form MISP event with `n` attributes. */
export function feedEvent(i: number, n: number, timestamp: number): Record<string, unknown> {
  const attrs = [];
  for (let j = 1; j <= n; j++) {
    const kind = j % 3;
    attrs.push({
      uuid: testUuid(i, j),
      type: kind === 0 ? 'ip-dst' : kind === 1 ? 'domain' : 'sha256',
      category: kind === 2 ? 'Payload delivery' : 'Network activity',
      value: kind === 0 ? `10.${(i >> 8) & 255}.${i & 255}.${j & 255}` : kind === 1 ? `host${j}.event${i}.example.com` : `${hex(i, 32)}${hex(j, 32)}`,
      to_ids: true,
      comment: '',
      timestamp: String(timestamp),
    });
  }
  return {
    Event: {
      uuid: testUuid(i),
      info: `Generated event ${i}`,
      date: '2024-05-01',
      threat_level_id: '2',
      analysis: '2',
      published: true,
      timestamp: String(timestamp),
      publish_timestamp: String(timestamp),
      Orgc: { name: 'Feed Org', uuid: '0000aaaa-0000-4000-8000-000000000001' },
      Tag: [{ name: 'tlp:white', colour: '#ffffff' }],
      Attribute: attrs,
    },
  };
}

/** The files of a generated MISP feed of `count` events with `perEvent` attributes each. */
export function feedFiles(count: number, perEvent: number, timestamp = 1_700_000_000): Map<string, string> {
  const files = new Map<string, string>();
  const manifest: Record<string, unknown> = {};
  for (let i = 1; i <= count; i++) {
    files.set(`/${testUuid(i)}.json`, JSON.stringify(feedEvent(i, perEvent, timestamp)));
    manifest[testUuid(i)] = { info: `Generated event ${i}`, timestamp, date: '2024-05-01', analysis: 2, threat_level_id: 2, Orgc: { name: 'Feed Org', uuid: '0000aaaa-0000-4000-8000-000000000001' }, Tag: [] };
  }
  files.set('/manifest.json', JSON.stringify(manifest));
  return files;
}

/** Bumps event `i` of a generated feed to a newer timestamp (and its manifest entry). */
export function touchEvent(files: Map<string, string>, i: number, perEvent: number, timestamp: number): void {
  files.set(`/${testUuid(i)}.json`, JSON.stringify(feedEvent(i, perEvent, timestamp)));
  const manifest = JSON.parse(files.get('/manifest.json')!) as Record<string, { timestamp: number }>;
  manifest[testUuid(i)]!.timestamp = timestamp;
  files.set('/manifest.json', JSON.stringify(manifest));
}
