import { type Validator, fail, isDigits, pass, show } from './_check.ts';

const MAX_ASN = 4294967295;

/**
 * Autonomous system number: `AS15169`, `as15169`, `15169` or asdot `1.10` (= 65546), in
 * 0..4294967295, emitted as `AS<n>`.
 *
 * @example
 *   asNumber('as1.10', 'AS') // { ok: true, value: 'AS65546' }
 */
export const asNumber: Validator = (value, type) => {
  const body = value.slice(0, 2).toUpperCase() === 'AS' ? value.slice(2).trim() : value;
  const dot = body.indexOf('.');
  if (dot >= 0) {
    const high = body.slice(0, dot);
    const low = body.slice(dot + 1);
    if (!isDigits(high) || !isDigits(low) || high.length > 5 || low.length > 5 || Number(high) > 65535 || Number(low) > 65535) {
      return fail(`${type} in asdot notation must be two numbers 0-65535 joined by ".", got ${show(value)}`);
    }
    return pass(`AS${Number(high) * 65536 + Number(low)}`);
  }
  if (!isDigits(body)) return fail(`${type} must be a number like AS15169 or 15169, got ${show(value)}`);
  if (body.length > 10 || Number(body) > MAX_ASN) return fail(`${type} must be at most ${MAX_ASN}, got ${show(body)}`);
  return pass(`AS${Number(body)}`);
};
