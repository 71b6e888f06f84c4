import type { AttributeType } from '../registry.ts';
import type { Validator } from './_check.ts';
import { asNumber } from './as-number.ts';
import { type Half, composite } from './composite.ts';
import { date, dateOrDatetime, datetime } from './datetime.ts';
import { emailAddress } from './email.ts';
import {
  abaRoutingNumber, accountNumber, bic, bitcoin, dashAddress, digitsOnly, iban, moneroAddress, phoneNumber,
} from './finance.ts';
import { fuzzyHash, hexDigest, telfhash, tlsh, vhash } from './hashes.ts';
import { hostname } from './hostname.ts';
import {
  communityId, cpe, cve, cwe, extensionId, githubName, hex, httpMethod, json, mimeType, onionAddress, sshFingerprint, uuid,
} from './identifiers.ts';
import { ipOrCidr, parseIp } from './ip.ts';
import { macAddress } from './mac-address.ts';
import { boolean, float, integer, nonNegativeInteger, port, signedInt32 } from './numbers.ts';
import { lowerMultiLine, multiLine, registryData, regkey, singleLine, windowsServiceName } from './text.ts';
import { link, urlLike } from './url.ts';

const ip: Validator = (v) => parseIp(v);
const filename: Half = { type: 'filename', check: singleLine };
const half = (type: string, check: Validator): Half => ({ type, check });
const withFilename = (hashType: string, check: Validator): Validator => composite(filename, half(hashType, check));

/** `1.2.3.4:80` and `[2001:db8::1]:80` → `ip|port`, as MISP accepts them. */
function ipPort(v: string): string {
  if (v.includes('|')) return v;
  const close = v.indexOf(']:');
  if (v.startsWith('[') && close > 0) return `${v.slice(1, close)}|${v.slice(close + 2)}`;
  const colon = v.indexOf(':');
  return colon > 0 && colon === v.lastIndexOf(':') ? `${v.slice(0, colon)}|${v.slice(colon + 1)}` : v;
}

/** `example.com:443` → `example.com|443`. */
const hostPort = (v: string): string => (v.includes('|') || v.indexOf(':') !== v.lastIndexOf(':') ? v : v.replace(':', '|'));

/**
 * Where this table departs from MISP's AttributeValidationTool, and why:
 * - domain/hostname must end in an ICANN public suffix (MISP: any `x.yy` shape), per Cairn's spec;
 *   internal names such as `dc01.corp.local` are rejected.
 * - AS is emitted as `AS<n>` (MISP stores the bare number); asdot halves must be 0-65535.
 * - Stricter shapes where MISP only asks for one line or is buggy: boolean (MISP accepts anything),
 *   integer (MISP's is_int on a string rejects everything), onion-address (MISP's v3 regex has a typo),
 *   http-method (MISP's regex is unanchored), cpe, uuid, extension ids, github names, btc/dash/xmr,
 *   iban/bic, aba-rtn (9 digits), favicon-mmh3, community-id, mime-type, date types (YYYY-MM-DD).
 * - tlsh/telfhash take exactly 70 hex after an optional `T1` (MISP: more than 35 hex); git-commit-id
 *   and cdhash take 40 or 64 (MISP: 40, and 40 or more).
 * - Values keep 4-byte UTF-8 characters (MISP replaces them with `?` for MySQL utf8 columns).
 *
 * The validator of every MISP attribute type. A `Record` over `AttributeType`, so the compiler
 * names any type the registry gains and this table lacks.
 */
export const VALIDATORS: Readonly<Record<AttributeType, Validator>> = {
  // digests
  md5: hexDigest, sha1: hexDigest, sha224: hexDigest, sha256: hexDigest, sha384: hexDigest, sha512: hexDigest,
  'sha512/224': hexDigest, 'sha512/256': hexDigest,
  'sha3-224': hexDigest, 'sha3-256': hexDigest, 'sha3-384': hexDigest, 'sha3-512': hexDigest,
  imphash: hexDigest, authentihash: hexDigest, pehash: hexDigest, cdhash: hexDigest, 'git-commit-id': hexDigest,
  'dom-hash': hexDigest, 'ja3-fingerprint-md5': hexDigest, 'jarm-fingerprint': hexDigest,
  'hassh-md5': hexDigest, 'hasshserver-md5': hexDigest,
  'x509-fingerprint-md5': hexDigest, 'x509-fingerprint-sha1': hexDigest, 'x509-fingerprint-sha256': hexDigest,
  ssdeep: fuzzyHash, impfuzzy: fuzzyHash, tlsh, telfhash, vhash,
  // filename|digest
  'filename|md5': withFilename('md5', hexDigest), 'filename|sha1': withFilename('sha1', hexDigest),
  'filename|sha224': withFilename('sha224', hexDigest), 'filename|sha256': withFilename('sha256', hexDigest),
  'filename|sha384': withFilename('sha384', hexDigest), 'filename|sha512': withFilename('sha512', hexDigest),
  'filename|sha512/224': withFilename('sha512/224', hexDigest), 'filename|sha512/256': withFilename('sha512/256', hexDigest),
  'filename|sha3-224': withFilename('sha3-224', hexDigest), 'filename|sha3-256': withFilename('sha3-256', hexDigest),
  'filename|sha3-384': withFilename('sha3-384', hexDigest), 'filename|sha3-512': withFilename('sha3-512', hexDigest),
  'filename|authentihash': withFilename('authentihash', hexDigest), 'filename|imphash': withFilename('imphash', hexDigest),
  'filename|pehash': withFilename('pehash', hexDigest), 'filename|vhash': withFilename('vhash', vhash),
  'filename|ssdeep': withFilename('ssdeep', fuzzyHash), 'filename|impfuzzy': withFilename('impfuzzy', fuzzyHash),
  'filename|tlsh': withFilename('tlsh', tlsh),
  'malware-sample': withFilename('md5', hexDigest),
  // network
  'ip-src': ipOrCidr, 'ip-dst': ipOrCidr,
  'ip-src|port': composite(half('ip', ip), half('port', port), ipPort),
  'ip-dst|port': composite(half('ip', ip), half('port', port), ipPort),
  hostname, domain: hostname,
  'domain|ip': composite(half('domain', hostname), half('ip', ip)),
  'hostname|port': composite(half('hostname', hostname), half('port', port), hostPort),
  port, AS: asNumber, 'mac-address': macAddress, 'mac-eui-64': macAddress,
  url: urlLike, uri: urlLike, link, 'http-method': httpMethod, 'user-agent': singleLine,
  'onion-address': onionAddress, 'community-id': communityId, 'ssh-fingerprint': sshFingerprint,
  'favicon-mmh3': signedInt32, cookie: multiLine,
  snort: multiLine, suricata: multiLine, bro: multiLine, zeek: multiLine,
  // email
  email: emailAddress, 'email-src': emailAddress, 'email-dst': emailAddress, 'target-email': emailAddress,
  'whois-registrant-email': emailAddress, 'dns-soa-email': emailAddress, eppn: emailAddress, 'jabber-id': emailAddress,
  'email-subject': singleLine, 'email-attachment': multiLine, 'email-body': multiLine, 'email-header': multiLine,
  'email-dst-display-name': singleLine, 'email-src-display-name': singleLine, 'email-reply-to': singleLine,
  'email-x-mailer': singleLine, 'email-mime-boundary': singleLine, 'email-thread-index': singleLine,
  'email-message-id': singleLine, dkim: singleLine, 'dkim-signature': singleLine,
  // host artefacts
  filename: singleLine, pdb: singleLine, regkey, 'regkey|value': composite(half('regkey', regkey), { type: 'value', check: registryData, optional: true }),
  'named pipe': singleLine, mutex: multiLine, 'process-state': multiLine, 'windows-scheduled-task': singleLine,
  'windows-service-name': windowsServiceName, 'windows-service-displayname': windowsServiceName,
  'mime-type': mimeType,
  // patterns and rules
  'pattern-in-file': multiLine, 'pattern-in-traffic': multiLine, 'pattern-in-memory': multiLine,
  'filename-pattern': multiLine, yara: multiLine, 'stix2-pattern': multiLine, sigma: multiLine, gene: multiLine,
  'kusto-query': multiLine, 'pgp-public-key': multiLine, 'pgp-private-key': multiLine,
  // identifiers
  vulnerability: cve, weakness: cwe, cpe, uuid, 'chrome-extension-id': extensionId, 'edge-extension-id': extensionId,
  'mobile-application-id': singleLine, 'azure-application-id': singleLine,
  'github-username': githubName, 'github-organisation': githubName, 'github-repository': singleLine,
  'twitter-id': singleLine, cortex: json,
  // numbers and dates
  float, integer, counter: nonNegativeInteger, 'size-in-bytes': nonNegativeInteger, boolean, hex, datetime,
  'whois-creation-date': dateOrDatetime, 'date-of-birth': date, 'passport-expiration': date, 'issue-date-of-the-visa': date,
  // finance
  btc: bitcoin, dash: dashAddress, xmr: moneroAddress, iban, bic, 'bank-account-nr': accountNumber,
  'aba-rtn': abaRoutingNumber, bin: digitsOnly, 'cc-number': digitsOnly,
  prtn: phoneNumber, 'phone-number': phoneNumber, 'whois-registrant-phone': phoneNumber,
  // free text
  comment: multiLine, text: multiLine, other: multiLine, attachment: multiLine, anonymised: lowerMultiLine,
  'identity-card-number': multiLine,
  'threat-actor': singleLine, 'campaign-name': singleLine, 'campaign-id': singleLine, 'malware-type': singleLine,
  'target-user': singleLine, 'target-machine': singleLine, 'target-org': singleLine, 'target-location': singleLine,
  'target-external': singleLine,
  'whois-registrant-name': singleLine, 'whois-registrant-org': singleLine, 'whois-registrar': singleLine,
  // person and travel
  'first-name': multiLine, 'middle-name': multiLine, 'last-name': multiLine, 'full-name': multiLine,
  'place-of-birth': singleLine, gender: singleLine, 'passport-number': singleLine, 'passport-country': singleLine,
  'redress-number': singleLine, nationality: singleLine, 'visa-number': singleLine, 'primary-residence': singleLine,
  'country-of-residence': singleLine, 'special-service-request': singleLine, 'frequent-flyer-number': singleLine,
  'travel-details': singleLine, 'payment-details': singleLine, 'place-port-of-original-embarkation': singleLine,
  'place-port-of-clearance': singleLine, 'place-port-of-onward-foreign-destination': singleLine,
  'passenger-name-record-locator-number': singleLine,
};
