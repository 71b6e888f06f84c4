import type { Problem } from '../format.ts';

/** A JSON object as parsed. */
export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads MISP fields that arrive as strings or numbers (ids, enums, timestamps) or as
 * booleans, `0`/`1` or `"0"`/`"1"`, recording a problem with a JSON pointer when a field
 * cannot be read. Shared by every part of the misp-json parser.
 */
export class Reader {
  readonly errors: Problem[] = [];
  readonly warnings: Problem[] = [];
  constructor(readonly source: string) {}

  error(pointer: string, message: string): void {
    this.errors.push({ message, location: { source: this.source, pointer } });
  }

  warn(pointer: string, message: string): void {
    this.warnings.push({ message, location: { source: this.source, pointer } });
  }

  /** An integer from a number or a numeric string; `fallback` when absent or null. */
  int(o: Json, key: string, at: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const v = o[key];
    if (v === undefined || v === null || v === '') return fallback;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      this.error(`${at}/${key}`, `${key} must be an integer${max < 1e6 ? ` from ${min} to ${max}` : ''}, not ${JSON.stringify(v)}`);
      return fallback;
    }
    return n;
  }

  bool(o: Json, key: string, at: string, fallback: boolean): boolean {
    const v = o[key];
    if (v === undefined || v === null) return fallback;
    if (v === true || v === 1 || v === '1' || v === 'true') return true;
    if (v === false || v === 0 || v === '0' || v === 'false' || v === '') return false;
    this.error(`${at}/${key}`, `${key} must be a boolean, not ${JSON.stringify(v)}`);
    return fallback;
  }

  /** A string; numbers are accepted and turned into strings (MISP emits some values as numbers). */
  str(o: Json, key: string, at: string, fallback: string): string {
    const v = o[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    this.error(`${at}/${key}`, `${key} must be a string, not ${JSON.stringify(v).slice(0, 60)}`);
    return fallback;
  }

  optStr(o: Json, key: string, at: string): string | undefined {
    const v = this.str(o, key, at, '');
    return v === '' ? undefined : v;
  }

  list(o: Json, key: string, at: string): Json[] {
    const v = o[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.error(`${at}/${key}`, `${key} must be a list`);
      return [];
    }
    const out: Json[] = [];
    v.forEach((x, i) => {
      if (isObject(x)) out.push(x);
      else this.error(`${at}/${key}/${i}`, `${key} entries must be objects`);
    });
    return out;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => UUID.test(s);

/** The fields of `o` not in `known`, or undefined when there are none. */
export function rest(o: Json, known: ReadonlySet<string>): Json | undefined {
  let out: Json | undefined;
  for (const k in o) {
    if (known.has(k)) continue;
    (out ??= {})[k] = o[k];
  }
  return out;
}

/** Escapes a key for a JSON pointer (RFC 6901). */
export const ptr = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
