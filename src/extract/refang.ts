/**
 * Undoes the common ways analysts defang indicators, in one pass over a token:
 * `[.]` `(.)` `{.}` `[dot]` `(dot)` `\.` → `.`, `[:]` → `:`, `[://]` → `://`, `[/]` → `/`,
 * `[@]` `(@)` `[at]` `(at)` → `@`, and stray brackets glued to a dot, colon, at or slash
 * (`example[.com`, `10.)))10`). Scheme defangs (`hxxp`, `fxp`, `h**p`) are handled where URLs
 * are recognised. Linear in the token's length.
 *
 * @example
 *   refang('hxxps[:]//evil[.]example(dot)com') // 'hxxps://evil.example.com'
 */
// the output so far and its last two codes: module state rather than a closure per call (refang
// does not re-enter); appends build a rope, no reads back from the growing string (linear time)
let out = '';
let last = -1;
let last2 = -1;
let spaces = '';

function push(x: string): void {
  if (x.length === 0) return;
  if (spaces) out += spaces;
  spaces = '';
  out += x;
  last2 = x.length > 1 ? x.charCodeAt(x.length - 2) : last;
  last = x.charCodeAt(x.length - 1);
}

export function refang(s: string): string {
  out = '';
  last = -1;
  last2 = -1;
  spaces = '';
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = cc(s, i);
    if (c === 32 || c === 9) {
      spaces += s[i];
      i++;
      continue;
    }
    if (c === 92 /* \ */ && cc(s, i + 1) === 46) {
      push('.');
      i += 2;
      continue;
    }
    if (!isBracket(c)) {
      // a run of ordinary characters goes out as one slice, not one string per character
      let j = i + 1;
      for (let d = cc(s, j); j < n && !isBracket(d) && d !== 32 && d !== 9 && d !== 92; d = cc(s, ++j));
      push(s.slice(i, j));
      i = j;
      continue;
    }
    // An IPv6 literal in a URL keeps its brackets.
    if (c === 91 && last === 47 && last2 === 47 && isHexOrColon(cc(s, i + 1))) {
      let close = i + 1;
      while (close < n && close - i < 48 && cc(s, close) !== 93) close++;
      if (cc(s, close) === 93) {
        push(s.slice(i, close + 1));
        i = close + 1;
        continue;
      }
    }
    let j = i;
    while (j < n && isBracket(cc(s, j))) j++;
    const core = coreAt(s, j);
    if (core !== null) {
      const k2 = j + core.length;
      let m = k2;
      while (m < n && isBracket(cc(s, m))) m++;
      const isWord = core.length > 1 && core !== '://';
      if (isWord ? m > k2 : true) {
        spaces = '';
        push(mapCore(core));
        i = m;
        while (i < n && (cc(s, i) === 32 || cc(s, i) === 9)) i++;
        continue;
      }
    }
    const next = cc(s, j);
    // stray brackets at either end are punctuation, and `url[text]` is an AsciiDoc link
    const edge = i === 0 || j === n || (c === 91 && isWordStart(next));
    if (!edge && ((isMark(last) && !spaces) || isMark(next))) {
      i = j;
      continue;
    }
    push(s.slice(i, j));
    i = j;
  }
  if (spaces) out += spaces;
  const r = out;
  out = '';
  return r;
}

/**
 * Whether {@link refang} returns the text's slice u[a, b) of code units as it is: no space, tab or
 * backslash, and brackets only as a run at either end, the leading run not before a dot, colon,
 * slash, at, `dot` or `at` (`(word`, `func()`, `name).`: half the tokens with brackets). Read from
 * the code units, where reading the slice (a sliced string) costs several times more per character.
 */
export function keepsAsIs(u: Uint16Array, a: number, b: number): boolean {
  let p = a;
  while (p < b && isBracket(u[p] as number)) p++;
  if (p === b) return true;
  if (p > a) {
    // what coreAt reads after the leading run
    const c = u[p] as number;
    if (c === 46 || c === 58 || c === 47 || c === 64) return false;
    if ((c | 32) === 100 && p + 2 < b && ((u[p + 1] as number) | 32) === 111 && ((u[p + 2] as number) | 32) === 116) return false;
    if ((c | 32) === 97 && p + 1 < b && ((u[p + 1] as number) | 32) === 116) return false;
  }
  let q = b;
  while (q > p && isBracket(u[q - 1] as number)) q--;
  for (let i = p; i < q; i++) {
    const c = u[i] as number;
    if (isBracket(c) || c === 32 || c === 9 || c === 92) return false;
  }
  return true;
}

/**
 * The code at `i`, or -1 past the end. Reads past the end (NaN from charCodeAt) each deoptimise the
 * optimised code once per read site, and refang has many: it was recompiled ~10 times in a first pass.
 * -1 compares like NaN with every code tested here.
 */
const cc = (s: string, i: number): number => (i < s.length ? s.charCodeAt(i) : -1);

const isBracket = (c: number): boolean =>
  c === 91 || c === 93 || c === 40 || c === 41 || c === 123 || c === 125;
const isWordStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 34 || c === 10;
const isMark = (c: number): boolean => c === 46 || c === 58 || c === 64 || c === 47;
const isHexOrColon = (c: number): boolean =>
  c === 58 || (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

function coreAt(s: string, j: number): string | null {
  const c = cc(s, j);
  if (c === 58 && s.startsWith('://', j)) return '://';
  if (c === 46 || c === 58 || c === 47 || c === 64) return s[j] as string;
  if ((c | 32) === 100 && (cc(s, j + 1) | 32) === 111 && (cc(s, j + 2) | 32) === 116) return s.slice(j, j + 3);
  if ((c | 32) === 97 && (cc(s, j + 1) | 32) === 116) return s.slice(j, j + 2);
  return null;
}

function mapCore(core: string): string {
  if (core.length === 3 && core !== '://') return '.';
  if (core.length === 2) return '@';
  return core;
}

/** `hxxp`, `hXXps`, `h**p`, `h00ps`, `fxp`, ... → the real scheme; other schemes lower-cased. */
export function refangScheme(scheme: string): string {
  const s = lowerCase(scheme);
  if (s.length >= 3 && s.length <= 6 && s[0] === 'h' && /^h[xt*0]{1,2}ps?$/.test(s)) return s.endsWith('s') ? 'https' : 'http';
  if (s === 'fxp' || s === 'fxxp' || s === 'ftx' || s === 'fxps') return 'ftp';
  return s;
}

/**
 * `s.toLowerCase()`, without the call when there is nothing to change: slices of a two-byte text
 * are two-byte strings, whose case mapping goes through ICU even when they are plain ASCII.
 */
export function lowerCase(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 128) return s.toLowerCase();
  }
  return s;
}
