import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { CairnError, type ErrorCode } from '../errors.ts';

/** The limits every outbound request of Cairn obeys. */
export interface FetchPolicy {
  /** Time to open the connection (DNS and TCP/TLS), ms. */
  readonly connectTimeoutMs: number;
  /** Time for the whole exchange, redirects and body included, ms. */
  readonly totalTimeoutMs: number;
  /** Largest body accepted, bytes. */
  readonly maxBytes: number;
  readonly maxRedirects: number;
  /** Let the request reach private, loopback and link-local addresses (a feed explicitly allowed one)... */
  readonly allowPrivate: boolean;
  /** ...on this host only (the feed's own), when set: a redirect elsewhere is checked as usual. */
  readonly privateHost?: string;
  /** For messages: whose request this is, e.g. `feed circl`. */
  readonly label: string;
}

export const DEFAULT_FETCH_POLICY: Omit<FetchPolicy, 'label'> = Object.freeze({
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 120_000,
  maxBytes: 256 * 1024 * 1024,
  maxRedirects: 5,
  allowPrivate: false,
});

export interface FetchedBody {
  /** The URL finally answered, after redirects. */
  readonly url: string;
  readonly contentType: string;
  readonly body: Buffer;
}

export interface Fetcher {
  /**
   * GETs a URL under the policy. `accept` lists the media types wanted (matched on the
   * type before `;`); a response of another type fails.
   */
  get(url: string, accept: readonly string[]): Promise<FetchedBody>;
  close(): void;
}

/** Whether an address may be reached when private destinations are not allowed: public unicast only. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/**
 * A fetcher enforcing one policy for every request, redirect and follow-up URL: connect and
 * total timeouts, a size cap, content-type checks, and no private, loopback or link-local
 * destination unless allowed. Addresses are checked as resolved, at connect time, so a name
 * that resolves to a private address is refused too; redirects are followed by hand and
 * each hop checked again.
 *
 * @example const f = createFetcher({ ...DEFAULT_FETCH_POLICY, label: 'feed circl' });
 *          const { body } = await f.get('https://www.circl.lu/doc/misp/feed-osint/manifest.json', ['application/json']);
 */
export function createFetcher(policy: FetchPolicy): Fetcher {
  const fail = (code: ErrorCode, url: string, reason: string, cause?: unknown): CairnError =>
    new CairnError(code, `${policy.label}: ${url}: ${reason}`, cause === undefined ? {} : { cause });

  const privateOk = (host: string) => policy.allowPrivate && (policy.privateHost === undefined || policy.privateHost === host);
  const lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 4);
      const list = addresses;
      const bad = privateOk(hostname) ? undefined : list.find((a) => !isPublicAddress(a.address));
      if (bad) return callback(Object.assign(new Error(`${hostname} resolves to ${bad.address}, a private, loopback or link-local address`), { code: 'EPRIVATE' }), '', 4);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      const first = list[0]!;
      callback(null, first.address, first.family);
    });
  };
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 16 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 16 }),
  };

  function checkUrl(raw: string): URL {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw fail('INVALID_INPUT', raw, 'not a URL');
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw fail('FORBIDDEN', raw, `scheme ${u.protocol} is not allowed (http and https only)`);
    const host = u.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !privateOk(host) && !isPublicAddress(host)) throw fail('FORBIDDEN', raw, `${host} is a private, loopback or link-local address`, undefined);
    return u;
  }

  function once(u: URL, deadline: number, accept: readonly string[]): Promise<{ redirect: string } | FetchedBody> {
    return new Promise((resolve, reject) => {
      const url = u.toString();
      const mod = u.protocol === 'https:' ? https : http;
      const req = mod.request(u, { method: 'GET', agent: agents[u.protocol as 'http:' | 'https:'], lookup, headers: { accept: accept.join(', '), 'user-agent': 'cairn' } });
      let settled = false;
      const done = (e: CairnError | null, v?: { redirect: string } | FetchedBody) => {
        if (settled) return;
        settled = true;
        clearTimeout(total);
        clearTimeout(connect);
        if (e) {
          req.destroy();
          reject(e);
        } else resolve(v!);
      };
      const total = setTimeout(() => done(fail('TIMEOUT', url, `no complete answer within ${policy.totalTimeoutMs} ms`)), Math.max(0, deadline - Date.now()));
      const connect = setTimeout(() => done(fail('TIMEOUT', url, `could not connect within ${policy.connectTimeoutMs} ms`)), policy.connectTimeoutMs);
      req.on('socket', (s) => {
        if (!s.connecting) clearTimeout(connect);
        else s.once('connect', () => clearTimeout(connect));
      });
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPRIVATE') done(fail('FORBIDDEN', url, e.message, e));
        else done(fail('UPSTREAM', url, e.message, e));
      });
      req.on('response', (res) => {
        clearTimeout(connect);
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          return done(null, { redirect: new URL(res.headers.location, u).toString() });
        }
        if (status !== 200) {
          res.resume();
          return done(fail(status === 404 ? 'NOT_FOUND' : 'UPSTREAM', url, `HTTP ${status}`));
        }
        const contentType = String(res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (contentType && accept.length && !accept.includes(contentType)) {
          res.resume();
          return done(fail('UPSTREAM', url, `content type ${contentType} where ${accept.join(' or ')} was expected`));
        }
        const declared = Number(res.headers['content-length'] ?? NaN);
        if (declared > policy.maxBytes) {
          res.resume();
          return done(fail('TOO_LARGE', url, `the response is ${declared} bytes, over the ${policy.maxBytes}-byte cap`));
        }
        const parts: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > policy.maxBytes) done(fail('TOO_LARGE', url, `the response is over the ${policy.maxBytes}-byte cap`));
          else parts.push(c);
        });
        res.on('error', (e) => done(fail('UPSTREAM', url, e.message, e)));
        res.on('end', () => done(null, { url, contentType, body: Buffer.concat(parts) }));
      });
      req.end();
    });
  }

  return {
    async get(raw, accept) {
      const deadline = Date.now() + policy.totalTimeoutMs;
      let u = checkUrl(raw);
      for (let hop = 0; ; hop++) {
        const r = await once(u, deadline, accept);
        if (!('redirect' in r)) return r;
        if (hop >= policy.maxRedirects) throw fail('UPSTREAM', raw, `more than ${policy.maxRedirects} redirects`);
        u = checkUrl(r.redirect);
      }
    },
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
