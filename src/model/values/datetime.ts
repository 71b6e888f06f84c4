import { type Validator, fail, isDigits, pass, show } from './_check.ts';

interface Parsed {
  readonly date: string;
  readonly time: string | undefined;
}

const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

function num(s: string, at: number, len: number): number | undefined {
  const part = s.slice(at, at + len);
  return part.length === len && isDigits(part) ? Number(part) : undefined;
}

/** `YYYY-MM-DD` with a real calendar day, or undefined. */
function parseDate(s: string): string | undefined {
  const y = num(s, 0, 4);
  const m = num(s, 5, 2);
  const d = num(s, 8, 2);
  if (s.length !== 10 || s[4] !== '-' || s[7] !== '-' || y === undefined || m === undefined || d === undefined) return undefined;
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return undefined;
  return s;
}

/** `HH:MM[:SS[.fraction]][Z|±HH[:]MM|±HH]` → `HH:MM:SS.uuuuuu±HHMM`, or undefined. */
function parseTime(s: string): string | undefined {
  const h = num(s, 0, 2);
  const mi = num(s, 3, 2);
  if (h === undefined || mi === undefined || s[2] !== ':' || h > 23 || mi > 59) return undefined;
  let i = 5;
  let sec = 0;
  let frac = '';
  if (s[i] === ':') {
    const v = num(s, i + 1, 2);
    if (v === undefined || v > 59) return undefined;
    sec = v;
    i += 3;
    if (s[i] === '.' || s[i] === ',') {
      let j = i + 1;
      while (j < s.length && j - i <= 9 && isDigits(s[j] ?? '')) j++;
      frac = s.slice(i + 1, j);
      if (frac === '') return undefined;
      i = j;
    }
  }
  const zone = parseZone(s.slice(i));
  if (zone === undefined) return undefined;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(h)}:${pad(mi)}:${pad(sec)}.${frac.padEnd(6, '0').slice(0, 6)}${zone}`;
}

function parseZone(z: string): string | undefined {
  if (z === '' || z === 'Z' || z === 'z') return '+0000';
  if (z[0] !== '+' && z[0] !== '-') return undefined;
  const hh = num(z, 1, 2);
  const rest = z.length === 3 ? '00' : z.length === 6 && z[3] === ':' ? z.slice(4) : z.length === 5 ? z.slice(3) : undefined;
  const mm = rest === undefined ? undefined : num(rest, 0, 2);
  if (hh === undefined || mm === undefined || hh > 23 || mm > 59) return undefined;
  return `${z[0]}${z.slice(1, 3)}${rest}`;
}

function parseIso(s: string): Parsed | undefined {
  const date = parseDate(s.slice(0, 10));
  if (date === undefined) return undefined;
  if (s.length === 10) return { date, time: undefined };
  if (s[10] !== 'T' && s[10] !== 't' && s[10] !== ' ') return undefined;
  const time = parseTime(s.slice(11));
  return time === undefined ? undefined : { date, time };
}

/**
 * datetime: ISO 8601 (`2024-05-01`, `2024-05-01T10:00Z`, `2024-05-01 10:00:00.5+02:00`),
 * emitted in MISP's format `Y-m-d\TH:i:s.uO`, keeping the given offset (none = UTC).
 *
 * @example
 *   datetime('2024-05-01T10:00Z', 'datetime') // { ok: true, value: '2024-05-01T10:00:00.000000+0000' }
 */
export const datetime: Validator = (value, type) => {
  const p = parseIso(value);
  if (!p) return fail(`${type} must be an ISO 8601 date and time like 2024-05-01T10:00:00Z, got ${show(value)}`);
  return pass(`${p.date}T${p.time ?? '00:00:00.000000+0000'}`);
};

/** Calendar dates (date-of-birth, passport-expiration, ...): `YYYY-MM-DD`. */
export const date: Validator = (value, type) =>
  parseDate(value) ? pass(value) : fail(`${type} must be a date like 2024-05-01 (YYYY-MM-DD), got ${show(value)}`);

/** whois-creation-date: an ISO 8601 date or date and time, kept as given. */
export const dateOrDatetime: Validator = (value, type) =>
  parseIso(value) ? pass(value) : fail(`${type} must be an ISO 8601 date like 2024-05-01 or 2024-05-01T10:00:00Z, got ${show(value)}`);
