/** Host, address and wallet validators used by the classifier. Private to src/extract. */
import ipaddr from 'ipaddr.js';
import { parse } from 'tldts';
import { BENIGN_DOMAINS, FILE_LIKE_TLDS } from './_lists.ts';

const TLDTS_OPTS = { extractHostname: false, validateHostname: false, detectIp: false, mixedInputs: false } as const;

export interface HostInfo {
  readonly registrable: string;
  readonly tld: string;
}

/** A lower-case host name with a known ICANN public suffix and at least one label below it. */
export function checkDomain(host: string): HostInfo | null {
  if (host.length < 4 || host.length > 253) return null;
  let labelLen = 0;
  let dots = 0;
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (c === 46) {
      if (labelLen === 0 || host.charCodeAt(i - 1) === 45) return null;
      labelLen = 0;
      dots++;
      continue;
    }
    const ok = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || (c === 45 && labelLen > 0);
    if (!ok || ++labelLen > 63) return null;
  }
  if (dots === 0 || labelLen === 0) return null;
  const r = parse(host, TLDTS_OPTS);
  if (!r.isIcann || r.domain === null || r.publicSuffix === null) return null;
  const suffix = r.publicSuffix;
  const first = suffix.charCodeAt(0);
  if (first >= 48 && first <= 57) return null;
  // the registrable label itself must not start with '_' or '-'
  const reg = r.domainWithoutSuffix ?? '';
  if (reg.length === 0 || reg.charCodeAt(0) === 95 || reg.includes('_')) return null;
  return { registrable: r.domain, tld: suffix.slice(suffix.lastIndexOf('.') + 1) };
}

export const isFileLikeTld = (tld: string): boolean => FILE_LIKE_TLDS.has(tld);
export const isBenignDomain = (registrable: string, host: string): boolean =>
  BENIGN_DOMAINS.has(registrable) || BENIGN_DOMAINS.has(host);

/** Four decimal octets 0-255, at most three digits each. */
export function isIPv4(s: string): boolean {
  let parts = 0;
  let digits = 0;
  let val = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++parts > 3) return false;
      digits = 0;
      val = 0;
    } else if (c >= 48 && c <= 57) {
      val = val * 10 + (c - 48);
      if (++digits > 3 || val > 255) return false;
    } else return false;
  }
  return parts === 3 && digits > 0;
}

export function isIPv6(s: string): boolean {
  if (s.length < 2 || !s.includes(':')) return false;
  // ipaddr's forms (hex groups, a dotted IPv4 tail with decimal or 0x octets, a %zone of letters and
  // digits at the end) hold nothing else: other strings are ruled out without its regexes
  let zone = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 58) || c === 46) continue;
    if (c === 37) {
      zone = true;
      continue;
    }
    const l = c | 32;
    if (l >= 97 && l <= 122 && (zone || l <= 102 || l === 120)) continue;
    return false;
  }
  return ipaddr.IPv6.isValid(s);
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const B58_INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < B58.length; i++) B58_INDEX[B58.charCodeAt(i)] = i;

export function isBase58(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || (B58_INDEX[c] as number) < 0) return false;
  }
  return true;
}

const BTC_BYTES = new Uint8Array(25);
const BTC_LIMBS = new Float64Array(9);

/** Legacy (P2PKH `1…`, P2SH `3…`) address with a valid Base58Check checksum. */
export function isBtcBase58(s: string): boolean {
  const n = s.length;
  if (n < 26 || n > 35) return false;
  for (let i = 0; i < n; i++) B58_UNITS[i] = s.charCodeAt(i);
  return isBtcBase58At(B58_UNITS, 0, n);
}

const B58_UNITS = new Uint16Array(35);

/**
 * {@link isBtcBase58} of the code units u[a, b): the scanner's copy of the text, read in place of a
 * slice (a sliced string, several times slower to read per character).
 */
export function isBtcBase58At(u: Uint16Array, a: number, b: number): boolean {
  if (b - a < 26 || b - a > 35 || (u[a] !== 49 && u[a] !== 51)) return false;
  for (let i = a; i < b; i++) {
    const c = u[i] as number;
    if (c >= 128 || (B58_INDEX[c] as number) < 0) return false;
  }
  // base-58 to a 216-bit number in nine 24-bit limbs (most significant first), in doubles, four
  // digits per step: a limb times 58^4 plus the carry stays below 2^48, so every step is exact
  // (BigInt was the costliest step here; one digit per step into 32-bit limbs took 238 multiply-adds
  // for a 34-character address, where these take 81). The number only grows, so a carry out of the
  // top limb means 2^216 or more: too large for 25 bytes, as is a top limb over 255.
  const limbs = BTC_LIMBS.fill(0);
  let i = a;
  while (i < b) {
    let mul = 1;
    let carry = 0;
    for (let k = 0; k < 4 && i < b; k++, i++) {
      mul *= 58;
      carry = carry * 58 + (B58_INDEX[u[i] as number] as number);
    }
    for (let j = 8; j >= 0; j--) {
      const x = (limbs[j] as number) * mul + carry;
      carry = Math.floor(x / 16777216);
      limbs[j] = x - carry * 16777216;
    }
    if (carry !== 0) return false;
  }
  // 25 bytes: the top limb holds bits 192-215, of which only the low 8 may be set
  const top = limbs[0] as number;
  if (top > 255) return false;
  const bytes = BTC_BYTES;
  bytes[0] = top;
  for (let j = 1; j < 9; j++) {
    const w = limbs[j] as number;
    bytes[3 * j - 2] = w >>> 16;
    bytes[3 * j - 1] = w >>> 8;
    bytes[3 * j] = w;
  }
  // double SHA-256 of the 21-byte payload; its first four bytes are the checksum
  sha256Short(BTC_BYTES, 21, DIGEST);
  for (let i = 0; i < 8; i++) {
    const w = DIGEST[i] as number;
    DIGEST_BYTES[4 * i] = w >>> 24;
    DIGEST_BYTES[4 * i + 1] = w >>> 16;
    DIGEST_BYTES[4 * i + 2] = w >>> 8;
    DIGEST_BYTES[4 * i + 3] = w;
  }
  sha256Short(DIGEST_BYTES, 32, DIGEST);
  const check = DIGEST[0] as number;
  return (check >>> 24) === bytes[21] && ((check >>> 16) & 255) === bytes[22] && ((check >>> 8) & 255) === bytes[23] && (check & 255) === bytes[24];
}

const DIGEST = new Int32Array(8);
const DIGEST_BYTES = new Uint8Array(32);
const SHA_W = new Int32Array(64);
const SHA_K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/**
 * SHA-256 of the first `len` (at most 55) bytes of `msg`, one padded block, into `out` as eight
 * big-endian words. In place of node:crypto for the checksum: `hash('sha256', …)` looks the
 * digest up by name on every call, ~4 µs a candidate, where this is a fraction of that.
 */
function sha256Short(msg: Uint8Array, len: number, out: Int32Array): void {
  const w = SHA_W;
  w.fill(0, 0, 16);
  for (let i = 0; i < len; i++) w[i >> 2] = (w[i >> 2] as number) | ((msg[i] as number) << (24 - 8 * (i & 3)));
  w[len >> 2] = (w[len >> 2] as number) | (0x80 << (24 - 8 * (len & 3)));
  w[15] = len * 8;
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15] as number;
    const y = w[i - 2] as number;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
  }
  let a = 0x6a09e667, b = 0xbb67ae85 | 0, c = 0x3c6ef372, d = 0xa54ff53a | 0;
  let e = 0x510e527f, f = 0x9b05688c | 0, g = 0x1f83d9ab, h = 0x5be0cd19;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + (SHA_K[i] as number) + (w[i] as number)) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  out[0] = 0x6a09e667 + a;
  out[1] = 0xbb67ae85 + b;
  out[2] = 0x3c6ef372 + c;
  out[3] = 0xa54ff53a + d;
  out[4] = 0x510e527f + e;
  out[5] = 0x9b05688c + f;
  out[6] = 0x1f83d9ab + g;
  out[7] = 0x5be0cd19 + h;
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

/** SegWit address `bc1…` with a valid bech32/bech32m checksum. */
export function isBtcBech32(s: string): boolean {
  const lower = s.toLowerCase();
  if (lower !== s && s.toUpperCase() !== s) return false;
  if (!lower.startsWith('bc1') || lower.length < 14 || lower.length > 90) return false;
  const values: number[] = [];
  for (let i = 3; i < lower.length; i++) {
    const v = BECH32.indexOf(lower[i] as string);
    if (v < 0) return false;
    values.push(v);
  }
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of [3, 3, 0, 2, 3, ...values]) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i] as number;
  }
  return chk === 1 || chk === 0x2bc830a3;
}

/** Monero standard (95) or integrated (106) address. */
export const isXmr = (s: string): boolean =>
  (s.length === 95 || s.length === 106) && (s[0] === '4' || s[0] === '8') && isBase58(s);
