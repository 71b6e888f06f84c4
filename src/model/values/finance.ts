import { type Validator, allOf, fail, firstBad, isAlnumCode, isAsciiLetterCode, isDigitCode, isDigits, pass, show } from './_check.ts';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const isBase58 = (s: string): boolean => s.length > 0 && firstBad(s, (c) => BASE58.includes(String.fromCharCode(c))) === -1;

/** btc: a mainnet address, base58 (`1…`/`3…`, 25-34 characters) or bech32 (`bc1…`, lower-cased). */
export const bitcoin: Validator = (value, type) => {
  const lower = value.toLowerCase();
  if (lower.startsWith('bc1')) {
    if (value !== lower && value !== value.toUpperCase()) return fail(`${type} bech32 address must not mix upper and lower case`);
    const data = lower.slice(3);
    if (lower.length >= 14 && lower.length <= 74 && firstBad(data, (c) => BECH32.includes(String.fromCharCode(c))) === -1) return pass(lower);
    return fail(`${type} bech32 address must be "bc1" + 11-71 characters of ${BECH32}, got ${show(value)}`);
  }
  if ((value[0] === '1' || value[0] === '3') && value.length >= 25 && value.length <= 34 && isBase58(value)) return pass(value);
  return fail(`${type} must be a Bitcoin address (1…, 3… base58 or bc1… bech32), got ${show(value)}`);
};

/** dash: base58, 34 characters, starting with `X` (P2PKH) or `7` (P2SH). */
export const dashAddress: Validator = (value, type) =>
  (value[0] === 'X' || value[0] === '7') && value.length === 34 && isBase58(value)
    ? pass(value)
    : fail(`${type} must be 34 base58 characters starting with X or 7, got ${show(value)}`);

/** xmr: base58, 95 characters (106 for integrated addresses), starting with `4` or `8`. */
export const moneroAddress: Validator = (value, type) =>
  (value[0] === '4' || value[0] === '8') && (value.length === 95 || value.length === 106) && isBase58(value)
    ? pass(value)
    : fail(`${type} must be 95 or 106 base58 characters starting with 4 or 8, got ${value.length} characters`);

const compact = (v: string): string => v.toUpperCase().replace(/[^0-9A-Z]/g, '');

/** iban: upper-cased, separators removed (as MISP); country, 2 check digits, 11-30 alphanumerics. */
export const iban: Validator = (value, type) => {
  const v = compact(value);
  const ok = v.length >= 15 && v.length <= 34 && allOf(v.slice(0, 2), isAsciiLetterCode) && isDigits(v.slice(2, 4)) && allOf(v, isAlnumCode);
  return ok ? pass(v) : fail(`${type} must be a country code, 2 check digits and 11-30 letters or digits (15-34 in all), got ${show(value)}`);
};

/** bic: upper-cased, separators removed; 4 bank letters, 2 country letters, 2 + optional 3 alphanumerics. */
export const bic: Validator = (value, type) => {
  const v = compact(value);
  const ok = (v.length === 8 || v.length === 11) && allOf(v.slice(0, 6), isAsciiLetterCode);
  return ok ? pass(v) : fail(`${type} must be 8 or 11 characters, the first 6 letters (like DEUTDEFF500), got ${show(value)}`);
};

/** cc-number / bin: every non-digit removed, as MISP does; at least one digit must remain. */
export const digitsOnly: Validator = (value, type) => {
  const v = value.replace(/[^0-9]/g, '');
  return v !== '' ? pass(v) : fail(`${type} must contain digits, got ${show(value)}`);
};

/** bank-account-nr: digits (MISP requires a number). */
export const accountNumber: Validator = (value, type) =>
  isDigits(value) ? pass(value) : fail(`${type} must be digits only, got ${show(value)}`);

/** aba-rtn: an ABA routing transit number, 9 digits. */
export const abaRoutingNumber: Validator = (value, type) =>
  isDigits(value) && value.length === 9 ? pass(value) : fail(`${type} must be 9 digits, got ${show(value)}`);

/**
 * phone-number / prtn / whois-registrant-phone, normalised as MISP: a leading `00` becomes
 * `+`, `(0)` is dropped, and everything but digits and `+` is removed. A `+` may only lead.
 *
 * @example
 *   phoneNumber('0049 (0)30 1234-567', 'phone-number') // { ok: true, value: '+49301234567' }
 */
export const phoneNumber: Validator = (value, type) => {
  let v = value.startsWith('00') ? `+${value.slice(2)}` : value;
  v = v.replaceAll('(0)', '').replace(/[^+0-9]/g, '');
  const digits = v.startsWith('+') ? v.slice(1) : v;
  if (digits === '' || firstBad(digits, isDigitCode) >= 0) return fail(`${type} must be digits with an optional leading +, got ${show(value)}`);
  return pass(v);
};
