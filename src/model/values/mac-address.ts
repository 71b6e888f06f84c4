import { type Validator, fail, firstBad, isLowerHexCode, pass, show } from './_check.ts';

/**
 * mac-address (48 bit) and mac-eui-64 (64 bit): colon, dash, dot or space separated or bare
 * hex, normalised as MISP does to lower-case pairs joined by `:`.
 *
 * @example
 *   macAddress('00-1A-2B-3C-4D-5E', 'mac-address') // { ok: true, value: '00:1a:2b:3c:4d:5e' }
 */
export const macAddress: Validator = (value, type) => {
  const hex = value.toLowerCase().replace(/[.:\- ]/g, '');
  const want = type === 'mac-eui-64' ? 16 : 12;
  const bad = firstBad(hex, isLowerHexCode);
  if (bad >= 0) return fail(`${type} may only contain hexadecimal digits and ":", "-" or ".", found ${show(hex[bad] ?? '')}`);
  if (hex.length !== want) return fail(`${type} must have ${want} hexadecimal digits, got ${hex.length}`);
  const pairs: string[] = [];
  for (let i = 0; i < hex.length; i += 2) pairs.push(hex.slice(i, i + 2));
  return pass(pairs.join(':'));
};
