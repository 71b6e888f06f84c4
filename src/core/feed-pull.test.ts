import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDb, freshDb, type TestDb } from '../../test/databases.ts';
import { feedFiles, serveFeed, testUuid, touchEvent, type FeedServer } from '../../test/feed-server.ts';
import { toMispEvent } from '../formats/misp-json/index.ts';
import { listEvents, loadEvent, type Db } from '../storage/index.ts';
import { importInputs } from './import.ts';
import { feedView, publishFeed } from './feed-publish.ts';
import { pullFeeds } from './feed-pull.ts';
import { addFeed } from './feeds.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DATA = join(ROOT, '..', 'shared', 'data', 'misp-events');

describeEachDb('feed pull and publish', (kind) => {
  let t: TestDb;
  let db: Db;
  let server: FeedServer | undefined;
  let dir: string;
  beforeEach(async () => {
    t = await freshDb(kind);
    db = await t.open();
    dir = mkdtempSync(join(tmpdir(), 'cairn-feed-'));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await db.close();
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pulls a MISP feed over HTTP, then transfers only the events that changed', async () => {
    const files = feedFiles(12, 20);
    server = await serveFeed(files);
    await addFeed(db, { name: 'local', url: server.url, allowPrivate: true });
    const [first] = await pullFeeds(db, 'local');
    expect(first).toMatchObject({ listed: 12, fetched: 12, created: 12, attributes: 240, failed: [] });
    expect(await listEvents(db.kysely)).toHaveLength(12);

    touchEvent(files, 3, 21, 1_700_000_500);
    touchEvent(files, 9, 20, 1_700_000_500);
    const before = [...server.hits].filter(([p]) => p !== '/manifest.json').reduce((n, [, c]) => n + c, 0);
    const [second] = await pullFeeds(db, 'local');
    const after = [...server.hits].filter(([p]) => p !== '/manifest.json').reduce((n, [, c]) => n + c, 0);
    expect(after - before).toBe(2);
    expect(second).toMatchObject({ fetched: 2, updated: 2, created: 0 });
    expect((await loadEvent(db.kysely, testUuid(3)))!.attributes).toHaveLength(21);
  });

  it('refuses the loopback server unless the feed is allowed it', async () => {
    server = await serveFeed(feedFiles(1, 1));
    await addFeed(db, { name: 'nope', url: server.url });
    await expect(pullFeeds(db, 'nope')).rejects.toThrow(/feed nope: http:\/\/127\.0\.0\.1:\d+\/manifest\.json: 127\.0\.0\.1 is a private/);
    expect(await listEvents(db.kysely)).toHaveLength(0);
  });

  it('names a missing or broken event, stores none of it, and keeps the others', async () => {
    const files = feedFiles(4, 3);
    files.delete(`/${testUuid(2)}.json`);
    files.set(`/${testUuid(3)}.json`, files.get(`/${testUuid(3)}.json`)!.slice(0, 100));
    files.set(`/${testUuid(4)}.json`, files.get(`/${testUuid(4)}.json`)!.replace('"ip-dst"', '"no-such-type"'));
    server = await serveFeed(files);
    await addFeed(db, { name: 'partial', url: server.url, allowPrivate: true });
    const [s] = await pullFeeds(db, 'partial');
    expect(s!.created).toBe(1);
    const messages = s!.failed.map((p) => `${p.location?.source ?? ''} ${p.location?.pointer ?? ''} ${p.message}`);
    expect(messages[0]).toMatch(new RegExp(`feed partial: http://127.0.0.1:\\d+/${testUuid(2)}\\.json: HTTP 404`));
    expect(messages[1]).toMatch(/not valid JSON/);
    expect(messages[2]).toMatch(/\/Event\/Attribute\/2\/type rejected: .*unknown attribute type/);
    expect((await listEvents(db.kysely)).map((e) => e.uuid)).toEqual([testUuid(1)]);
  });

  it('stores the rest of a batch when the database refuses one of its events, and nothing of that one', async () => {
    // The refusal comes from the database itself (a trigger), as a constraint would.
    if (kind === 'sqlite') {
      await sql`create trigger refuse_test before insert on attributes when new.value1 = 'host1.event3.example.com' begin select raise(abort, 'refused by test'); end`.execute(db.kysely);
    } else {
      await sql`create function refuse_test() returns trigger as $$ begin if new.value1 = 'host1.event3.example.com' then raise exception 'refused by test'; end if; return new; end $$ language plpgsql`.execute(db.kysely);
      await sql`create trigger refuse_test before insert on attributes for each row execute function refuse_test()`.execute(db.kysely);
    }
    server = await serveFeed(feedFiles(5, 4));
    await addFeed(db, { name: 'refusing', url: server.url, allowPrivate: true });
    const [s] = await pullFeeds(db, 'refusing');
    expect(s).toMatchObject({ listed: 5, created: 4, attributes: 16 });
    expect(s!.failed.map((p) => p.message)).toEqual([expect.stringMatching(new RegExp(`event ${testUuid(3)} could not be stored: .*refused by test`))]);
    expect((await listEvents(db.kysely)).map((e) => e.uuid).sort()).toEqual([1, 2, 4, 5].map((i) => testUuid(i)));
    // Nothing of the refused event: none of its attributes, only the other four events' 16.
    const attributes = await db.kysely.selectFrom('attributes').select('uuid').execute();
    expect(attributes).toHaveLength(16);
    expect(attributes.filter((a) => [1, 2, 3, 4].some((j) => a.uuid === testUuid(3, j)))).toEqual([]);
  });

  it('refuses a manifest that is not a manifest, and a response over the cap', async () => {
    const files = feedFiles(2, 2);
    server = await serveFeed(files);
    await addFeed(db, { name: 'capped', url: server.url, allowPrivate: true });
    await expect(pullFeeds(db, 'capped', { policy: { maxBytes: 100 } })).rejects.toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('feed capped') });
    files.set('/manifest.json', '{"not-a-uuid": 1}');
    await expect(pullFeeds(db, 'capped')).rejects.toThrow(/manifest entry "not-a-uuid" needs an event uuid/);
    expect(await listEvents(db.kysely)).toHaveLength(0);
  });

  it('publishes a feed that, pulled into a fresh database, gives back the same events', async () => {
    const { readdirSync, existsSync } = await import('node:fs');
    if (!existsSync(DATA)) return console.warn(`SKIPPED: no MISP events at ${DATA}`);
    const inputs = readdirSync(DATA).filter((f) => f.endsWith('.json')).map((f) => ({ source: f, text: readFileSync(join(DATA, f), 'utf8') }));
    await importInputs(db, inputs);
    const s = await publishFeed(db, dir);
    expect(s.events).toBeGreaterThan(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, { info: string; timestamp: number }>;
    expect(Object.keys(manifest)).toHaveLength(s.events);
    expect(readFileSync(join(dir, 'hashes.csv'), 'utf8').split('\n')[0]).toMatch(/^[0-9a-f]{32},[0-9a-f-]{36}$/);

    const t2 = await freshDb(kind);
    const db2 = await t2.open();
    try {
      await addFeed(db2, { name: 'published', url: dir });
      const [pulled] = await pullFeeds(db2, 'published');
      expect(pulled).toMatchObject({ created: s.events, failed: [] });
      for (const uuid of Object.keys(manifest)) {
        const original = feedView((await loadEvent(db.kysely, uuid))!)!;
        const back = (await loadEvent(db2.kysely, uuid))!;
        expect(toMispEvent(back, { form: 'feed' })).toEqual(toMispEvent(original, { form: 'feed' }));
      }
    } finally {
      await db2.close();
      await t2.dispose();
    }
  });

  it('keeps a freetext feed as one event, updated in place', async () => {
    const list = join(dir, 'list.txt');
    writeFileSync(list, '# bad hosts\n198.51.100.1\nevil.example.com\nnot an indicator!\n');
    await addFeed(db, { name: 'hosts', url: list });
    const [a] = await pullFeeds(db, 'hosts', { now: 1_800_000_000 });
    expect(a).toMatchObject({ created: 1, attributes: 2 });
    expect(a!.failed[0]!.message).toMatch(/skipped "not"/);
    writeFileSync(list, '198.51.100.1\nd41d8cd98f00b204e9800998ecf8427e\n');
    const [b] = await pullFeeds(db, 'hosts', { now: 1_800_000_100 });
    expect(b).toMatchObject({ updated: 1 });
    const [ev] = await listEvents(db.kysely);
    const stored = await loadEvent(db.kysely, ev!.uuid);
    expect(stored!.attributes.map((x) => `${x.type} ${x.value} ${x.deleted ? 'deleted' : ''}`.trim()).sort()).toEqual(['domain evil.example.com deleted', 'ip-dst 198.51.100.1', 'md5 d41d8cd98f00b204e9800998ecf8427e']);
    const [c] = await pullFeeds(db, 'hosts', { now: 1_800_000_200 });
    expect(c).toMatchObject({ unchanged: 1, fetched: 0 });
  });

  it('reads chosen CSV columns', async () => {
    const file = join(dir, 'list.csv');
    writeFileSync(file, 'first_seen,ip,port\n2024-01-01,203.0.113.5,443\n2024-01-02,203.0.113.6,80\n');
    await addFeed(db, { name: 'csv', url: file, columns: '2' });
    const [a] = await pullFeeds(db, 'csv');
    expect(a).toMatchObject({ created: 1, attributes: 2 });
  });

  if (kind === 'sqlite') {
    it('resumes a pull killed half-way with every event exactly once', async () => {
      const files = feedFiles(40, 50);
      // Slow enough that the pull commits a first batch (after a second) long before its end.
      server = await serveFeed(files, undefined, 100);
      const env = { ...process.env, CAIRN_DB: t.url };
      const cairn = join(ROOT, 'bin', 'cairn.js');
      const run = (args: string[]) => spawn(process.execPath, [cairn, ...args], { env, stdio: 'pipe' });
      await new Promise<void>((resolve, reject) => run(['feed', 'add', 'slow', server!.url, '--allow-private']).on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`exit ${c}`)))));
      const child = run(['feed', 'pull', 'slow', '--concurrency', '2']);
      const killed = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      let exited = false;
      void killed.then(() => (exited = true));
      while (!exited && (await listEvents(db.kysely)).length === 0) await new Promise((r) => setTimeout(r, 10));
      child.kill('SIGKILL');
      await killed;
      const half = (await listEvents(db.kysely)).length;
      expect(half).toBeGreaterThan(0);
      expect(half).toBeLessThan(40);
      const [s] = await pullFeeds(db, 'slow');
      expect(s!.fetched).toBe(40 - half);
      const events = await listEvents(db.kysely, { limit: 1000 });
      expect(events).toHaveLength(40);
      expect(new Set(events.map((e) => e.uuid)).size).toBe(40);
      expect(events.every((e) => e.attributeCount === 50)).toBe(true);
      const n = await db.kysely.selectFrom('attributes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(2000);
    });
  }
});
