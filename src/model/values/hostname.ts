import { domainToASCII } from 'node:url';
import { parse } from 'tldts';
import { type Check, type Validator, fail, firstBad, isAlnumCode, isDigits, pass, show } from './_check.ts';

const isLabelCode = (c: number): boolean => isAlnumCode(c) || c === 45 || c === 95; // - _
const isTldCode = (c: number): boolean => isAlnumCode(c) || c === 45;

function toAscii(text: string): string {
  // Only IDNs go through domainToASCII: on ASCII input it would also rewrite IPv4 forms (0x7f.1).
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return domainToASCII(text);
  return text;
}

/**
 * A DNS host name, normalised: lower-cased, outer dots removed (as MISP trims domains),
 * IDN converted to punycode. At least two labels of 1-63 letters, digits, `-` or `_`, at most
 * 253 characters, ending in a suffix from the public suffix list (ICANN section).
 */
export function parseHostname(text: string): Check {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '.') start++;
  while (end > start && text[end - 1] === '.') end--;
  const host = toAscii(text.slice(start, end).toLowerCase());
  if (host === '') return fail(`${show(text)} is not a valid domain name`);
  if (host.length > 253) return fail(`domain name must be at most 253 characters, got ${host.length}`);
  const labels = host.split('.');
  if (labels.length < 2) return fail(`${show(host)} must have at least two labels, like example.com`);
  for (const label of labels) {
    if (label === '') return fail(`${show(host)} has an empty label (two dots in a row)`);
    if (label.length > 63) return fail(`domain labels must be at most 63 characters, got ${label.length} in ${show(label, 20)}`);
    const bad = firstBad(label, isLabelCode);
    if (bad >= 0) return fail(`${show(host)} contains ${show(label[bad] ?? '')}; only letters, digits, "-" and "_" are allowed`);
  }
  const tld = labels[labels.length - 1] ?? '';
  if (isDigits(tld)) return fail(`${show(host)} looks like an IP address, not a domain name`);
  if (firstBad(tld, isTldCode) >= 0) return fail(`top-level label ${show(tld)} may only contain letters, digits and "-"`);
  if (parse(host, { extractHostname: false }).isIcann !== true) {
    return fail(`${show(host)} does not end in a known public suffix (".${tld}" is not in the public suffix list)`);
  }
  return pass(host);
}

/** domain / hostname. */
export const hostname: Validator = (value, type) => {
  const r = parseHostname(value);
  return r.ok ? r : fail(`${type}: ${r.reason}`);
};
