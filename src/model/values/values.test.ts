import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_TYPES } from '../registry.ts';
import { CASES, type ValidCase } from './_cases.ts';
import { normalizeValue } from './index.ts';

const valid = Object.entries(CASES).flatMap(([type, c]) =>
  c.valid.map((v: ValidCase): [string, string, string] => (typeof v === 'string' ? [type, v, v] : [type, v[0], v[1]])),
);
const invalid = Object.entries(CASES).flatMap(([type, c]) => c.invalid.map((v) => [type, v] as const));

describe('the case table', () => {
  it.each(ATTRIBUTE_TYPES.map((t) => [t]))('has a valid and an invalid value for %s', (type) => {
    expect(CASES[type]?.valid.length ?? 0, `${type} lacks a valid case`).toBeGreaterThan(0);
    expect(CASES[type]?.invalid.length ?? 0, `${type} lacks an invalid case`).toBeGreaterThan(0);
  });

  it('names only types MISP knows', () => {
    const known = new Set<string>(ATTRIBUTE_TYPES);
    expect(Object.keys(CASES).filter((t) => !known.has(t))).toEqual([]);
  });
});

describe('normalizeValue accepts', () => {
  it.each(valid)('%s %j → %j', (type, input, expected) => {
    const r = normalizeValue(type, input);
    expect(r).toMatchObject({ ok: true, value: expected });
  });
});

describe('normalizeValue rejects', () => {
  it.each(invalid)('%s %j', (type, input) => {
    const r = normalizeValue(type, input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      // Every reason names the type first, so a message over many values stays readable.
      expect(r.reason.startsWith(type)).toBe(true);
    }
  });
});
