import {
  type Validator, allOf, fail, firstBad, hasSpaceOrControl, isAlnumCode, isDigits, isLowerHex, isLowerHexCode, pass, show,
} from './_check.ts';

const dashes = (v: string): string => v.replaceAll('\u2013', '-');

/** vulnerability: `CVE-YYYY-NNNN…` (en dash accepted), upper-cased as MISP does. */
export const cve: Validator = (value, type) => {
  const v = dashes(value).toUpperCase();
  const ok = v.startsWith('CVE-') && v[8] === '-' && isDigits(v.slice(4, 8)) && v.length >= 13 && isDigits(v.slice(9));
  return ok ? pass(v) : fail(`${type} must look like CVE-2024-12345 (CVE-year-at least 4 digits), got ${show(value)}`);
};

/** weakness: `CWE-n`, upper-cased. */
export const cwe: Validator = (value, type) => {
  const v = dashes(value).toUpperCase();
  return v.startsWith('CWE-') && isDigits(v.slice(4)) ? pass(v) : fail(`${type} must look like CWE-79, got ${show(value)}`);
};

/** Number of `:`-separated components of a CPE 2.3 formatted string (`\:` is escaped). */
function cpeComponents(v: string): number {
  let n = 1;
  for (let i = 0; i < v.length; i++) {
    if (v[i] === '\\') i++;
    else if (v[i] === ':') n++;
  }
  return n;
}

/**
 * cpe: a CPE 2.3 formatted string (`cpe:2.3:` + 11 components, part a/o/h/*) or a CPE 2.2 URI
 * (`cpe:/` + part a/o/h). The `cpe:` prefix is lower-cased; the rest is kept.
 */
export const cpe: Validator = (value, type) => {
  if (hasSpaceOrControl(value)) return fail(`${type} must not contain spaces`);
  const v = value.slice(0, 4).toLowerCase() + value.slice(4);
  if (v.startsWith('cpe:2.3:')) {
    const n = cpeComponents(v);
    if (n !== 13) return fail(`${type} 2.3 must have 13 ":"-separated components (cpe:2.3:part:vendor:product:…), got ${n}`);
    if (!'aoh*'.includes(v[8] ?? '') || v[9] !== ':') return fail(`${type} part must be a, o, h or *, got ${show(v.slice(8, v.indexOf(':', 8)))}`);
    return pass(v);
  }
  if (v.startsWith('cpe:/')) {
    if (!'aoh'.includes(v[5] ?? 'x') || (v.length > 6 && v[6] !== ':')) return fail(`${type} URI part must be a, o or h, like cpe:/a:vendor:product`);
    return pass(v);
  }
  return fail(`${type} must start with "cpe:2.3:" or "cpe:/", got ${show(value)}`);
};

/** uuid: 8-4-4-4-12 hexadecimal, lower-cased. */
export const uuid: Validator = (value, type) => {
  const v = value.toLowerCase();
  const groups = v.split('-');
  const lens = [8, 4, 4, 4, 12];
  const ok = groups.length === 5 && groups.every((g, i) => g.length === lens[i] && isLowerHex(g));
  return ok ? pass(v) : fail(`${type} must look like 123e4567-e89b-12d3-a456-426614174000, got ${show(value)}`);
};

/** chrome-extension-id / edge-extension-id: 32 letters a-p, lower-cased. */
export const extensionId: Validator = (value, type) => {
  const v = value.toLowerCase();
  const bad = firstBad(v, (c) => c >= 97 && c <= 112);
  if (bad >= 0) return fail(`${type} may only contain the letters a to p, found ${show(v[bad] ?? '')}`);
  return v.length === 32 ? pass(v) : fail(`${type} must be 32 letters a-p, got ${v.length}`);
};

/** github-username / github-organisation: 1-39 letters, digits or `-`, not at either end. */
export const githubName: Validator = (value, type) => {
  const ok = value.length <= 39 && allOf(value, (c) => isAlnumCode(c) || c === 45) && value[0] !== '-' && !value.endsWith('-');
  return ok ? pass(value) : fail(`${type} must be 1-39 letters, digits or "-" (not first or last), got ${show(value)}`);
};

const isBase32Code = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 50 && c <= 55);

/** onion-address: v2 (16) or v3 (56) base32 characters + `.onion`, lower-cased. */
export const onionAddress: Validator = (value, type) => {
  const v = value.toLowerCase();
  const name = v.endsWith('.onion') ? v.slice(0, -6) : '';
  const ok = (name.length === 16 || name.length === 56) && allOf(name, isBase32Code);
  return ok ? pass(v) : fail(`${type} must be 16 or 56 characters a-z, 2-7 followed by ".onion", got ${show(value)}`);
};

const HTTP_METHODS = new Set([
  'OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'CONNECT', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE',
  'LOCK', 'UNLOCK', 'VERSION-CONTROL', 'REPORT', 'CHECKOUT', 'CHECKIN', 'UNCHECKOUT', 'MKWORKSPACE', 'UPDATE', 'LABEL',
  'MERGE', 'BASELINE-CONTROL', 'MKACTIVITY', 'ORDERPATCH', 'ACL', 'PATCH', 'SEARCH',
]);

/** http-method: one of the methods MISP knows, upper-cased. */
export const httpMethod: Validator = (value, type) => {
  const v = value.toUpperCase();
  return HTTP_METHODS.has(v) ? pass(v) : fail(`${type} must be an HTTP method such as GET or POST, got ${show(value)}`);
};

/** hex: hexadecimal digits, upper-cased as MISP does. */
export const hex: Validator = (value, type) => {
  const bad = firstBad(value.toLowerCase(), isLowerHexCode);
  return bad < 0 ? pass(value.toUpperCase()) : fail(`${type} may only contain 0-9 and A-F, found ${show(value[bad] ?? '')} at position ${bad + 1}`);
};

const isBase64Code = (c: number): boolean => isAlnumCode(c) || c === 43 || c === 47;

/** Drops trailing `=` padding (a loop: `/=+$/` would be quadratic on a run of `=`). */
function stripPadding(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === '=') end--;
  return s.slice(0, end);
}

/** ssh-fingerprint: `SHA256:` + base64 of 32 bytes, or MD5 as 32 hex with optional `MD5:` and colons. */
export const sshFingerprint: Validator = (value, type) => {
  if (value.startsWith('SHA256:')) {
    const b64 = stripPadding(value.slice(7));
    if (b64.length === 43 && allOf(b64, isBase64Code)) return pass(value);
    return fail(`${type} SHA256 form must be "SHA256:" + 43 base64 characters, got ${show(value)}`);
  }
  const md5 = (value.startsWith('MD5:') ? value.slice(4) : value).replaceAll(':', '');
  if (md5.length === 32 && isLowerHex(md5.toLowerCase())) return pass(value);
  return fail(`${type} must be SHA256:<base64> or an MD5 fingerprint of 32 hexadecimal characters, got ${show(value)}`);
};

/** community-id: `<version>:<base64 SHA-1>`, e.g. `1:LQU9qZlK+B5F3KDmev6m5PMibrg=`. */
export const communityId: Validator = (value, type) => {
  const colon = value.indexOf(':');
  const b64 = stripPadding(value.slice(colon + 1));
  const ok = colon > 0 && isDigits(value.slice(0, colon)) && b64.length === 27 && allOf(b64, isBase64Code);
  return ok ? pass(value) : fail(`${type} must look like 1:LQU9qZlK+B5F3KDmev6m5PMibrg= (version:base64 SHA-1), got ${show(value)}`);
};

const isTokenCode = (c: number): boolean => isAlnumCode(c) || '!#$&^_.+-'.includes(String.fromCharCode(c));

/** mime-type: `type/subtype` of token characters, optional `; parameters`; type and subtype lower-cased. */
export const mimeType: Validator = (value, type) => {
  const semi = value.indexOf(';');
  const essence = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  const [major = '', minor = '', extra] = essence.split('/');
  if (extra !== undefined || !allOf(major, isTokenCode) || !allOf(minor, isTokenCode)) {
    return fail(`${type} must look like text/plain or application/json, got ${show(value)}`);
  }
  return pass(semi < 0 ? essence : `${essence}${value.slice(semi)}`);
};

/** cortex: a JSON document (a Cortex analyzer report), kept as given. */
export const json: Validator = (value, type) => {
  try {
    JSON.parse(value);
    return pass(value);
  } catch (e) {
    return fail(`${type} must be valid JSON: ${(e as Error).message}`);
  }
};
