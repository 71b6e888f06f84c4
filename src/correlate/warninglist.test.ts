import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { describeEachDb, useFreshDb } from '../../test/databases.ts';
import { loadReferenceDir } from '../core/reference-data.ts';
import { checkValue, enforceWarninglist, searchGalaxies, describedTags } from '../core/knowledge.ts';
import type { Db } from '../storage/index.ts';
import { compileWarninglists, unsafeRegex, WarninglistSchema, type Warninglist } from './index.ts';

const list = (l: Partial<Warninglist> & Pick<Warninglist, 'type' | 'list'>): Warninglist => WarninglistSchema.parse({ name: `test ${l.type}`, ...l });
const names = (m: ReturnType<typeof compileWarninglists>, type: string, value: string) => m.hits(type, value).map((h) => h.name);

describe('warninglists', () => {
  it('string lists match whole values and either half of a composite, case-insensitively', () => {
    const m = compileWarninglists([list({ type: 'string', list: ['D41D8CD98F00B204E9800998ECF8427E', 'google.com'] })]);
    expect(names(m, 'md5', 'd41d8cd98f00b204e9800998ecf8427e')).toEqual(['test string']);
    expect(names(m, 'filename|md5', 'empty.txt|d41d8cd98f00b204e9800998ecf8427e')).toEqual(['test string']);
    expect(names(m, 'domain', 'mail.google.com')).toEqual([]);
  });

  it('substring lists match anywhere in the value', () => {
    const m = compileWarninglists([list({ type: 'substring', list: ['.amazonaws.com'] })]);
    expect(names(m, 'hostname', 'bucket.s3.amazonaws.com')).toEqual(['test substring']);
    expect(names(m, 'hostname', 'amazonaws.com.evil.example')).toEqual([]);
  });

  it('hostname lists match the host and its subdomains, also inside URLs, never mere suffixes', () => {
    const m = compileWarninglists([list({ type: 'hostname', list: ['talosintelligence.com'], matching_attributes: ['domain', 'hostname', 'url'] })]);
    expect(names(m, 'hostname', 'talosintelligence.com')).toEqual(['test hostname']);
    expect(names(m, 'hostname', 'blog.talosintelligence.com.')).toEqual(['test hostname']);
    expect(names(m, 'url', 'https://blog.talosintelligence.com/2017/07/konni.html')).toEqual(['test hostname']);
    expect(names(m, 'hostname', 'nottalosintelligence.com')).toEqual([]);
    // matching_attributes is respected: a link is not checked.
    expect(names(m, 'link', 'https://blog.talosintelligence.com/')).toEqual([]);
  });

  it('cidr lists match IPv4 and IPv6 addresses and whole networks inside their ranges, on address types only by default', () => {
    const m = compileWarninglists([list({ type: 'cidr', list: ['10.0.0.0/8', '2001:db8::/32', '192.0.2.1', 'junk'] })]);
    expect(names(m, 'ip-dst', '10.200.0.1')).toEqual(['test cidr']);
    expect(names(m, 'ip-src|port', '10.0.0.1|443')).toEqual(['test cidr']);
    expect(names(m, 'ip-dst', '10.1.0.0/16')).toEqual(['test cidr']);
    expect(names(m, 'ip-dst', '11.0.0.1')).toEqual([]);
    expect(names(m, 'ip-dst', '2001:DB8::42')).toEqual(['test cidr']);
    expect(names(m, 'ip-dst', '192.0.2.1')).toEqual(['test cidr']);
    expect(names(m, 'text', '10.0.0.1')).toEqual([]);
    expect(m.rejected).toEqual([{ list: 'test cidr', entry: 'junk', reason: 'not an IP address or CIDR' }]);
  });

  it('regex lists run checked patterns and refuse catastrophic ones', () => {
    const m = compileWarninglists([list({ type: 'regex', list: ['/^https?:\\/\\/[a-z]+\\.example\\.org\\//i', '(a+)+$', '(x|y)\\1'] })]);
    expect(names(m, 'url', 'https://www.example.org/x')).toEqual(['test regex']);
    expect(names(m, 'url', 'https://www.example.com/x')).toEqual([]);
    expect(m.rejected.map((r) => r.entry)).toEqual(['(a+)+$', '(x|y)\\1']);
    expect(unsafeRegex('(.*)*')).toMatch(/nests/);
    expect(unsafeRegex('((ab)+)+')).toMatch(/nests/);
    expect(unsafeRegex('^(www\\.)?[a-z0-9-]+\\.example$')).toBeUndefined();
    // A pathological input for the refused pattern returns at once: it is never run.
    const t0 = performance.now();
    m.hits('url', 'a'.repeat(5000) + '!');
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

const MISP = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'misp');
const haveMisp = existsSync(MISP);
if (!haveMisp) console.warn(`MISP reference data ${MISP} is absent: loading tests are SKIPPED`);

describeEachDb('reference data', (kind) => {
  const fresh = useFreshDb(kind);
  let db: Db;
  beforeEach(() => {
    db = fresh.current();
  });

  it('has built-in lists out of the box, and filters hits out (enforceWarninglist)', async () => {
    expect((await checkValue(db, 'ip-dst', '192.168.1.1')).map((h) => h.name)).toEqual(['Cairn: private and special-use IPv4 ranges']);
    expect((await checkValue(db, 'sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).length).toBe(1);
    const kept = await enforceWarninglist(db, [{ type: 'ip-dst', value: '127.0.0.1' }, { type: 'ip-dst', value: '145.14.144.230' }]);
    expect(kept).toEqual([{ type: 'ip-dst', value: '145.14.144.230' }]);
  });

  it.skipIf(!haveMisp)('loads MISP warninglists, taxonomies and galaxies from directories', async () => {
    expect((await loadReferenceDir(db, 'warninglists', join(MISP, 'warninglists'))).loaded).toBe(7);
    expect((await checkValue(db, 'hostname', 'blog.talosintelligence.com')).map((h) => h.name)).toContain('List of known security providers/vendors blog domain');
    await loadReferenceDir(db, 'taxonomies', join(MISP, 'taxonomies'));
    await loadReferenceDir(db, 'galaxies', join(MISP, 'galaxies'));
    const konni = await searchGalaxies(db, 'KONNI');
    expect(konni.map((c) => c.tagName).sort()).toEqual(['misp-galaxy:rat="Konni"', 'misp-galaxy:tool="KONNI"']);
    expect(await describedTags(db)).toEqual([]);
  });
});
