import { createHash } from 'node:crypto';
import { NON_CORRELATING_TYPES, PRIMARY_ONLY_CORRELATING_TYPES, isCompositeType } from '../model/index.ts';
import { ipKey, keyToIp, netKey, parseCidr } from './ip.ts';

/** Keys longer than this are stored as a hash, so the index stays small whatever the values. */
const MAX_KEY = 200;

/** Types whose (first or only) half is an IP address or a CIDR network. */
const IP_FIRST = new Set(['ip-src', 'ip-dst', 'ip-src|port', 'ip-dst|port']);
/** Composite types whose second half is an IP address. */
const IP_SECOND = new Set(['domain|ip']);

/** A network attribute half, for containment correlation. */
export interface NetEntry {
  readonly netKey: string;
  readonly lo: string;
  readonly hi: string;
}

/**
 * The normalised key of one value half: IP addresses in their fixed-width hex form
 * (`ip4:…`, `ip6:…`), anything else lower-cased (MISP compares under a case-insensitive
 * collation), long values hashed.
 *
 * @example valueKey('192.168.0.1') === 'ip4:c0a80001'; valueKey('Evil.Example') === 'evil.example'
 */
export function valueKey(v: string): string {
  const c = v.charCodeAt(0);
  // Only values starting with a hex digit or ':' can be addresses.
  if ((c >= 48 && c <= 58) || ((c | 32) >= 97 && (c | 32) <= 102)) {
    const ip = ipKey(v);
    if (ip) return ip;
  }
  const k = v.toLowerCase();
  return k.length > MAX_KEY ? `h:${createHash('sha256').update(k).digest('base64url')}` : k;
}

/** Whether a key stands for a single IP address (and so may fall inside a network). */
export const isAddressKey = (key: string): boolean => key.startsWith('ip4:') || key.startsWith('ip6:');

/**
 * The correlation keys of an attribute, per MISP's rules: none for non-correlating types;
 * both halves of a composite, or only the first for `ip-src|port`, `ip-dst|port`,
 * `hostname|port`. An IP half that is a CIDR gives a network key plus a `NetEntry`.
 * Calls `onKey` per key and `onNet` per network, to avoid allocating arrays on the hot path.
 */
export function correlationKeys(
  type: string,
  value1: string,
  value2: string,
  onKey: (key: string) => void,
  onNet: (net: NetEntry) => void,
): void {
  if (NON_CORRELATING_TYPES.has(type)) return;
  if (value1) half(value1, IP_FIRST.has(type), onKey, onNet);
  if (value2 && isCompositeType(type) && !PRIMARY_ONLY_CORRELATING_TYPES.has(type)) {
    half(value2, IP_SECOND.has(type), onKey, onNet);
  }
}

function half(v: string, ipType: boolean, onKey: (key: string) => void, onNet: (net: NetEntry) => void): void {
  if (ipType && v.indexOf('/') > 0) {
    const n = parseCidr(v);
    if (n) {
      if (n.prefix === (n.family === 4 ? 32 : 128)) return onKey(n.lo);
      const nk = netKey(n.family, n.prefix, n.lo);
      onKey(`net:${nk}`);
      return onNet({ netKey: nk, lo: n.lo, hi: n.hi });
    }
  }
  onKey(valueKey(v));
}

/** A readable form of a key (addresses and networks decoded), or undefined for hashed keys. */
export function keyToDisplay(key: string): string | undefined {
  if (isAddressKey(key)) return keyToIp(key);
  if (key.startsWith('net:')) {
    const [family, prefix, hex] = key.slice(4).split('/');
    return `${keyToIp(`ip${family}:${hex}`)}/${prefix}`;
  }
  if (key.startsWith('h:')) return undefined;
  return key;
}
