import { z } from 'zod';
import { splitValue } from '../model/index.ts';
import { ipKey, parseCidr } from './ip.ts';

/** The list types of MISP's warninglists. */
export const WARNINGLIST_TYPES = ['string', 'substring', 'hostname', 'cidr', 'regex'] as const;
export type WarninglistType = (typeof WARNINGLIST_TYPES)[number];

/** A warninglist in MISP's `list.json` format. */
export const WarninglistSchema = z.object({
  name: z.string().min(1).max(255),
  type: z.enum(WARNINGLIST_TYPES),
  version: z.number().int().nonnegative().default(1),
  description: z.string().default(''),
  category: z.string().default('false-positive'),
  matching_attributes: z.array(z.string()).default([]),
  list: z.array(z.string()),
});
export type Warninglist = z.infer<typeof WarninglistSchema>;

/** One list an attribute hits. */
export interface WarninglistHit {
  readonly name: string;
  readonly category: string;
}

/**
 * Compiled warninglists: `hits(type, value)` names the enabled lists a value is on.
 *
 * @example const m = compileWarninglists(lists); m.hits('ip-dst', '10.0.0.1') // [{ name: 'Cairn: private ranges', ... }]
 */
export interface WarninglistMatcher {
  hits(type: string, value: string): WarninglistHit[];
  /** Entries refused at compile time (bad CIDRs, unsafe regexes), by list. */
  readonly rejected: readonly { readonly list: string; readonly entry: string; readonly reason: string }[];
}

// MISP's default when a list names no attribute types: CIDR lists apply to address types only.
const IP_TYPES = ['ip-src', 'ip-dst', 'ip-src|port', 'ip-dst|port', 'domain|ip'];
const URL_TYPES = new Set(['url', 'uri', 'link']);
/** Regex entries are tested against at most this many characters: a bound on any backtracking left. */
const REGEX_INPUT_LIMIT = 1024;

interface Compiled {
  readonly hit: WarninglistHit;
  readonly types: ReadonlySet<string> | undefined;
  test(candidates: readonly string[]): boolean;
}

/** The strings a value is checked as: each half, the whole value, and for URLs their host. */
function candidates(type: string, value: string): string[] {
  const v = value.trim().toLowerCase();
  const [a, b] = splitValue(type, v);
  const out = b ? [v, a, b] : [v];
  if (URL_TYPES.has(type)) {
    const host = hostOf(v);
    if (host) out.push(host);
  }
  return out;
}

function hostOf(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^:/?#]+)/.exec(url);
  return m?.[1]?.replace(/^\[|\]$/g, '');
}

const stripDot = (h: string) => (h.endsWith('.') ? h.slice(0, -1) : h);

function compileString(list: Warninglist): (c: readonly string[]) => boolean {
  const set = new Set(list.list.map((e) => e.trim().toLowerCase()));
  return (cs) => cs.some((c) => set.has(c));
}

function compileSubstring(list: Warninglist): (c: readonly string[]) => boolean {
  const subs = list.list.map((e) => e.trim().toLowerCase()).filter(Boolean);
  return (cs) => cs.some((c) => subs.some((s) => c.includes(s)));
}

/** A hostname list matches the host itself and any subdomain: walk the value's suffixes through a set. */
function compileHostname(list: Warninglist): (c: readonly string[]) => boolean {
  const set = new Set(list.list.map((e) => stripDot(e.trim().toLowerCase().replace(/^\*?\./, ''))));
  return (cs) =>
    cs.some((c) => {
      let h = stripDot(c);
      for (;;) {
        if (set.has(h)) return true;
        const dot = h.indexOf('.');
        if (dot < 0) return false;
        h = h.slice(dot + 1);
      }
    });
}

/** CIDR lists: merged sorted ranges of fixed-width address keys, searched by bisection. */
function compileCidr(list: Warninglist, reject: (entry: string, reason: string) => void): (c: readonly string[]) => boolean {
  const ranges: [string, string][] = [];
  for (const raw of list.list) {
    const e = raw.trim();
    const net = e.includes('/') ? parseCidr(e) : undefined;
    const addr = net ? undefined : ipKey(e);
    if (net) ranges.push([net.lo, net.hi]);
    else if (addr) ranges.push([addr, addr]);
    else reject(raw, 'not an IP address or CIDR');
  }
  ranges.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const merged: [string, string][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && last[0].slice(0, 4) === r[0].slice(0, 4) && r[0] <= last[1]) {
      if (r[1] > last[1]) last[1] = r[1];
    } else merged.push([r[0], r[1]]);
  }
  const contains = (k: string) => {
    let lo = 0;
    let hi = merged.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [a, b] = merged[mid]!;
      if (k < a) hi = mid - 1;
      else if (k > b) lo = mid + 1;
      else return true;
    }
    return false;
  };
  return (cs) =>
    cs.some((c) => {
      const net = c.includes('/') ? parseCidr(c) : undefined;
      const k = net ? net.lo : ipKey(c);
      return k !== undefined && contains(k) && (!net || contains(net.hi));
    });
}

/**
 * Why a pattern is unsafe to run, or undefined when it is fine: backreferences, lookarounds
 * and a quantified group that itself holds a quantifier (`(a+)+`, `(.*)*`), the shapes of
 * catastrophic backtracking.
 */
export function unsafeRegex(pattern: string): string | undefined {
  if (pattern.length > 2000) return 'longer than 2,000 characters';
  if (/\\[1-9]|\\k</.test(pattern)) return 'uses a backreference';
  if (/\(\?<?[=!]/.test(pattern)) return 'uses a lookaround';
  // Find groups that contain a quantifier and are themselves quantified.
  const stack: boolean[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      continue;
    }
    if (c === '(') stack.push(false);
    else if (c === ')') {
      const inner = stack.pop() ?? false;
      const next = pattern[i + 1];
      const quantified = next === '*' || next === '+' || next === '{' || (next === '?' && inner);
      if (inner && quantified && next !== '?') return 'nests quantifiers (catastrophic backtracking)';
      if (stack.length && (inner || quantified)) stack[stack.length - 1] = true;
    } else if ((c === '*' || c === '+' || c === '{') && stack.length) stack[stack.length - 1] = true;
  }
  return undefined;
}

/** A MISP regex entry (`/pattern/flags` or a bare pattern) as a JavaScript RegExp, or why not. */
function toRegex(entry: string): RegExp | string {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(entry.trim());
  const source = m ? m[1]! : entry.trim();
  const flags = m ? m[2]!.replace(/[^ims]/g, '') : '';
  const why = unsafeRegex(source);
  if (why) return why;
  try {
    return new RegExp(source, flags.includes('i') ? flags : flags + 'i');
  } catch (e) {
    return `not a valid regular expression: ${(e as Error).message}`;
  }
}

function compileRegex(list: Warninglist, reject: (entry: string, reason: string) => void): (c: readonly string[]) => boolean {
  const res: RegExp[] = [];
  for (const e of list.list) {
    const r = toRegex(e);
    if (typeof r === 'string') reject(e, r);
    else res.push(r);
  }
  return (cs) => cs.some((c) => res.some((r) => r.test(c.length > REGEX_INPUT_LIMIT ? c.slice(0, REGEX_INPUT_LIMIT) : c)));
}

/** Compiles lists into fast structures: hash sets, a suffix walk for hostnames, sorted ranges for CIDRs, checked regexes. */
export function compileWarninglists(lists: readonly Warninglist[]): WarninglistMatcher {
  const rejected: { list: string; entry: string; reason: string }[] = [];
  const compiled: Compiled[] = lists.map((l) => {
    const reject = (entry: string, reason: string) => rejected.push({ list: l.name, entry, reason });
    let test: (c: readonly string[]) => boolean;
    switch (l.type) {
      case 'string':
        test = compileString(l);
        break;
      case 'substring':
        test = compileSubstring(l);
        break;
      case 'hostname':
        test = compileHostname(l);
        break;
      case 'cidr':
        test = compileCidr(l, reject);
        break;
      case 'regex':
        test = compileRegex(l, reject);
        break;
    }
    const types = l.matching_attributes.length ? new Set(l.matching_attributes) : l.type === 'cidr' ? new Set(IP_TYPES) : undefined;
    return { hit: { name: l.name, category: l.category }, types, test };
  });
  return {
    rejected,
    hits(type, value) {
      let cs: string[] | undefined;
      const out: WarninglistHit[] = [];
      for (const c of compiled) {
        if (c.types && !c.types.has(type)) continue;
        cs ??= candidates(type, value);
        if (c.test(cs)) out.push(c.hit);
      }
      return out;
    },
  };
}
