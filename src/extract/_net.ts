/** Host, address and wallet validators used by the classifier. Private to src/extract. */
import { hash } from 'node:crypto';
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
const BTC_PAYLOAD = BTC_BYTES.subarray(0, 21);

/** Legacy (P2PKH `1…`, P2SH `3…`) address with a valid Base58Check checksum. */
export function isBtcBase58(s: string): boolean {
  if (s.length < 26 || s.length > 35 || (s[0] !== '1' && s[0] !== '3') || !isBase58(s)) return false;
  // base-58 to 25 big-endian bytes with small-number arithmetic (BigInt was the costliest step here),
  // in one scratch array (a typed array per call was ~10% of the extractor's allocation)
  const bytes = BTC_BYTES.fill(0);
  for (let i = 0; i < s.length; i++) {
    let carry = B58_INDEX[s.charCodeAt(i)] as number;
    for (let j = 24; j >= 0; j--) {
      carry += (bytes[j] as number) * 58;
      bytes[j] = carry & 255;
      carry >>= 8;
    }
    if (carry !== 0) return false;
  }
  const h = hash('sha256', hash('sha256', BTC_PAYLOAD, 'buffer'), 'buffer');
  return h[0] === bytes[21] && h[1] === bytes[22] && h[2] === bytes[23] && h[3] === bytes[24];
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
