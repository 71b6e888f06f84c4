import { afterEach, describe, expect, it } from 'vitest';
import { serveFeed, type FeedServer } from '../../test/feed-server.ts';
import { createFetcher, DEFAULT_FETCH_POLICY, isPublicAddress, type FetchPolicy } from './fetch-policy.ts';

const policy = (over: Partial<FetchPolicy> = {}): FetchPolicy => ({ ...DEFAULT_FETCH_POLICY, allowPrivate: true, privateHost: '127.0.0.1', label: 'feed test', ...over });
const JSON_ONLY = ['application/json'];

describe('fetch policy', () => {
  let server: FeedServer;
  afterEach(async () => server?.close());

  it.each([
    ['127.0.0.1', false], ['10.1.2.3', false], ['192.168.0.1', false], ['169.254.169.254', false], ['::1', false],
    ['fe80::1', false], ['fc00::1', false], ['::ffff:127.0.0.1', false], ['0.0.0.0', false], ['100.64.0.1', false],
    ['8.8.8.8', true], ['2001:4860:4860::8888', true],
  ])('%s is public: %s', (ip, expected) => expect(isPublicAddress(ip)).toBe(expected));

  it('fetches from the loopback server a feed is allowed to use', async () => {
    server = await serveFeed(new Map([['/a.json', '{"ok":true}']]));
    const f = createFetcher(policy());
    expect((await f.get(`${server.url}a.json`, JSON_ONLY)).body.toString()).toBe('{"ok":true}');
    f.close();
  });

  it('refuses loopback without the permission, naming the feed and URL', async () => {
    server = await serveFeed(new Map([['/a.json', '{}']]));
    const f = createFetcher(policy({ allowPrivate: false }));
    await expect(f.get(`${server.url}a.json`, JSON_ONLY)).rejects.toThrow(/^feed test: http:\/\/127\.0\.0\.1:\d+\/a\.json: 127\.0\.0\.1 is a private/);
    await expect(f.get(`http://localhost:${new URL(server.url).port}/a.json`, JSON_ONLY)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    f.close();
  });

  it.each([['http://10.0.0.1/x.json'], ['http://169.254.169.254/latest/meta-data'], ['http://localhost:1/x.json']])('refuses a redirect to %s', async (target) => {
    server = await serveFeed(new Map(), (path, _req, res) => {
      if (path === '/go') res.writeHead(302, { location: target }).end();
      return path === '/go';
    });
    const f = createFetcher(policy());
    await expect(f.get(`${server.url}go`, JSON_ONLY)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('private') });
    expect(server.hits.get('/go')).toBe(1);
    f.close();
  });

  it('follows a redirect on the same host, and refuses other schemes', async () => {
    server = await serveFeed(new Map([['/b.json', '[]']]), (path, _req, res) => {
      if (path === '/a.json') res.writeHead(301, { location: '/b.json' }).end();
      if (path === '/file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      return path === '/a.json' || path === '/file';
    });
    const f = createFetcher(policy());
    expect((await f.get(`${server.url}a.json`, JSON_ONLY)).url).toMatch(/\/b\.json$/);
    await expect(f.get(`${server.url}file`, JSON_ONLY)).rejects.toThrow(/scheme file: is not allowed/);
    f.close();
  });

  it('refuses a response larger than the cap, declared or streamed', async () => {
    const big = 'x'.repeat(5000);
    server = await serveFeed(new Map([['/big.json', big]]), (path, _req, res) => {
      if (path !== '/chunked.json') return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 10; i++) res.write(big);
      res.end();
      return true;
    });
    const f = createFetcher(policy({ maxBytes: 1000 }));
    await expect(f.get(`${server.url}big.json`, JSON_ONLY)).rejects.toMatchObject({ code: 'TOO_LARGE', message: expect.stringMatching(/big\.json: the response is .*over the 1000-byte cap/) });
    await expect(f.get(`${server.url}chunked.json`, JSON_ONLY)).rejects.toMatchObject({ code: 'TOO_LARGE' });
    f.close();
  });

  it('refuses an unexpected content type and times out a silent server', async () => {
    server = await serveFeed(new Map(), (path, _req, res) => {
      if (path === '/page') res.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
      return true; // anything else: never answered
    });
    const f = createFetcher(policy({ totalTimeoutMs: 300 }));
    await expect(f.get(`${server.url}page`, JSON_ONLY)).rejects.toThrow(/content type text\/html where application\/json was expected/);
    await expect(f.get(`${server.url}silent`, JSON_ONLY)).rejects.toMatchObject({ code: 'TIMEOUT' });
    f.close();
  });
});
