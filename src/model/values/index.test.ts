import { describe, expect, it } from 'vitest';
import { CairnError } from '../../errors.ts';
import { MAX_VALUE_BYTES, assertValue, normalizeValue } from './index.ts';

describe('normalizeValue: value1 / value2 split', () => {
  it.each([
    ['domain|ip', ' Example.COM. | 2001:DB8:0::1 ', 'example.com|2001:db8::1', 'example.com', '2001:db8::1'],
    ['regkey|value', 'HKCU\\Run|a|b', 'HKCU\\Run|a|b', 'HKCU\\Run', 'a|b'],
    ['malware-sample', `x.exe|${'A'.repeat(32)}`, `x.exe|${'a'.repeat(32)}`, 'x.exe', 'a'.repeat(32)],
    ['ip-dst|port', '192.0.2.1:8443', '192.0.2.1|8443', '192.0.2.1', '8443'],
    ['md5', ` ${'F'.repeat(32)}\n`, 'f'.repeat(32), 'f'.repeat(32), ''],
    ['text', 'a|b', 'a|b', 'a|b', ''],
  ])('%s %j', (type, input, value, value1, value2) => {
    expect(normalizeValue(type, input)).toEqual({ ok: true, value, value1, value2 });
  });
});

describe('normalizeValue: rules for every type', () => {
  it.each([
    ['md5', 'a\0b', 'md5 must not contain NUL bytes'],
    ['text', '   ', 'text must not be only whitespace, got "   "'],
    ['text', '\u0001\u0002', 'text must not be only whitespace, got "\\u0001\\u0002"'],
    ['comment', '', 'comment must not be empty'],
    ['nope', 'x', 'unknown attribute type "nope"'],
    ['md5', 'a'.repeat(31), 'md5 must be 32 hexadecimal characters, got 31'],
  ])('%s %j → %s', (type, input, reason) => {
    expect(normalizeValue(type, input)).toEqual({ ok: false, reason });
  });

  it(`bounds values at ${MAX_VALUE_BYTES} UTF-8 bytes`, () => {
    expect(normalizeValue('text', 'a'.repeat(MAX_VALUE_BYTES)).ok).toBe(true);
    const r = normalizeValue('text', 'é'.repeat(MAX_VALUE_BYTES / 2 + 1));
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.reason).toMatch(/^text is 65536 bytes, more than 65535/);
  });

  it('does not throw on a non-string value', () => {
    expect(normalizeValue('text', 42 as unknown as string)).toEqual({ ok: false, reason: 'text value must be a string, got number' });
  });
});

describe('assertValue', () => {
  it('returns the normalised parts', () => {
    expect(assertValue('ip-src', '2001:DB8::1/128')).toEqual({ value: '2001:db8::1', value1: '2001:db8::1', value2: '' });
  });

  it('throws INVALID_INPUT naming the type, the value and the reason', () => {
    let err: unknown;
    try {
      assertValue('port', '0');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CairnError);
    expect((err as CairnError).code).toBe('INVALID_INPUT');
    expect((err as CairnError).message).toBe('invalid port value "0": port must be a whole number from 1 to 65535, got "0"');
  });

  it('cuts the value to 80 characters and escapes control characters', () => {
    const value = `\u0007${'x'.repeat(200)}\nend`;
    expect(() => assertValue('md5', value)).toThrow(`invalid md5 value "\\u0007${'x'.repeat(79)}…": md5 must be`);
  });
});

describe('linear time on hostile input', () => {
  const long = 60000;
  it.each([
    ['community-id', `1:${'='.repeat(long)}x`],
    ['ssh-fingerprint', `SHA256:${'='.repeat(long)}x`],
    ['email', `${'a@'.repeat(long / 2)}`],
    ['domain', `${'a.'.repeat(long / 2)}x`],
    ['float', `${'1'.repeat(long)}e`],
    ['url', `hxxp${'[.]'.repeat(long / 3)}`],
    ['datetime', `2024-01-01T00:00:00.${'1'.repeat(long)}`],
    ['cpe', `cpe:2.3:${'\\:'.repeat(long / 2)}`],
    ['ip-dst|port', `${':'.repeat(long)}|1`],
  ])('%s', (type, input) => {
    const t = performance.now();
    normalizeValue(type, input);
    expect(performance.now() - t).toBeLessThan(250);
  });
});
