import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isBtcBase58At } from './_net.ts';

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const sha256 = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest();

/** The Base58Check rule with BigInt: a number below 2^200 whose 25 bytes end in the payload's checksum. */
function reference(s: string): boolean {
  if (s.length < 26 || s.length > 35 || (s[0] !== '1' && s[0] !== '3')) return false;
  let v = 0n;
  for (const ch of s) {
    const d = B58.indexOf(ch);
    if (d < 0) return false;
    v = v * 58n + BigInt(d);
  }
  if (v >= 1n << 200n) return false;
  const bytes = Buffer.from(v.toString(16).padStart(50, '0'), 'hex');
  return sha256(sha256(bytes.subarray(0, 21))).subarray(0, 4).equals(bytes.subarray(21));
}

function encode(bytes: Uint8Array): string {
  let v = BigInt('0x' + Buffer.from(bytes).toString('hex'));
  let s = '';
  while (v > 0n) {
    s = B58[Number(v % 58n)] + s;
    v /= 58n;
  }
  for (let i = 0; i < bytes.length && bytes[i] === 0; i++) s = '1' + s;
  return s;
}

const check = (s: string): boolean => isBtcBase58At(Uint16Array.from(s, (c) => c.charCodeAt(0)), 0, s.length);

describe('isBtcBase58At', () => {
  it('agrees with a BigInt Base58Check on valid, corrupted and out-of-range addresses', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % 256;
    const cases: string[] = [];
    for (let n = 0; n < 300; n++) {
      const payload = Uint8Array.from({ length: 21 }, (_, i) => (i === 0 ? (n % 2 ? 5 : 0) : next()));
      if (n % 7 === 0) payload.fill(0, 1, 1 + (n % 5)); // leading zero bytes: leading 1s
      const address = encode(Buffer.concat([payload, sha256(sha256(payload)).subarray(0, 4)]));
      cases.push(address, address.slice(0, -1) + (address.endsWith('z') ? 'y' : 'z'), address + '1');
    }
    // the largest and smallest numbers of 34 and 35 digits: around the 2^200 bound
    cases.push('1' + 'z'.repeat(33), '3' + 'z'.repeat(34), '1'.repeat(35), '3' + '1'.repeat(34), '1' + 'z'.repeat(34));
    for (const s of cases) expect([s, check(s)]).toEqual([s, reference(s)]);
    expect(cases.filter(check)).toHaveLength(cases.filter(reference).length);
    expect(cases.filter(check).length).toBeGreaterThan(250);
  });
});
