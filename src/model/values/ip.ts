import ipaddr from 'ipaddr.js';
import { type Check, type Validator, fail, isDigits, pass, show } from './_check.ts';

/**
 * One IP address, normalised: IPv4 in dotted decimal, IPv6 compressed and lower-cased
 * (RFC 5952), IPv4-mapped IPv6 as `::ffff:a.b.c.d` as PHP's inet_ntop prints it.
 * Rejects what PHP's FILTER_VALIDATE_IP rejects: leading zeros, short forms, zone ids.
 */
export function parseIp(text: string): Check {
  if (text.includes(':')) return parseIpv6(text);
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return pass(ipaddr.IPv4.parse(text).toString());
  return fail(`${show(text)} is not an IP address (expected IPv4 like 192.0.2.1 or IPv6 like 2001:db8::1)`);
}

function parseIpv6(text: string): Check {
  if (text.includes('%')) return fail(`IPv6 zone ids are not accepted, got ${show(text)}`);
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    // ipaddr.js reads ::a.b.c.d as mapped; only the mapped form ::ffff:a.b.c.d is unambiguous.
    if (text.slice(0, lastColon).toLowerCase() !== '::ffff' || !ipaddr.IPv4.isValidFourPartDecimal(tail)) {
      return fail(`${show(text)} is not an IPv6 address (embedded IPv4 only as ::ffff:a.b.c.d)`);
    }
    return pass(`::ffff:${tail}`);
  }
  if (!ipaddr.IPv6.isValid(text)) return fail(`${show(text)} is not a valid IPv6 address`);
  const ip = ipaddr.IPv6.parse(text);
  if (ip.isIPv4MappedAddress()) return pass(`::ffff:${ip.toIPv4Address().toString()}`);
  return pass(ip.toRFC5952String());
}

/** ip-src / ip-dst: an address, or a CIDR block (host bits kept, as MISP keeps them). */
export const ipOrCidr: Validator = (value, type) => {
  const slash = value.indexOf('/');
  if (slash < 0) {
    const ip = parseIp(value);
    return ip.ok ? ip : fail(`${type}: ${ip.reason}`);
  }
  const ip = parseIp(value.slice(0, slash));
  if (!ip.ok) return fail(`${type}: ${ip.reason}`);
  const prefix = value.slice(slash + 1);
  const max = ip.value.includes(':') ? 128 : 32;
  if (!isDigits(prefix) || prefix.length > 3 || Number(prefix) > max) {
    return fail(`${type} CIDR prefix must be a number from 0 to ${max}, got ${show(prefix)}`);
  }
  const bits = Number(prefix);
  return pass(bits === max ? ip.value : `${ip.value}/${bits}`);
};
