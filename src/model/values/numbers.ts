import { type Validator, canonicalDigits, fail, isDigits, pass, show } from './_check.ts';

/** TCP/UDP port 1-65535, emitted without leading zeros. */
export const port: Validator = (value, type) => {
  if (!isDigits(value) || value.length > 5 || Number(value) < 1 || Number(value) > 65535) {
    return fail(`${type} must be a whole number from 1 to 65535, got ${show(value)}`);
  }
  return pass(String(Number(value)));
};

/** counter / size-in-bytes: a whole number >= 0, emitted without leading zeros. */
export const nonNegativeInteger: Validator = (value, type) =>
  isDigits(value) ? pass(canonicalDigits(value)) : fail(`${type} must be a whole number >= 0, got ${show(value)}`);

/** integer: optionally signed whole number, canonical form (`+007` → `7`). */
export const integer: Validator = (value, type) => {
  const sign = value[0] === '-' || value[0] === '+' ? value[0] : '';
  const digits = value.slice(sign.length);
  if (!isDigits(digits)) return fail(`${type} must be a whole number like 42 or -7, got ${show(value)}`);
  const n = BigInt(digits);
  return pass((sign === '-' ? -n : n).toString());
};

// Linear: the two alternatives start with different characters (digit vs ".").
const FLOAT = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** float: a decimal number such as `1.5`, `-.5`, `6.02e23` (no NaN or Infinity). */
export const float: Validator = (value, type) =>
  FLOAT.test(value) ? pass(value) : fail(`${type} must be a decimal number like 3.14 or 1e-3, got ${show(value)}`);

/** boolean: true/false/1/0 in any case, emitted as MISP stores it: `1` or `0`. */
export const boolean: Validator = (value, type) => {
  const v = value.toLowerCase();
  if (v === 'true' || v === '1') return pass('1');
  if (v === 'false' || v === '0') return pass('0');
  return fail(`${type} must be true, false, 1 or 0, got ${show(value)}`);
};

/** favicon-mmh3: Shodan's favicon hash, a signed 32-bit MurmurHash3 value. */
export const signedInt32: Validator = (value, type) => {
  const r = integer(value, type);
  if (!r.ok) return r;
  const n = Number(r.value);
  if (r.value.length > 11 || n < -2147483648 || n > 2147483647) return fail(`${type} must be a signed 32-bit number, got ${show(value)}`);
  return r;
};
