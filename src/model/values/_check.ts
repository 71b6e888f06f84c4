/**
 * Internal building blocks shared by the value validators: the result of one check, the
 * validator signature, and small linear-time character helpers. Not imported from outside
 * `src/model/values/`.
 */

/** Outcome of validating one (already trimmed) value: the normalised value or a reason. */
export type Check = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

/** Validates and normalises one value; `type` is the attribute type named in reasons. */
export type Validator = (value: string, type: string) => Check;

export const pass = (value: string): Check => ({ ok: true, value });
export const fail = (reason: string): Check => ({ ok: false, reason });

/** Renders a value for a reason: quoted, control characters escaped, cut to `max` characters. */
export function show(value: string, max = 40): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(cut);
}

const code = (s: string, i: number): number => s.charCodeAt(i);

export const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
export const isLowerHexCode = (c: number): boolean => isDigitCode(c) || (c >= 97 && c <= 102);
export const isAsciiLetterCode = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
export const isAlnumCode = (c: number): boolean => isDigitCode(c) || isAsciiLetterCode(c);

/** Index of the first character failing `ok`, or -1 when all pass (also -1 for ''). */
export function firstBad(s: string, ok: (c: number) => boolean): number {
  for (let i = 0; i < s.length; i++) if (!ok(code(s, i))) return i;
  return -1;
}

export const allOf = (s: string, ok: (c: number) => boolean): boolean => s.length > 0 && firstBad(s, ok) === -1;
export const isDigits = (s: string): boolean => allOf(s, isDigitCode);
export const isLowerHex = (s: string): boolean => allOf(s, isLowerHexCode);

/** Whether `s` contains a line break (MISP rejects these in single-line types). */
export const hasLineBreak = (s: string): boolean => s.includes('\n') || s.includes('\r');

/** Whether `s` contains any whitespace or control character (ASCII or Unicode space). */
export function hasSpaceOrControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = code(s, i);
    if (c <= 32 || c === 127 || (c >= 0x80 && c <= 0x9f) || c === 0xa0 || c === 0x2028 || c === 0x2029) return true;
    if (c > 0xff && /\s/u.test(s[i] ?? '')) return true;
  }
  return false;
}

/** Decimal string without sign to a canonical form (no leading zeros); input must be digits. */
export const canonicalDigits = (digits: string): string => BigInt(digits).toString();
