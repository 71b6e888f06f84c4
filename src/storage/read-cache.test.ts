import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, readCaches, type Db, type SqliteHandle } from './index.ts';

describe('read caches on a SQLite connection', () => {
  let dir: string;
  let db: Db;
  let h: SqliteHandle;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-read-cache-'));
    db = await openDb(join(dir, 'c.sqlite'));
    h = db.sqlite!;
    h.prepare('create table scratch (x text)').run();
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const remember = () => readCaches(h)!.map<string, number>('t').set('k', 1);
  const remembered = () => readCaches(h)!.map<string, number>('t').get('k');

  it('keeps entries while nothing changes', () => {
    remember();
    expect(remembered()).toBe(1);
    h.prepare('select count(*) from events').all();
    expect(remembered()).toBe(1);
  });

  it('drops everything when this connection changes a row', () => {
    remember();
    h.prepare('insert into scratch values (?)').run('here');
    expect(remembered()).toBeUndefined();
  });

  it('drops everything when another connection commits', async () => {
    remember();
    const other = await openDb(db.location);
    other.sqlite!.prepare("delete from scratch where x = 'nothing'").run();
    expect(remembered()).toBe(1);
    other.sqlite!.prepare("insert into scratch values ('there')").run();
    await other.close();
    expect(remembered()).toBeUndefined();
  });

  it('is not used inside a transaction', () => {
    h.prepare('begin').run();
    expect(readCaches(h)).toBeUndefined();
    h.prepare('rollback').run();
    expect(readCaches(h)).toBeDefined();
  });

  it('stays bounded', () => {
    const m = readCaches(h)!.map<number, number>('b', 3);
    for (let i = 0; i < 3; i++) m.set(i, i);
    expect(readCaches(h)!.map<number, number>('b', 3).size).toBe(0);
  });
});
