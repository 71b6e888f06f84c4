import ipaddr from 'ipaddr.js';

/**
 * IP addresses as fixed-width lower-case hex, so that string order is numeric order:
 * `ip4:` + 8 hex digits, `ip6:` + 32. Correlation keys, range scans and warninglist CIDR
 * lookups all use this form.
 */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** `ip4:c0a80001` for `192.168.0.1`, or undefined when `s` is not a dotted quad. Hand-written: it runs per attribute. */
export function ipv4Key(s: string): string | undefined {
  const n = s.length;
  if (n < 7 || n > 15) return undefined;
  let out = 'ip4:';
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return undefined;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return undefined;
      out += HEX[part];
      part = 0;
      digits = 0;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0) return undefined;
  return out + HEX[part];
}

/** `ip6:` + 32 hex digits, or undefined when `s` is not an IPv6 address. IPv4-mapped addresses give their IPv4 key. */
export function ipv6Key(s: string): string | undefined {
  if (s.length < 2 || s.length > 45 || s.indexOf(':') < 0) return undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 32;
    // hex digits, ':' and '.', nothing else: cheap rejection of URLs and the like
    if (!((c >= 48 && c <= 58) || (c >= 97 && c <= 102) || c === 46 || c === 58)) return undefined;
  }
  if (!ipaddr.IPv6.isValid(s)) return undefined;
  const a = ipaddr.IPv6.parse(s);
  if (a.isIPv4MappedAddress()) return ipv4Key(a.toIPv4Address().toString());
  let out = 'ip6:';
  for (const b of a.toByteArray()) out += HEX[b];
  return out;
}

/** The address key of an IPv4 or IPv6 address, or undefined. */
export const ipKey = (s: string): string | undefined => ipv4Key(s) ?? ipv6Key(s);

export interface Network {
  /** `4` or `6`. */
  readonly family: 4 | 6;
  readonly prefix: number;
  /** First and last address keys. */
  readonly lo: string;
  readonly hi: string;
}

/** A CIDR such as `10.0.0.0/8` or `2001:db8::/32` (host bits are cleared), or undefined. */
export function parseCidr(s: string): Network | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const bitsText = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return undefined;
  const prefix = Number(bitsText);
  const addr = ipKey(s.slice(0, slash));
  if (!addr) return undefined;
  const family = addr.startsWith('ip4:') ? 4 : 6;
  if (prefix > (family === 4 ? 32 : 128)) return undefined;
  return { family, prefix, ...bounds(addr, prefix) };
}

/** First and last address keys of the network of `prefix` bits containing address key `addr`. */
export function bounds(addr: string, prefix: number): { lo: string; hi: string } {
  const head = addr.slice(0, 4);
  const hex = addr.slice(4);
  const full = Math.floor(prefix / 4);
  const rem = prefix % 4;
  let lo = hex.slice(0, full);
  let hi = lo;
  if (full < hex.length) {
    const d = parseInt(hex[full]!, 16);
    const mask = (0xf << (4 - rem)) & 0xf;
    lo += ((d & mask) >>> 0).toString(16);
    hi += ((d & mask) | (~mask & 0xf)).toString(16);
    lo = lo.padEnd(hex.length, '0');
    hi = hi.padEnd(hex.length, 'f');
  }
  return { lo: head + lo, hi: head + hi };
}

/** `4/24/c0a80100`: the lookup key of a network. */
export const netKey = (family: 4 | 6, prefix: number, lo: string): string => `${family}/${prefix}/${lo.slice(4)}`;

/** The readable form of an address key (`ip4:c0a80001` → `192.168.0.1`). */
export function keyToIp(key: string): string {
  const hex = key.slice(4);
  const bytes: number[] = [];
  for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  return ipaddr.fromByteArray(bytes).toString();
}
