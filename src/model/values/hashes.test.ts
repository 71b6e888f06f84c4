import { describe, expect, it } from 'vitest';
import { normalizeValue } from './index.ts';

const hex = (n: number): string => 'AbCdEf0123456789'.repeat(Math.ceil(n / 16)).slice(0, n);

describe('hex digests: lower-cased, exact lengths', () => {
  it.each([
    ['md5', 32], ['sha1', 40], ['sha224', 56], ['sha256', 64], ['sha384', 96], ['sha512', 128],
    ['sha512/224', 56], ['sha512/256', 64], ['sha3-224', 56], ['sha3-256', 64], ['sha3-384', 96], ['sha3-512', 128],
    ['imphash', 32], ['authentihash', 64], ['pehash', 40], ['dom-hash', 32], ['ja3-fingerprint-md5', 32],
    ['hassh-md5', 32], ['hasshserver-md5', 32], ['jarm-fingerprint', 62], ['x509-fingerprint-md5', 32],
    ['x509-fingerprint-sha1', 40], ['x509-fingerprint-sha256', 64], ['git-commit-id', 40], ['git-commit-id', 64],
    ['cdhash', 40], ['cdhash', 64],
  ] as const)('%s takes %i hex characters', (type, n) => {
    expect(normalizeValue(type, hex(n))).toMatchObject({ ok: true, value: hex(n).toLowerCase() });
    expect(normalizeValue(type, hex(n - 2))).toMatchObject({ ok: false, reason: expect.stringMatching(new RegExp(`got ${n - 2}$`)) });
  });

  it.each([
    ['sha1', `${hex(39)}z`, 'sha1 must be 40 hexadecimal characters, found "z" at position 40'],
    ['md5', hex(31), 'md5 must be 32 hexadecimal characters, got 31'],
    ['git-commit-id', hex(12), 'git-commit-id must be 40 or 64 hexadecimal characters, got 12'],
  ])('%s %j → %s', (type, input, reason) => {
    expect(normalizeValue(type, input)).toEqual({ ok: false, reason });
  });

  it('strips colons from x509 fingerprints only', () => {
    const colons = hex(40).match(/../g)?.join(':') ?? '';
    expect(normalizeValue('x509-fingerprint-sha1', colons)).toMatchObject({ ok: true, value: hex(40).toLowerCase() });
    expect(normalizeValue('sha1', colons).ok).toBe(false);
  });
});

describe('fuzzy and locality-sensitive hashes', () => {
  it.each([
    ['tlsh', `T1${hex(70)}`, `t1${hex(70).toLowerCase()}`],
    ['tlsh', hex(70), hex(70).toLowerCase()],
    ['telfhash', `T1${hex(70)}`, `t1${hex(70).toLowerCase()}`],
    ['ssdeep', '3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C', '3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C'],
    ['impfuzzy', '24:Ab+/:cD', '24:Ab+/:cD'],
    ['vhash', '0150366D1C0D0D1BZ3HZ', '0150366d1c0d0d1bz3hz'],
    ['filename|tlsh', `Setup.EXE|T1${hex(70)}`, `Setup.EXE|t1${hex(70).toLowerCase()}`],
    ['filename|sha256', `Invoice 2024.PDF.exe|${hex(64)}`, `Invoice 2024.PDF.exe|${hex(64).toLowerCase()}`],
  ])('%s %j → %j', (type, input, expected) => {
    expect(normalizeValue(type, input)).toMatchObject({ ok: true, value: expected });
  });

  it.each([
    ['ssdeep', '3:abc:def:ghi', 'ssdeep must have the form blocksize:hash:hash, got 3 ":"'],
    ['tlsh', `t1${hex(69)}`, 'tlsh must be 70 hexadecimal characters, got 69 (after an optional "T1" prefix)'],
  ])('%s %j → %s', (type, input, reason) => {
    expect(normalizeValue(type, input)).toEqual({ ok: false, reason });
  });
});
