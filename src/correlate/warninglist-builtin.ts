import { createHash } from 'node:crypto';
import type { Warninglist } from './warninglist.ts';

/**
 * Cairn's own small warninglists, written from the RFCs (not copied from MISP's lists), so a
 * fresh install flags the commonest false positives without downloading anything.
 */
const ADDRESS_TYPES = ['ip-src', 'ip-dst', 'ip-src|port', 'ip-dst|port', 'domain|ip'];

/** The digests of zero bytes, computed rather than typed in. */
const emptyDigests = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'].map((alg) => createHash(alg).update('').digest('hex'));

export const BUILTIN_WARNINGLISTS: readonly Warninglist[] = [
  {
    name: 'Cairn: private and special-use IPv4 ranges',
    type: 'cidr',
    version: 1,
    description: 'RFC 1918 private networks, RFC 6598 shared address space, this-network, IETF protocol assignments, benchmarking (RFC 2544), reserved (RFC 1112) and broadcast',
    category: 'false-positive',
    matching_attributes: ADDRESS_TYPES,
    list: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '0.0.0.0/8', '192.0.0.0/24', '198.18.0.0/15', '240.0.0.0/4', '255.255.255.255/32'],
  },
  {
    name: 'Cairn: loopback and link-local addresses',
    type: 'cidr',
    version: 1,
    description: 'Loopback (RFC 1122, RFC 4291), IPv4 link-local (RFC 3927), IPv6 link-local (RFC 4291), unique local IPv6 (RFC 4193) and the unspecified address',
    category: 'false-positive',
    matching_attributes: ADDRESS_TYPES,
    list: ['127.0.0.0/8', '169.254.0.0/16', '::1/128', '::/128', 'fe80::/10', 'fc00::/7'],
  },
  {
    name: 'Cairn: multicast ranges',
    type: 'cidr',
    version: 1,
    description: 'IPv4 multicast (RFC 5771) and IPv6 multicast (RFC 4291)',
    category: 'false-positive',
    matching_attributes: ADDRESS_TYPES,
    list: ['224.0.0.0/4', 'ff00::/8'],
  },
  {
    name: 'Cairn: documentation ranges and names',
    type: 'cidr',
    version: 1,
    description: 'Addresses reserved for documentation: TEST-NET-1/2/3 (RFC 5737) and 2001:db8::/32 (RFC 3849)',
    category: 'false-positive',
    matching_attributes: ADDRESS_TYPES,
    list: ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'],
  },
  {
    name: 'Cairn: reserved example and test domains',
    type: 'hostname',
    version: 1,
    description: 'Names reserved by RFC 2606 and RFC 6761 (example.com/.net/.org, .test, .example, .invalid, .localhost) and their subdomains',
    category: 'false-positive',
    matching_attributes: ['domain', 'hostname', 'domain|ip', 'hostname|port', 'url', 'uri', 'email', 'email-src', 'email-dst'],
    list: ['example.com', 'example.net', 'example.org', 'test', 'example', 'invalid', 'localhost'],
  },
  {
    name: 'Cairn: hashes of the empty file',
    type: 'string',
    version: 1,
    description: 'MD5, SHA-1, SHA-224, SHA-256, SHA-384 and SHA-512 of zero bytes: any report listing them has hashed nothing',
    category: 'false-positive',
    matching_attributes: ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'filename|md5', 'filename|sha1', 'filename|sha224', 'filename|sha256', 'filename|sha384', 'filename|sha512', 'malware-sample'],
    list: emptyDigests,
  },
];
