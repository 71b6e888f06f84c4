import { CairnError } from '../../../errors.ts';
import type { Cond, Range, SearchFilter } from '../../../storage/index.ts';

/** MISP restSearch options that shape the output rather than select records. */
export interface SearchOptions {
  readonly returnFormat: string;
  readonly includeEventTags: boolean;
  readonly includeCorrelations: boolean;
  readonly enforceWarninglist: boolean;
  readonly metadata: boolean;
  readonly includeEventUuid: boolean;
}

type J = Record<string, unknown>;
const isObj = (x: unknown): x is J => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * One MISP filter value as a Cond: a string (`!x` negates; `a&&b` requires both), a list
 * (each item `!`-negatable), or `{"OR": [...], "AND": [...], "NOT": [...]}` as PyMISP's
 * build_complex_query sends.
 */
export function parseCond(x: unknown): Cond | undefined {
  if (x === undefined || x === null || x === '') return undefined;
  const or: string[] = [];
  const and: string[] = [];
  const not: string[] = [];
  const add = (v: unknown) => {
    if (v === null || v === undefined || v === '') return;
    const s = String(v);
    if (s.startsWith('!')) not.push(s.slice(1));
    else if (s.includes('&&')) and.push(...s.split('&&').filter(Boolean));
    else or.push(s);
  };
  if (isObj(x)) {
    for (const [k, v] of Object.entries(x)) {
      const list = Array.isArray(v) ? v : [v];
      const key = k.toUpperCase();
      if (key === 'OR') list.forEach(add);
      else if (key === 'AND') and.push(...list.map(String));
      else if (key === 'NOT') not.push(...list.map(String));
      else throw new CairnError('INVALID_INPUT', `unknown operator "${k}": use OR, AND or NOT`);
    }
  } else if (Array.isArray(x)) x.forEach(add);
  else add(x);
  return or.length || and.length || not.length ? { or, and, not } : undefined;
}

/** `1d`, `12h`, `30m`, `45s`, `2w` or plain seconds. */
export function parseDuration(x: unknown): number | undefined {
  if (x === undefined || x === null || x === '') return undefined;
  const m = /^(\d+)\s*([smhdw]?)$/i.exec(String(x).trim());
  if (!m) throw new CairnError('INVALID_INPUT', `"${String(x)}" is not a duration such as 7d, 12h or 3600`);
  const mult: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  return Number(m[1]) * mult[m[2]!.toLowerCase()]!;
}

/** A time: unix seconds, a relative duration (meaning "that long ago"), or a date. */
function parseTime(x: unknown, now: number): number | undefined {
  if (x === undefined || x === null || x === '') return undefined;
  const s = String(x).trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.floor(Number(s));
  if (/^\d+\s*[smhdw]$/i.test(s)) return now - parseDuration(s)!;
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new CairnError('INVALID_INPUT', `"${s}" is not a timestamp, a duration or a date`);
  return Math.floor(t / 1000);
}

function parseRange(x: unknown, now: number): Range | undefined {
  if (x === undefined || x === null || x === '') return undefined;
  if (Array.isArray(x)) return [parseTime(x[0], now), parseTime(x[1], now)];
  return [parseTime(x, now), undefined];
}

function parseDate(x: unknown, endOfDay: boolean): string | undefined {
  if (x === undefined || x === null || x === '') return undefined;
  const s = String(x).trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) return s.slice(0, 10);
  if (/^\d+(\.\d+)?$/.test(s)) return new Date(Math.floor(Number(s)) * 1000).toISOString().slice(0, 10);
  void endOfDay;
  throw new CairnError('INVALID_INPUT', `"${s}" is not a date (YYYY-MM-DD) or a timestamp`);
}

/** MISP booleans: true/false, 1/0, "1"/"0"; empty or null means "not filtering". */
export function parseBool(x: unknown): boolean | undefined {
  if (x === undefined || x === null || x === '') return undefined;
  if (Array.isArray(x)) return x.length === 1 ? parseBool(x[0]) : undefined;
  return x === true || x === 1 || x === '1' || x === 'true';
}

function parseDeleted(x: unknown): SearchFilter['deleted'] {
  if (x === undefined || x === null || x === '' || x === false || x === 0 || x === '0') return 'no';
  if (Array.isArray(x)) return x.map(String).includes('1') ? (x.map(String).includes('0') ? 'both' : 'only') : 'no';
  if (x === 'only') return 'only';
  return 'both';
}

function parseCount(x: unknown, name: string): number | undefined {
  if (x === undefined || x === null || x === '') return undefined;
  const n = Number(x);
  if (!Number.isInteger(n) || n < 0) throw new CairnError('INVALID_INPUT', `${name} must be a whole number`);
  return n;
}

/** A restSearch body (POST JSON, or GET query/named parameters) as Cairn's filter and options. */
export function parseSearch(body: J, maxPageSize: number, now = Math.floor(Date.now() / 1000)): { filter: SearchFilter; options: SearchOptions } {
  const b = isObj(body['request']) ? body['request'] : body;
  let limit = parseCount(b['limit'], 'limit');
  if (limit === 0) limit = undefined;
  if (limit === undefined || limit > maxPageSize) limit = maxPageSize;
  const page = parseCount(b['page'], 'page');
  const cond = (k: string) => parseCond(b[k]);
  const filter: SearchFilter = Object.fromEntries(
    Object.entries({
      value: cond('value'),
      type: cond('type'),
      category: cond('category'),
      org: cond('org'),
      tags: parseCond(b['tags'] ?? b['tag'] ?? b['event_tags']),
      eventid: cond('eventid'),
      uuid: cond('uuid'),
      eventinfo: b['eventinfo'] ? String(b['eventinfo']) : undefined,
      from: parseDate(b['from'], false),
      to: parseDate(b['to'], true),
      last: parseDuration(b['last']),
      timestamp: parseRange(b['timestamp'], now),
      eventTimestamp: parseRange(b['event_timestamp'], now),
      publishTimestamp: parseRange(b['publish_timestamp'] ?? b['publishtimestamp'], now),
      toIds: parseBool(b['to_ids']),
      published: parseBool(b['published']),
      deleted: parseDeleted(b['deleted']),
      limit,
      page: page && page > 0 ? page : 1,
    }).filter(([, v]) => v !== undefined),
  );
  const options: SearchOptions = {
    returnFormat: String(b['returnFormat'] ?? b['format'] ?? 'json').toLowerCase(),
    includeEventTags: parseBool(b['includeEventTags']) ?? false,
    includeCorrelations: parseBool(b['includeCorrelations']) ?? false,
    enforceWarninglist: parseBool(b['enforceWarninglist']) ?? false,
    metadata: parseBool(b['metadata']) ?? false,
    includeEventUuid: parseBool(b['includeEventUuid']) ?? false,
  };
  return { filter, options };
}
