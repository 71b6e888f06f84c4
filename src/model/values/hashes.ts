import { type Check, type Validator, fail, firstBad, isDigits, isLowerHexCode, pass, show } from './_check.ts';

/**
 * Hex lengths of the fixed-length digest types, as in MISP's AttributeValidationTool; two
 * lengths where the format has two (git SHA-1 / SHA-256 object ids, cdhash SHA-1 / SHA-256).
 */
export const HEX_LENGTHS: Readonly<Record<string, readonly number[]>> = {
  md5: [32], sha1: [40], sha224: [56], sha256: [64], sha384: [96], sha512: [128],
  'sha512/224': [56], 'sha512/256': [64],
  'sha3-224': [56], 'sha3-256': [64], 'sha3-384': [96], 'sha3-512': [128],
  imphash: [32], authentihash: [64], pehash: [40], 'dom-hash': [32],
  'x509-fingerprint-md5': [32], 'x509-fingerprint-sha1': [40], 'x509-fingerprint-sha256': [64],
  'ja3-fingerprint-md5': [32], 'hassh-md5': [32], 'hasshserver-md5': [32], 'jarm-fingerprint': [62],
  'git-commit-id': [40, 64], cdhash: [40, 64],
};

function hexOfLength(type: string, hex: string, lengths: readonly number[]): Check {
  const bad = firstBad(hex, isLowerHexCode);
  const want = lengths.join(' or ');
  if (bad >= 0) return fail(`${type} must be ${want} hexadecimal characters, found ${show(hex[bad] ?? '')} at position ${bad + 1}`);
  if (!lengths.includes(hex.length)) return fail(`${type} must be ${want} hexadecimal characters, got ${hex.length}`);
  return pass(hex);
}

/**
 * A fixed-length hex digest, lower-cased. x509 fingerprints may carry `:` separators
 * (`AB:CD:…`), which are removed as MISP does.
 */
export const hexDigest: Validator = (value, type) => {
  const lengths = HEX_LENGTHS[type];
  if (!lengths) return fail(`${type} is not a hex digest type`);
  const hex = type.startsWith('x509-fingerprint-') ? value.replaceAll(':', '') : value;
  return hexOfLength(type, hex.toLowerCase(), lengths);
};

/** TLSH: 70 hex characters, optionally prefixed by the version marker `T1`; lower-cased. */
export const tlsh: Validator = (value, type) => {
  const v = value.toLowerCase();
  const prefix = v.startsWith('t1') ? 't1' : '';
  const body = hexOfLength(type, v.slice(prefix.length), [70]);
  return body.ok ? pass(prefix + body.value) : fail(`${body.reason} (after an optional "T1" prefix)`);
};

/** telfhash (TLSH over ELF symbols): 70 hex characters, optionally prefixed by `t1`. */
export const telfhash: Validator = tlsh;

const isFuzzyCode = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47;

/**
 * ssdeep and impfuzzy share the shape `blocksize:hash:hash` (digits, then two base64-alphabet
 * runs, which may be empty for tiny inputs). Case is significant and kept.
 */
export const fuzzyHash: Validator = (value, type) => {
  const parts = value.split(':');
  if (parts.length !== 3) return fail(`${type} must have the form blocksize:hash:hash, got ${parts.length - 1} ":"`);
  const [size = '', a = '', b = ''] = parts;
  if (!isDigits(size)) return fail(`${type} block size must be a number, got ${show(size)}`);
  for (const h of [a, b]) {
    const bad = firstBad(h, isFuzzyCode);
    if (bad >= 0) return fail(`${type} hash parts may only contain A-Z, a-z, 0-9, + and /, found ${show(h[bad] ?? '')}`);
  }
  return pass(value);
};

/** vhash (VirusTotal similarity hash): lower-cased like MISP; one token without spaces. */
export const vhash: Validator = (value, type) => {
  const bad = firstBad(value, (c) => c > 32 && c < 127 && c !== 124);
  if (bad >= 0) return fail(`${type} must be printable ASCII without spaces or "|", found ${show(value[bad] ?? '')} at position ${bad + 1}`);
  return pass(value.toLowerCase());
};
