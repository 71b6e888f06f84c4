import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { describeEachDb, useFreshDb } from '../../../test/databases.ts';
import { diffMisp } from '../../../test/misp-diff.ts';
import { importInputs } from '../../core/import.ts';
import { normalizeValue } from '../../model/values/index.ts';
import { loadEvent, type Db } from '../../storage/index.ts';
import { locateEvents, mispJson, parseMispJson, toMispEvent } from './index.ts';

const DATA = join(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'data', 'misp-events');
const FILES = existsSync(DATA) ? readdirSync(DATA).filter((f) => f.endsWith('.json')).sort() : [];
const ctx = { source: 'test.json', now: 1_700_000_000 };

const attr = (over: Record<string, unknown> = {}) => ({ uuid: '5c8f7b6a-0000-4000-8000-000000000001', type: 'ip-dst', category: 'Network activity', value: '198.51.100.7', to_ids: true, timestamp: '1500000000', ...over });
const event = (attrs: unknown[], over: Record<string, unknown> = {}) => ({ uuid: '5c8f7b6a-0000-4000-8000-00000000000e', info: 'x', date: '2020-01-02', threat_level_id: '2', analysis: 1, timestamp: 1500000000, Orgc: { name: 'ACME', uuid: '5c8f7b6a-0000-4000-8000-0000000000cc' }, Attribute: attrs, ...over });

describe('misp-json parse', () => {
  it.each([
    ['wrapped', { Event: event([attr()]) }, '/Event'],
    ['bare', event([attr()]), ''],
    ['response list', { response: [{ Event: event([attr()]) }] }, '/response/0/Event'],
    ['response of bare events', { response: [event([attr()])] }, '/response/0'],
    ['array', [{ Event: event([attr()]) }], '/0/Event'],
  ])('finds the event in the %s envelope', (_name, doc, at) => {
    expect(locateEvents(doc).map((l) => l.at)).toEqual([at]);
    const r = parseMispJson(JSON.stringify(doc), ctx);
    expect(r.errors).toEqual([]);
    expect(r.events[0]!.attributes[0]!.value).toBe('198.51.100.7');
    expect(mispJson.detect(JSON.stringify(doc))).toBeGreaterThanOrEqual(0.5);
  });

  it('reads ids, enums and timestamps given as strings or numbers, flags as booleans or 0/1', () => {
    const a = parseMispJson(JSON.stringify(event([attr({ to_ids: '1', timestamp: 1500000001, distribution: 3 })])), ctx).events[0]!;
    const b = parseMispJson(JSON.stringify(event([attr({ to_ids: true, timestamp: '1500000001', distribution: '3' })], { analysis: '1', timestamp: '1500000000' })), ctx).events[0]!;
    expect(a).toEqual(b);
    expect(a.threatLevel).toBe(2);
    expect(a.attributes[0]).toMatchObject({ toIds: true, timestamp: 1500000001, distribution: 3 });
  });

  it.each([
    ['an unknown attribute type', event([attr(), attr({ uuid: '5c8f7b6a-0000-4000-8000-000000000002', type: 'no-such-type' })]), '/Event/Attribute/1/type'],
    ['an empty value', event([attr({ value: '  ' })]), '/Event/Attribute/0/value'],
    ['a wrong value type', event([attr({ to_ids: 'maybe' })]), '/Event/Attribute/0/to_ids'],
    ['a threat level out of range', event([attr()], { threat_level_id: '9' }), '/Event/threat_level_id'],
    ['an unknown category', event([attr({ category: 'Nope' })]), '/Event/Attribute/0/category'],
    ['attributes that are not a list', event([], { Attribute: 'x' }), '/Event/Attribute'],
  ])('rejects %s with a JSON pointer', (_name, body, pointer) => {
    const r = parseMispJson(JSON.stringify({ Event: body }), ctx);
    expect(r.errors.map((e) => e.location?.pointer)).toContain(pointer);
  });

  it('refuses truncated JSON as a whole', () => {
    expect(() => parseMispJson(JSON.stringify({ Event: event([attr()]) }).slice(0, 60), ctx)).toThrow(/not valid JSON/);
  });

  it('keeps fields it does not model and gives them back', () => {
    const body = event([attr({ id: '12', data: 'QUJD', Galaxy: [], custom: { a: 1 } })], { id: '7', locked: true, RelatedEvent: [{ Event: { id: '3' } }] });
    const ev = parseMispJson(JSON.stringify({ Event: body }), ctx).events[0]!;
    const back = toMispEvent(ev);
    expect(diffMisp(body, back).filter((d) => d.kind !== 'added')).toEqual([]);
  });
});

describeEachDb('misp-json round trip of real MISP events', (kind) => {
  const fresh = useFreshDb(kind);
  let db: Db;
  beforeEach(() => {
    db = fresh.current();
  });

  it.skipIf(FILES.length > 0)(`SKIPPED: no MISP events at ${DATA}`, () => undefined);
  it.each(FILES)('%s imports and exports again with nothing lost', async (file) => {
    const text = readFileSync(join(DATA, file), 'utf8');
    const summary = await importInputs(db, [{ source: file, text }]);
    expect(summary.inputs[0]!.errors).toEqual([]);
    const [input] = locateEvents(JSON.parse(text));
    const uuid = String(input!.body['uuid']);
    const stored = await loadEvent(db.kysely, uuid);
    // A value MISP would store normalised (e.g. a datetime in ISO form) is a normalisation, not a loss.
    const at = (p: string) => p.split('/').slice(1).reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], input!.body) as Record<string, unknown>;
    const normalised = (d: { pointer: string; input?: unknown; output?: unknown }) => {
      if (!d.pointer.endsWith('/value')) return false;
      const r = normalizeValue(String(at(d.pointer.replace(/\/value$/, ''))['type']), String(d.input));
      return r.ok && r.value === d.output;
    };
    const differences = diffMisp(input!.body, toMispEvent(stored!)).filter((d) => !(d.kind === 'changed' && normalised(d)));
    const added = differences.filter((d) => d.kind === 'added');
    if (added.length) console.info(`${file}: ${added.length} field(s) added on export (defaults MISP emits), e.g. ${added.slice(0, 3).map((d) => d.pointer).join(', ')}`);
    expect(differences.filter((d) => d.kind !== 'added')).toEqual([]);
  });
});
