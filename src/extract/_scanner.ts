/**
 * The single-pass scanner: walks the text once over char codes, finds candidate tokens cheaply
 * (most prose has none) and hands only those to the classifier. Private to src/extract.
 */
import { HEADING, Layout, PROSE } from './_layout.ts';
import { FILE_EXTENSIONS } from './_lists.ts';
import {
  checkDomain, type HostInfo, isBenignDomain, isBtcBase58At, isBtcBech32, isFileLikeTld, isIPv4, isIPv6, isXmr,
} from './_net.ts';
import { keepsAsIs, lowerCase, refang, refangScheme } from './refang.ts';
import { CONTEXT_MAX, MISP_TYPE, type ExtractOptions, type Indicator, type IocKind } from './types.ts';

const DELIM = 1, LETTER = 2, DIGIT = 4, MARK = 8, BRACKET = 16, OTHER = 32;
const CLS = new Uint8Array(65536).fill(OTHER);
for (let c = 65; c <= 90; c++) CLS[c] = LETTER;
for (let c = 97; c <= 122; c++) CLS[c] = LETTER;
for (let c = 48; c <= 57; c++) CLS[c] = DIGIT;
for (const ch of '.:@/') CLS[ch.charCodeAt(0)] = MARK;
// brackets and the backslash: what refang and path detection look at
for (const ch of '[](){}\\') CLS[ch.charCodeAt(0)] = BRACKET;
for (const ch of ' \t\n\r\v\f"\'<>`|,\u00a0\u00ab\u00bb\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2028\u2029\u3000\ufeff\uff1c\uff1e\u300c\u300d') {
  CLS[ch.charCodeAt(0)] = DELIM;
}
for (let c = 0x2000; c <= 0x200b; c++) CLS[c] = DELIM;
for (let c = 0; c < 32; c++) CLS[c] = DELIM;

/** Punctuation that opens (1) or closes (2) a word without making it a candidate: `(word`, `word.`, `word):`. */
const EDGE = new Uint8Array(128);
for (const ch of '([{') EDGE[ch.charCodeAt(0)] = 1;
for (const ch of '.:;!?)]}') EDGE[ch.charCodeAt(0)] = 2;

const HEX = new Uint8Array(128);
for (const ch of '0123456789abcdefABCDEF') HEX[ch.charCodeAt(0)] = 1;
const isHex = (c: number): boolean => c < 128 && HEX[c] === 1;
/** Characters of host names, IPs, hashes and ids: [A-Za-z0-9._-]. */
const isRunChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45 || c === 95;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

const URL_SCHEMES = new Set(['http', 'https', 'ftp', 'ftps', 'sftp', 'ws', 'wss', 'smb', 'tcp', 'udp', 'ssh', 'irc', 'ldap', 'ldaps', 'telnet', 'rtsp', 'tftp']);
const VERSION_WORDS = new Set(['v', 'ver', 'version', 'versions', 'build', 'release', 'rev', 'revision', 'firmware', 'update', 'patch', 'cvss', 'chrome', 'firefox']);
const TLP_LEVELS = new Set(['RED', 'AMBER', 'AMBER+STRICT', 'GREEN', 'WHITE', 'CLEAR']);
/** A Unix or macOS path from the root of a system directory. */
const SYSTEM_DIR = /^\/(?:Library|Users|System|Applications|usr|etc|tmp|var|home|opt|bin|sbin|dev|proc|root|private|lib|lib64|run|mnt|srv|boot)\//;
const HIVES = /^(?:HKLM|HKCU|HKCR|HKU|HKCC|HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER|HKEY_CLASSES_ROOT|HKEY_USERS|HKEY_CURRENT_CONFIG)\\/;

export class Scanner {
  private readonly out: Indicator[] = [];
  private readonly hosts = new Map<string, HostInfo | null>();
  private readonly layout: Layout;
  private defangs = -1;
  /** Values already reported, per kind. */
  private readonly seen = Object.fromEntries(Object.keys(MISP_TYPE).map((k) => [k, new Set<string>()])) as Record<IocKind, Set<string>>;
  private readonly dropRefs: boolean;
  private readonly kinds: ReadonlySet<IocKind> | null;
  private conditionAt = -2;
  /** Runs shaped like a legacy BTC address whose checksum failed. */
  private readonly notBtc = new Set<string>();
  /** The text's code units for the scan under way (see {@link codeUnits}). */
  private u: Uint16Array = EMPTY_UNITS;

  constructor(private readonly text: string, options: ExtractOptions = {}) {
    this.dropRefs = options.dropReferences ?? true;
    this.layout = new Layout(text, (cell) => this.emit('filename', cell.value, cell.offset, false));
    this.kinds = options.kinds ? new Set(options.kinds) : null;
  }

  run(): Indicator[] {
    // char codes from a typed array: String#charCodeAt in optimised code re-checks the string's
    // representation on every call, an element load does not (2.5x on a bare loop over the corpus)
    const u = (this.u = this.layout.units = codeUnits(this.text));
    this.scan(u);
    this.layout.finish();
    return this.out;
  }

  /**
   * The hot loop, alone in its function: code after a loop that the optimiser compiled while the
   * loop ran (on-stack replacement) has no type feedback yet, and deoptimised `run` at the end of
   * every scan, so the next scan started unoptimised.
   */
  private scan(u: Uint16Array): void {
    // the hot loop stays small and monomorphic; every decision beyond "plain word" is in candidate()
    // (and nothing before it stores to an object: that code ran once, before the loop was compiled,
    // with no type feedback, and deoptimised the next scan's compiled code at its start)
    const text = this.text;
    const n = text.length;
    let i = 0;
    for (;;) {
      let k: number;
      // delimiters; the code unit after the end's 0 is a letter, so this stops by n + 1
      while ((k = CLS[u[i] as number] as number) & DELIM) i++;
      if (i >= n) break;
      const start = i;
      let mask = 0;
      let head: number; // the classes of all but the last character
      do {
        head = mask;
        mask |= k;
        k = CLS[u[++i] as number] as number; // u[n] is 0, a delimiter: no bounds test
      } while (!(k & DELIM));
      // u[n + 1] is a letter, never an opening bracket
      const spacedNext = u[i] === 32 && isOpenBracket(u[i + 1] as number);
      if (mask === LETTER) {
        // a plain word, by far the most common token: only keywords and spaced defangs matter
        const len = i - start;
        if (len <= 4 ? len < 2 || KEYWORD_HEADS[(((u[start] as number) | 32) << 7) | ((u[start + 1] as number) | 32)] === 0 || !isKeyword(text, start, len) : len < 32 && !spacedNext) continue;
      } else if (!spacedNext && (head === LETTER || head === DIGIT) && i - start < 26) {
        // `word.`, `word)`, `2014.`: a word or number closed by punctuation (`CVE:` and `AS:` go on)
        const last = u[i - 1] as number;
        if (EDGE[last] === 2 && (last !== 58 || (head === DIGIT ? i - start !== 17 : i - start > 5))) continue;
        if (mask === DIGIT) continue; // a bare number (`2014`, `88`), as below
      } else if (mask === DIGIT && !spacedNext) continue; // a bare number is no indicator
      else if (!(mask & (MARK | BRACKET))) {
        // no mark, no bracket: settled here exactly as candidate() would (`real-world`, `=====`, `S0012`)
        const len = i - start;
        const go = mask & DIGIT
          ? mask === (LETTER | DIGIT) ? isAlnumCandidate(text, start, len) : ((mask & LETTER) !== 0 && len >= 4) || len === 17
          : len >= 32;
        if (!go && !(spacedNext && isSpacedDefang(text, i + 1))) continue;
      }
      i = this.candidate(start, i, mask);
    }
  }

  /** Decides what to do with the token [start, end) of character classes `mask`; returns where scanning resumes. */
  private candidate(start: number, end: number, mask: number): number {
    const text = this.text;
    const u = this.u;
    const len = end - start;
    if (mask === LETTER) {
      if (len <= 4) return this.word(start, end);
      if (len >= 32) return this.token(start, end, mask);
      return isSpacedDefang(text, end + 1) ? this.token(start, end, mask) : end;
    }
    let a = start;
    let b = end;
    if (mask & (MARK | BRACKET)) {
      // `word.`, `(word)`, `word):` are prose; a mark between word characters is a candidate
      while (a < b && EDGE[u[a] as number] === 1) a++;
      while (b > a && EDGE[u[b - 1] as number] === 2) b--;
      // nothing stripped: the inner classes are the token's (URLs, paths: no second walk)
      if (a === start && b === end) return this.token(start, end, mask);
      let inner = 0;
      for (let j = a; j < b; j++) inner |= CLS[u[j] as number] as number;
      if (inner & (MARK | BRACKET)) return this.token(start, end, mask);
      mask = inner;
      if (b - a <= 4 && mask === LETTER && u[b] === 58 && isKeyword(text, a, b - a)) return this.word(a, end);
    }
    const spaced = u[end] === 32 && isSpacedDefang(text, end + 1);
    if (mask & DIGIT) {
      // ids and hashes mix letters and digits; only a dashed MAC is digits and dashes alone
      const n = b - a;
      const hex = mask === (LETTER | DIGIT) && (n === 32 || n === 40 || n === 64 || n === 128) && !spaced ? hexCase(u, a, b) : -1;
      if (hex >= 0) {
        // a bare hash, the bulk of IOC appendices: straight to the emitter (lower-cased only when it
        // has capitals: toLowerCase on a two-byte string goes through ICU)
        const h = text.slice(a, b);
        this.emit(this.hashKind(n, start), hex === 1 ? lowerCase(h) : h, start, false);
        return end;
      }
      if (mask === (LETTER | DIGIT) ? isAlnumCandidate(text, a, n) : (mask & LETTER && len >= 4) || len === 17) {
        // letters and digits alone (wallets, ATT&CK ids, hash-like runs), no spaced defang after it,
        // not a hive (`HKCU>\`): what token() would do, without its checks and the passes of
        // classifyPlain and runs over a token that is one run
        const c0 = u[start] as number;
        if (mask === (LETTER | DIGIT) && a === start && b === end && c0 !== 72 && spacedDefangEnd(text, end) < 0) {
          if (len >= 4) this.classifyRun(text.slice(start, end), 0, len, start, false, u, start);
          return end;
        }
        return this.token(start, end, mask);
      }
    } else if (len >= 32) return this.token(start, end, mask);
    return spaced ? this.token(start, end, mask) : end;
  }

  /** A non-defanged network indicator counts only where the author lists indicators (see {@link Layout}). */
  private networkHere(offset: number, defanged: boolean): boolean {
    if (defanged || !this.dropRefs) return true;
    if (!this.layout.networkAllowed(offset)) return false;
    // where the author defangs indicators, a live link in a sentence is a citation
    if (!this.layout.inSentence(offset)) return true;
    if (this.defangs === -1) this.defangs = hasDefang(this.text) ? 1 : 0;
    return this.defangs === 0;
  }

  // ---- emission ------------------------------------------------------------------------------

  /** {@link checkDomain}, once per distinct host: tldts is the costliest step per candidate. */
  private domain(host: string): HostInfo | null {
    let info = this.hosts.get(host);
    if (info === undefined) {
      info = checkDomain(host);
      this.hosts.set(host, info);
    }
    return info;
  }

  private emit(kind: IocKind, value: string, offset: number, defanged: boolean): void {
    if (this.kinds && !this.kinds.has(kind)) return;
    // one hash lookup, not has() then add(): the set grows only for a new value
    const seen = this.seen[kind];
    const size = seen.size;
    if (seen.add(value).size === size) return;
    this.out.push(new Found(this.text, kind, value, offset, defanged));
  }


  // ---- tokens --------------------------------------------------------------------------------

  /** Classifies the token at [start, end); returns where scanning resumes. */
  /** `mask`: the classes of the token's characters (brackets decide whether refang is needed). */
  private token(start: number, end: number, mask: number): number {
    const text = this.text;
    // join spaced defangs: `example [.] com`, `user [at] example [.] com`
    let e = end;
    for (;;) {
      const j = spacedDefangEnd(text, e);
      if (j < 0) break;
      let k = j;
      while (k < text.length && !((CLS[text.charCodeAt(k)] as number) & DELIM)) k++;
      if (k === j) break;
      e = k;
    }
    // a live http(s)/ftp link where it cannot count (prose of a structured text, reference
    // section, defanging author): dropped before any slicing, the common case in reports
    if (e !== end) mask = -1;
    if (e === end && this.dropRefs && isPlainLink(text, start, e) && (!(mask & BRACKET) || onlyWordParens(text, start, e)) && !this.networkHere(start, false)) {
      return e;
    }
    if (e === end && this.dropRefs && !(mask & BRACKET)) {
      // in the prose and headings of a structured text only defanged network values and file-name
      // cells count: a dotted token there can still be a sub-technique or a dotted MAC, nothing else
      if (mask & MARK && this.layout.structured) {
        const where = this.layout.at(start);
        if ((where === PROSE || where === HEADING) && !mayHoldNonNetwork(text, start, e, where === HEADING)) return e;
      }
    }
    const c0 = text.charCodeAt(start);
    if (c0 === 72 && (text.charCodeAt(start + 1) | 32) === 107 && HIVES.test(text.slice(start, start + 24).replace('>', ''))) return this.registry(start);
    if ((c0 | 32) === 109 && isMozillaAt(text, start)) return this.userAgent(start);
    if (e - start <= 5 && (CLS[c0] as number) === LETTER) {
      const r = this.word(start, e);
      if (r !== e) return r;
    }
    if (!(mask & BRACKET)) {
      // nothing to refang and no markdown link: classified on offsets, without string methods on
      // the slice (slices of many string shapes make those call sites megamorphic)
      this.classifyPlain(start, e, text.charCodeAt(start - 1) === 60 && text.charCodeAt(e) === 62);
      return e;
    }
    const raw = text.slice(start, e);
    const ml = raw.indexOf('](');
    if (ml >= 0) {
      // markdown link: the text part may hold an indicator, the target is a reference
      const ta = raw.charCodeAt(0) === 91 ? 1 : 0;
      // (a word or number of link text, `[Phishing](…)`, `[1](…)`: nothing that classify reports)
      if (!isBareRun(this.u, start + ta, start + ml)) this.classify(raw.slice(ta, ml), start, false);
      // a live http(s)/ftp target that refang keeps as it is: url() drops it whatever its host
      const la = start + ml + 2;
      if (!(this.dropRefs && isPlainLink(text, la, e) && keepsAsIs(this.u, la, e))) this.classify(raw.slice(ml + 2), la, true);
      return e;
    }
    const autolink = text.charCodeAt(start - 1) === 60 && text.charCodeAt(e) === 62;
    // brackets only at the ends (`(word`, `func()`): nothing to refang, decided on the code units
    this.classify(raw, start, autolink, (mask & BRACKET) !== 0, !keepsAsIs(this.u, start, e), start);
    return e;
  }

  /**
   * {@link classify} for a bracket-free token [start, end) of the text: the same decisions, read from
   * the code units (first `://`, `@`, `:`) before one slice.
   */
  private classifyPlain(start: number, end: number, reference: boolean): void {
    const u = this.u;
    let a = start;
    let b = end;
    if (b - a >= 2 && u[a] === 43 && u[a + 1] === 43) a += 2;
    if (b - a >= 2 && u[b - 1] === 43 && u[b - 2] === 43) b -= 2;
    let scheme = -1;
    let at = false;
    let colon = false;
    for (let j = a; j < b; j++) {
      const c = u[j] as number;
      if (c === 58) {
        if (!colon) {
          colon = true;
          if (j + 2 < b && u[j + 1] === 47 && u[j + 2] === 47) scheme = j - a;
        }
      } else if (c === 64) at = true;
    }
    const s = this.text.slice(a, b);
    // `://` can follow an earlier colon (`x:y://`): the general path finds it
    if (colon && scheme < 0 && s.includes('://')) scheme = s.indexOf('://');
    if (scheme > 0) return this.url(s, scheme, start, false, reference);
    if (at && this.emails(s, start, false)) return;
    const c0 = u[a] as number;
    if (c0 === 126 && b - a >= 2 && u[a + 1] === 47) return this.filePath(s, start);
    if (c0 === 47 && b > a && SYSTEM_DIR.test(s)) return this.filePath(s, start);
    if (colon && this.colonForms(trimPunct(s), start)) return;
    this.runs(s, start, false, a);
  }

  /**
   * `needs`: whether `raw` holds brackets; `fang`: whether refang may change it (false only where the
   * caller knows it does not, which cutting `++` from an end does not change); `pos`: where `raw`
   * stands in the text, or -1.
   */
  private classify(raw: string, offset: number, reference: boolean, needs = hasBracket(raw), fang = needs, pos = -1): void {
    if (raw.startsWith('++')) {
      raw = raw.slice(2);
      if (pos >= 0) pos += 2;
    }
    if (raw.endsWith('++')) raw = raw.slice(0, -2);
    // AsciiDoc link `https://host/page[text]`: the URL cites a source (cut before refang reads `]` as a defang)
    const scheme = needs ? raw.indexOf('://') : -1;
    if (scheme > 0) {
      const open = raw.indexOf('[', scheme);
      if (open > 0 && isLinkText(raw, open + 1)) return this.classify(raw.slice(0, open), offset, true);
    }
    // paths keep their backslashes
    // (every form holds a backslash: most tokens are ruled out without the regex)
    if (needs && raw.includes('\\') && /^(?:[A-Za-z]:\\|%[A-Za-z_]+%\\|\\[A-Za-z])|[A-Za-z0-9_]\\[A-Za-z0-9_]/.test(raw) && !raw.includes('://')) return this.filePath(raw, offset);
    const s = needs && fang ? refang(raw) : raw;
    const defanged = s !== raw;
    const p = s.indexOf('://');
    if (p > 0) return this.url(s, p, offset, defanged, reference);
    if (s.includes('@') && this.emails(s, offset, defanged)) return;
    // (no reads past the end: each deoptimised classify once more per pass)
    if (s.length >= 2 && s.charCodeAt(0) === 126 && s.charCodeAt(1) === 47) return this.filePath(s, offset);
    if (s.length > 0 && s.charCodeAt(0) === 47 && SYSTEM_DIR.test(s)) {
      return this.filePath(s, offset);
    }
    const colon = s.indexOf(':');
    if (colon >= 0) {
      const t = trimPunct(s);
      if (this.colonForms(t, offset)) return;
    }
    // not refanged: s is the text at pos, and runs reads the code units
    this.runs(s, offset, defanged, defanged ? -1 : pos);
  }

  /** ssdeep, MAC, IPv6, TLP: forms built around colons. */
  private colonForms(t: string, offset: number): boolean {
    if (isSsdeep(t)) {
      this.emit('ssdeep', t, offset, false);
      return true;
    }
    const mac = macAddress(t);
    if (mac) {
      this.emit('mac', mac, offset, false);
      return true;
    }
    // an IPv6 address holds two colons before any '/': no slicing for the rest (`misp-galaxy:clusters/…`)
    let colons = 0;
    for (let i = 0; i < t.length && colons < 2; i++) {
      const c = t.charCodeAt(i);
      if (c === 58) colons++;
      else if (c === 47 && i > 0) break;
    }
    let v6 = colons >= 2 && t.charCodeAt(0) === 91 && t.endsWith(']') ? t.slice(1, -1) : t;
    const slash = colons >= 2 ? v6.indexOf('/') : -1;
    let prefix = -1;
    if (slash > 0) {
      const len = v6.slice(slash + 1);
      if (/^\d{1,3}$/.test(len) && Number(len) <= 128) prefix = Number(len);
      v6 = v6.slice(0, slash);
    }
    if (colons >= 2 && countChar(v6, 58) >= 2 && isIPv6(v6)) {
      const addr = lowerCase(v6);
      if (prefix >= 0 && slash > 0) this.emit('ipv6_cidr', `${addr}/${prefix}`, offset, false);
      else this.emit('ipv6', addr, offset, false);
      return true;
    }
    if (t.length < 7 || t.length > 16 || t.charCodeAt(3) !== 58 || (t.charCodeAt(0) | 32) !== 116) return false;
    const up = t.toUpperCase();
    if (up.startsWith('TLP:') && TLP_LEVELS.has(up.slice(4))) {
      this.emit('tlp', up, offset, false);
      return true;
    }
    return false;
  }

  private url(s: string, p: number, offset: number, defanged: boolean, reference: boolean): void {
    let a = p;
    while (a > 0) {
      const c = s.charCodeAt(a - 1);
      if (((c | 32) >= 97 && (c | 32) <= 122) || c === 42) a--;
      else break;
    }
    const written = s.slice(a, p);
    const scheme = refangScheme(written);
    if (scheme !== lowerCase(written)) defanged = true;
    // a live link target (markup link, `<url>`) is dropped whatever its host: not parsed at all
    if (reference && this.dropRefs && !defanged) return;
    if (!this.networkHere(offset, defanged)) return;
    let rest = s.slice(p + 3);
    // AsciiDoc link text `url[text]`: the URL cites a source
    for (let i = 0; i < rest.length; i++) {
      if (rest.charCodeAt(i) === 91 && !(i === 0 && rest.length > 1 && isHexOrColon(rest.charCodeAt(1)))) {
        rest = rest.slice(0, i);
        reference = true;
        break;
      }
    }
    rest = trimUrlTail(rest);
    let ae = rest.length;
    for (let i = 0; i < rest.length; i++) {
      const c = rest.charCodeAt(i);
      if (c === 47 || c === 63 || c === 35 || c === 92) {
        ae = i;
        break;
      }
    }
    const auth = rest.slice(0, ae);
    const at = auth.lastIndexOf('@');
    const userinfo = at >= 0 ? auth.slice(0, at + 1) : '';
    const hostport = auth.slice(at + 1);
    let host: string;
    let port: string;
    if (hostport.length > 0 && hostport.charCodeAt(0) === 91) {
      const close = hostport.indexOf(']');
      if (close < 0) return;
      host = hostport.slice(0, close + 1);
      port = hostport.slice(close + 1);
    } else {
      const colon = hostport.indexOf(':');
      host = colon >= 0 ? hostport.slice(0, colon) : hostport;
      port = colon >= 0 ? hostport.slice(colon) : '';
    }
    if (port && !/^:\d{1,5}$/.test(port)) port = '';
    host = lowerCase(host);
    if (host.endsWith('.')) host = host.slice(0, -1);
    let hostKind: IocKind;
    let benign = false;
    if (host.length > 0 && host.charCodeAt(0) === 91) {
      if (!isIPv6(host.slice(1, -1))) return;
      hostKind = 'ipv6';
    } else if (isIPv4(host)) hostKind = 'ipv4';
    else {
      const info = this.domain(host);
      if (!info) return;
      hostKind = 'domain';
      benign = isBenignDomain(info.registrable, host);
    }
    if (this.dropRefs && !defanged && (reference || benign)) return;
    if (URL_SCHEMES.has(scheme)) {
      const tail = rest.slice(ae);
      this.emit('url', `${scheme}://${userinfo}${host}${port}${tail}`, offset, defanged);
      // a sample hash passed as a path or query parameter (`?md5=…`, `/file/<sha256>`) is an indicator too
      if (tail.length >= 33) this.hashesIn(tail, offset);
    }
    this.emit(hostKind, hostKind === 'ipv6' ? host.slice(1, -1) : host, offset, defanged);
  }

  private emails(s: string, offset: number, defanged: boolean): boolean {
    let from = 0;
    let any = false;
    for (;;) {
      const at = s.indexOf('@', from);
      if (at < 0) return any;
      from = at + 1;
      let a = at;
      while (a > 0 && isLocalChar(s.charCodeAt(a - 1))) a--;
      while (a < at && s.charCodeAt(a) === 46) a++;
      let b = at + 1;
      while (b < s.length && isRunChar(s.charCodeAt(b))) b++;
      if (a === at) continue;
      let domain = lowerCase(s.slice(at + 1, b));
      while (domain.endsWith('.') || domain.endsWith('-')) domain = domain.slice(0, -1);
      let info = this.domain(domain);
      while (!info && domain.lastIndexOf('.') > domain.indexOf('.')) {
        domain = domain.slice(0, domain.lastIndexOf('.'));
        info = this.domain(domain);
      }
      if (!info) continue;
      any = true;
      if (this.dropRefs && !defanged && isBenignDomain(info.registrable, domain)) continue;
      if (!this.networkHere(offset, defanged)) continue;
      this.emit('email', `${lowerCase(s.slice(a, at))}@${domain}`, offset, defanged);
    }
  }

  private filePath(raw: string, offset: number): void {
    const t = trimPunct(raw);
    if (t.length > 3) this.emit('file_path', t, offset, false);
  }

  /**
   * Splits a token into runs of [A-Za-z0-9._-] and classifies each. `base`: where `s` stands in the
   * text when it is a verbatim slice (its codes are then read from the code units), else -1 (its
   * codes are copied to a scratch array once: reads through a closure choosing between the two
   * cost a closure per call, and the transpiler's name-keeping wraps each in a defineProperty).
   */
  private runs(s: string, offset: number, defanged: boolean, base = -1): void {
    const n = s.length;
    let u = this.u;
    if (base < 0) {
      u = runUnits(s);
      base = 0;
    }
    let i = 0;
    while (i < n) {
      if (!isRunChar(u[base + i] as number)) {
        i++;
        continue;
      }
      let a = i;
      let shape = 0; // 1: a dot, 2: a digit
      for (let c = u[base + i] as number; i < n && isRunChar(c); c = u[base + ++i] as number) {
        if (c === 46) shape |= 1;
        else if (c >= 48 && c <= 57) shape |= 2;
      }
      // letters, '-' and '_' alone make no indicator unless hash-long (keywords are read elsewhere)
      if (shape === 0 && i - a < 32) continue;
      let b = i;
      while (a < b && (u[base + a] === 46 || u[base + a] === 45)) a++;
      while (b > a && (u[base + b - 1] === 46 || u[base + b - 1] === 45 || u[base + b - 1] === 95)) b--;
      if (b - a >= 4) this.classifyRun(s, a, b, offset, defanged, u, base);
    }
  }

  /** `u`, `base`: where the codes of `s` stand (see {@link runs}). */
  private classifyRun(s: string, a: number, b: number, offset: number, defanged: boolean, u: Uint16Array, base: number): void {
    const r = s.slice(a, b);
    if (r.length === 17 || r.length === 14) {
      const mac = macAddress(r);
      if (mac) return this.emit('mac', mac, offset, false);
    }
    const prev = a > 0 ? s.charCodeAt(a - 1) : this.text.charCodeAt(offset - 1);
    if (r.includes('.')) {
      if (isIPv4(r)) {
        if (prev === 47 || this.afterVersionWord(offset, s, a) || !this.networkHere(offset, defanged)) return;
        const m = /^\/(\d{1,2})(?!\d)/.exec(s.slice(b, b + 4));
        if (m && Number(m[1]) <= 32) this.emit('ipv4_cidr', `${r}/${m[1]}`, offset, defanged);
        else this.emit('ipv4', r, offset, defanged);
        return;
      }
      const lower = lowerCase(r);
      const info = this.domain(lower);
      if (info) {
        if (prev === 47 && !defanged) return; // detection name (`Win32/Spy.AHK.AD`) or a path
        if (isFileLikeTld(info.tld) && !defanged) {
          if (FILE_EXTENSIONS.has(info.tld) && this.layout.proseFilenameAllowed(offset) && this.filenameInPlace(offset, r)) this.emit('filename', r, offset, false);
          return;
        }
        if (this.dropRefs && !defanged && isBenignDomain(info.registrable, lower)) return;
        if (!this.networkHere(offset, defanged)) return;
        this.emit('domain', lower, offset, defanged);
        return;
      }
      const dot = r.lastIndexOf('.');
      const ext = lowerCase(r.slice(dot + 1));
      if (FILE_EXTENSIONS.has(ext) && dot > 0 && prev !== 47 && hasLetter(r)) {
        if (this.layout.proseFilenameAllowed(offset) && this.filenameInPlace(offset, r)) this.emit('filename', r, offset, false);
        return;
      }
      if (isSubTechnique(r)) this.emit('attack_technique', upperCase(r), offset, false);
      return;
    }
    const c0 = r.charCodeAt(0) | 32;
    if (c0 === 99 && (r.charCodeAt(1) | 32) === 118 && /^CVE-\d{4}-\d{4,7}$/i.test(r)) {
      const year = Number(r.slice(4, 8));
      if (year >= 1999 && year <= 2099) {
        const id = upperCase(r);
        this.emit('cve', id, offset, false);
        const more = /^\/(\d{4,7})(?![\d-])/.exec(s.slice(b, b + 9));
        if (more) this.emit('cve', `${id.slice(0, 9)}${more[1]}`, offset, false);
      }
      return;
    }
    if (c0 === 116 && /^T(?:A\d{4}|\d{4})$/i.test(r)) {
      this.emit(r.length === 6 ? 'attack_tactic' : 'attack_technique', upperCase(r), offset, false);
      return;
    }
    if (r.charCodeAt(0) === 77 && /^M\d{4}$/.test(r)) {
      this.emit('attack_mitigation', r, offset, false);
      return;
    }
    if (c0 === 97 && /^ASN?\d{1,10}$/i.test(r)) {
      this.emit('asn', 'AS' + r.replace(/^asn?/i, ''), offset, false);
      return;
    }
    if (r.startsWith('UA-') && /^UA-\d{4,10}-\d{1,4}$/.test(r)) {
      this.emit('ga_tracking_id', r, offset, false);
      return;
    }
    if (r.startsWith('pub-') && /^pub-\d{16}$/.test(r)) {
      this.emit('adsense_pub_id', r, offset, false);
      return;
    }
    const len = r.length;
    if ((len === 32 || len === 40 || len === 64 || len === 128) && isHexRange(r, 0, len)) return this.hashes(r, offset);
    if (len >= 26) {
      const f = r.charCodeAt(0);
      // only a wallet-shaped run can already be a reported wallet: no hashing of every long run
      if ((f === 49 || f === 51 || f === 52 || f === 56 || c0 === 98) && (this.seen.btc.has(r) || this.seen.xmr.has(r))) return;
      if ((f === 49 || f === 51) && len <= 35 && !this.notBtc.has(r)) {
        if (isBtcBase58At(u, base + a, base + b)) return this.emit('btc', r, offset, false);
        // two checksums per run: a listing repeats its non-wallet runs (ids, keys) as often as its wallets
        this.notBtc.add(r);
      }
      if (c0 === 98 && isBtcBech32(r)) return this.emit('btc', r, offset, false);
      if ((f === 52 || f === 56) && isXmr(r)) return this.emit('xmr', r, offset, false);
      if (f === 48 && (r.charCodeAt(1) | 32) === 120 && len === 42 && isHexRange(r, 2, 42)) {
        return this.emit('eth', r, offset, false);
      }
    }
    if (len >= 32) this.hashes(r, offset);
  }

  private hashes(r: string, offset: number): void {
    const n = r.length;
    let i = 0;
    while (i < n) {
      if (!isHex(r.charCodeAt(i))) {
        i++;
        continue;
      }
      const a = i;
      while (i < n && isHex(r.charCodeAt(i))) i++;
      const len = i - a;
      if (len === 32 || len === 40 || len === 64 || len === 128) {
        const h = lowerCase(r.slice(a, i));
        if (len === 40 && a >= 2 && r.charCodeAt(a - 1) === 120 && r.charCodeAt(a - 2) === 48) continue;
        this.emit(this.hashKind(len, offset), h, offset, false);
      } else if ((len === 70 || len === 72) && a >= 2 && (r.charCodeAt(a - 2) | 32) === 116 && r.charCodeAt(a - 1) === 49) {
        this.emit('tlsh', ('t1' + r.slice(a, i)).toUpperCase(), offset, false);
      }
    }
  }

  /** Hex runs of hash length standing alone between non-word characters in `s`. */
  private hashesIn(s: string, offset: number): void {
    const n = s.length;
    let i = 0;
    while (i < n) {
      const a = i;
      while (i < n && isHex(s.charCodeAt(i))) i++;
      const len = i - a;
      if ((len === 32 || len === 40 || len === 64 || len === 128) && (a === 0 || !isWordChar(s.charCodeAt(a - 1))) && (i >= n || !isWordChar(s.charCodeAt(i)))) {
        this.emit(len === 32 ? 'md5' : len === 40 ? 'sha1' : len === 64 ? 'sha256' : 'sha512', lowerCase(s.slice(a, i)), offset, false);
      }
      if (i === a) i++;
      else while (i < n && isWordChar(s.charCodeAt(i))) i++;
    }
  }

  /** md5/sha* by length, unless the line labels it an imphash, JA3 or Authentihash. */
  private hashKind(len: number, offset: number): IocKind {
    const t = this.text;
    let a = offset;
    const lo = Math.max(0, offset - 48);
    while (a > lo && t.charCodeAt(a - 1) !== 10) a--;
    // every label word holds `hash` or `ja3`: most hashes have neither before them, so no slice
    if (!hasHashLabel(t, a, offset)) return len === 32 ? 'md5' : len === 40 ? 'sha1' : len === 64 ? 'sha256' : 'sha512';
    const label = lowerCase(t.slice(a, offset));
    if (len === 32) {
      if (label.includes('imphash') || label.includes('import hash')) return 'imphash';
      if (label.includes('ja3s')) return 'ja3s';
      if (label.includes('ja3')) return 'ja3';
      return 'md5';
    }
    if (len === 64 && label.includes('authentihash')) return 'authentihash';
    return len === 40 ? 'sha1' : len === 64 ? 'sha256' : 'sha512';
  }

  /**
   * A file name counts where it stands as a name: in running text, or as a whole table cell.
   * Headings over hash lists and fragments of a longer cell (`Adobe Stock Photos CS3.exe`) do not.
   */
  private filenameInPlace(offset: number, name: string): boolean {
    const t = this.text;
    let a = offset;
    const lo = Math.max(0, offset - 400);
    while (a > lo && t.charCodeAt(a - 1) !== 10) a--;
    let b = offset;
    const hi = Math.min(t.length, offset + 400);
    while (b < hi && t.charCodeAt(b) !== 10) b++;
    let h = a;
    while (h < offset && (t.charCodeAt(h) === 32 || t.charCodeAt(h) === 9)) h++;
    const first = t.charCodeAt(h);
    if (first === 35 || first === 61) return false;
    let before = offset;
    while (before >= a && t.charCodeAt(before) !== 124) before--;
    if (before < a) return true;
    let after = offset;
    while (after < b && t.charCodeAt(after) !== 124) after++;
    const cell = trimChars(t.slice(before + 1, after).trim(), '`+');
    return cell === name;
  }

  private afterVersionWord(offset: number, s: string, a: number): boolean {
    if (a > 0) return false;
    const t = this.text;
    let i = offset;
    while (i > 0 && (t.charCodeAt(i - 1) === 32 || t.charCodeAt(i - 1) === 40)) i--;
    let j = i;
    while (j > 0 && (CLS[t.charCodeAt(j - 1)] as number) === LETTER) j--;
    void s;
    return VERSION_WORDS.has(lowerCase(t.slice(j, i)));
  }

  // ---- multi-token forms ---------------------------------------------------------------------

  /** `CVE 2014-1001`, `AS 1234`, `ASN 15169`, `TLP amber`, `rule Name {`: a word and what follows. */
  private word(start: number, end: number): number {
    const t = this.text;
    if (t.charCodeAt(end) === 62 && t.charCodeAt(end + 1) === 92 && HIVES.test(t.slice(start, end) + '\\')) {
      return this.registry(start);
    }
    // the keyword (without one trailing colon) is compared in place: most words here are none
    const wl = end - start - (t.charCodeAt(end - 1) === 58 ? 1 : 0);
    const lw = keywordAt(t, start, wl);
    if (lw === '') return end;
    let i = end;
    while (i < t.length && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9)) i++;
    if (i === end && t.charCodeAt(end - 1) !== 58) return end;
    if (lw === 'rule') {
      // `rule Name {` (or `rule Name : tags {`): a name of up to 128 word characters, read in place
      // (in prose, `rule` is followed by a word and something other than a brace or colon)
      const c0 = i < t.length ? t.charCodeAt(i) : 0;
      if (((c0 | 32) >= 97 && (c0 | 32) <= 122) || c0 === 95) {
        let b = i + 1;
        while (b < t.length && b - i < 128 && isWordChar(t.charCodeAt(b))) b++;
        let k = b;
        while (k < t.length && (t.charCodeAt(k) === 32 || t.charCodeAt(k) === 9 || t.charCodeAt(k) === 10 || t.charCodeAt(k) === 13)) k++;
        const c = k < t.length ? t.charCodeAt(k) : 0;
        if ((c === 123 || c === 58) && this.hasCondition(k)) {
          this.emit('yara_rule', t.slice(i, b), start, false);
          return b;
        }
      }
      return end;
    }
    let j = i;
    while (j < t.length && !((CLS[t.charCodeAt(j)] as number) & DELIM)) j++;
    const next = t.slice(i, j);
    if (lw === 'cve') {
      const m = /^(\d{4})-(\d{4,7})(?!\d)/.exec(next);
      if (m && Number(m[1]) >= 1999 && Number(m[1]) <= 2099) {
        this.emit('cve', `CVE-${m[1]}-${m[2]}`, start, false);
        return j;
      }
    } else if (lw === 'as' || lw === 'asn') {
      const m = /^(\d{1,10})(?![\d.,])/.exec(next);
      const w = t.slice(start, start + wl);
      if (m && (w === 'AS' || w === 'ASN') && next.length <= m[1]!.length + 1) {
        this.emit('asn', `AS${m[1]}`, start, false);
        return j;
      }
    } else {
      const lvl = trimChars(next, '.,;:)', true).toUpperCase();
      if (TLP_LEVELS.has(lvl)) {
        this.emit('tlp', `TLP:${lvl}`, start, false);
        return j;
      }
    }
    return end;
  }

  private hasCondition(from: number): boolean {
    if (this.conditionAt === -2) this.conditionAt = this.text.lastIndexOf('condition');
    return this.conditionAt > from;
  }

  /** A Windows registry key; segments may hold single spaces (`Windows NT\CurrentVersion`). */
  private registry(start: number): number {
    const t = this.text;
    const n = t.length;
    let i = start;
    let end = start;
    let lastSlash = -1;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === 92) lastSlash = i;
      if (c === 32) {
        // a space continues the key only if another backslash follows within this line
        let k = i + 1;
        let ok = false;
        while (k < n && k - i < 48) {
          const d = t.charCodeAt(k);
          if (d === 92) {
            ok = true;
            break;
          }
          if (d === 10 || d === 13 || d === 9 || (CLS[d] as number) & DELIM && d !== 32) break;
          if (d === 32 && t.charCodeAt(k + 1) === 32) break;
          if (k === i + 1 && d === 72 && t.charCodeAt(k + 1) === 75) break;
          k++;
        }
        if (!ok) break;
        i = k;
        continue;
      }
      if ((CLS[c] as number) & DELIM && !(c === 62 && i < start + 20 && t.charCodeAt(i + 1) === 92)) break;
      i++;
      end = i;
    }
    let key = t.slice(start, end).replace(/^(HK[A-Z_]+)>/, '$1');
    key = trimChars(key, '.,;:)]', true);
    if (lastSlash > start && !key.endsWith('\\')) this.emit('registry_key', key, start, false);
    return Math.max(end, start + 1);
  }

  /** `Mozilla/5.0 (...)` up to the end of the line, a quote or the next user agent. */
  private userAgent(start: number): number {
    const t = this.text;
    let end = start;
    const n = t.length;
    while (end < n && end - start < 1024) {
      const c = t.charCodeAt(end);
      if (c === 10 || c === 13 || c === 34 || c === 9 || c === 0x201d) break;
      if (c === 32 && end > start + 8 && isMozillaAt(t, end + 1)) break;
      end++;
    }
    const ua = trimChars(t.slice(start, end), ' \t.,;', true);
    this.emit('user_agent', ua, start, false);
    return end;
  }
}

const EMPTY_UNITS = new Uint16Array(2);

/**
 * A refanged token's code units for {@link Scanner.runs}, in a scratch array reused across calls
 * (a token longer than that gets an array of its own: the module keeps no large array alive).
 */
let runScratch = new Uint16Array(256);
function runUnits(s: string): Uint16Array {
  const n = s.length;
  let u = runScratch;
  if (u.length < n + 1) {
    u = new Uint16Array(n + 1);
    if (n < 4096) runScratch = u;
  }
  for (let i = 0; i < n; i++) u[i] = s.charCodeAt(i);
  return u;
}

/**
 * `t.slice(i, i + 8).toLowerCase() === 'mozilla/'`, compared in place: the slice of a two-byte text
 * is lower-cased through ICU, for every token that starts with an m. No other character lower-cases
 * to one of these letters alone.
 */
function isMozillaAt(t: string, i: number): boolean {
  if (i + 8 > t.length) return false;
  for (let k = 0; k < 7; k++) if ((t.charCodeAt(i + k) | 32) !== MOZILLA.charCodeAt(k)) return false;
  return t.charCodeAt(i + 7) === 47;
}
const MOZILLA = 'mozilla';

const isOpenBracket = (c: number): boolean => c === 91 || c === 40 || c === 123;

/** Whether a Uint16Array reads the bytes of a `utf16le` write as the code units (not on big-endian hosts). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/**
 * The last scan's code-unit array, for the next scan to reuse: a fresh 50 MB array for a 25 MB text
 * costs ~4x the copy itself (page faults, zeroing). Held weakly, so an idle process gives it back.
 */
let scratch: WeakRef<Uint16Array> | undefined;

/**
 * The text's UTF-16 code units, followed by sentinels for the hot loop: a 0 (a delimiter, which ends
 * the last token) and an `x` (a letter, which ends a run of delimiters), so that it needs no test of
 * the end inside its loops. Valid until the next scan.
 */
function codeUnits(text: string): Uint16Array {
  const n = text.length;
  let u = scratch?.deref();
  if (u === undefined || u.length < n + 2) {
    u = new Uint16Array(n + 2);
    scratch = new WeakRef(u);
  }
  if (LITTLE_ENDIAN) Buffer.from(u.buffer, u.byteOffset, n * 2).write(text, 'utf16le'); // a native copy
  else for (let i = 0; i < n; i++) u[i] = text.charCodeAt(i);
  u[n] = 0;
  u[n + 1] = 120;
  return u;
}

const DEFANG_MARKS = ['[.]', '(.)', '{.}', '[:]', '[dot]', '(dot)', '[at]', '(at)', 'hxxp', 'hXXp', 'HXXP'];

/** Whether the text defangs anything: a few native substring searches, no regex over the text. */
function hasDefang(t: string): boolean {
  for (const m of DEFANG_MARKS) if (t.includes(m)) return true;
  return false;
}

/** `http://…`, `https://…`, `ftp://…` as written (no defanged scheme) at `a`; the caller rules out brackets. */
function isPlainLink(t: string, a: number, b: number): boolean {
  let i = a;
  while (i < b && i - a < 6 && (t.charCodeAt(i) | 32) >= 97 && (t.charCodeAt(i) | 32) <= 122) i++;
  if (t.charCodeAt(i) !== 58 || t.charCodeAt(i + 1) !== 47 || t.charCodeAt(i + 2) !== 47) return false;
  // http, https, ftp in any case, compared in place
  const len = i - a;
  const c0 = t.charCodeAt(a) | 32;
  if (c0 === 104) {
    return (len === 4 || (len === 5 && (t.charCodeAt(a + 4) | 32) === 115)) &&
      (t.charCodeAt(a + 1) | 32) === 116 && (t.charCodeAt(a + 2) | 32) === 116 && (t.charCodeAt(a + 3) | 32) === 112;
  }
  return len === 3 && c0 === 102 && (t.charCodeAt(a + 1) | 32) === 116 && (t.charCodeAt(a + 2) | 32) === 112;
}

/** After `url[`: link text (a word, quote or code span), not a defang such as `[.]`, `[dot]`, `[at]` or `[:]`. */
function isLinkText(s: string, i: number): boolean {
  if (i >= s.length) return false; // not read past the end (a deoptimisation per pass)
  const c = s.charCodeAt(i);
  if (c === 96 || c === 34 || c === 95) return true;
  if (!((c | 32) >= 97 && (c | 32) <= 122)) return false;
  const w = s.slice(i, i + 4).toLowerCase();
  return !(w.startsWith('dot]') || w.startsWith('at]') || w.startsWith('dot)'));
}

/** `example [.] com`, `user (at) example`: a bracket at `i` that opens a dot/at defang. */
function isSpacedDefang(t: string, i: number): boolean {
  const open = t.charCodeAt(i);
  if (!isOpenBracket(open)) return false;
  const close = open === 91 ? 93 : open === 40 ? 41 : 125;
  const c = t.charCodeAt(i + 1);
  if (c === 46 || c === 64) return t.charCodeAt(i + 2) === close; // [.] (@)
  const l = c | 32;
  if (l === 97) return (t.charCodeAt(i + 2) | 32) === 116 && t.charCodeAt(i + 3) === close; // [at]
  return l === 100 && (t.charCodeAt(i + 2) | 32) === 111 && (t.charCodeAt(i + 3) | 32) === 116 && t.charCodeAt(i + 4) === close; // [dot]
}

/** Words that start a two-token form: `AS 1234`, `ASN 15169`, `CVE 2014-1001`, `TLP amber`, `rule Name {`, `<HKCU>\`. */
const KEYWORD_WORDS = ['as', 'asn', 'cve', 'tlp', 'hku', 'rule', 'hklm', 'hkcu', 'hkcr', 'hkcc'];
const KEYWORDS: readonly number[] = KEYWORD_WORDS.map((w) => pack(w, 0, w.length));
/** The keywords' first two letters (lower-cased, 7 bits each): one table read rejects nearly every short word. */
const KEYWORD_HEADS = new Uint8Array(128 * 128);
for (const w of KEYWORD_WORDS) KEYWORD_HEADS[((w.charCodeAt(0) | 32) << 7) | (w.charCodeAt(1) | 32)] = 1;

/** Up to four lower-cased char codes in one number (letters only, so `| 32` lower-cases). */
function pack(t: string, a: number, len: number): number {
  let p = 0;
  for (let i = 0; i < len; i++) p = p * 128 + (t.charCodeAt(a + i) | 32);
  return p;
}

/**
 * Whether the letters [a, a+len) (len 2-4) are a keyword. One packed compare per keyword, the same
 * operations for every word: the hot loop gets its type feedback at once and is not deoptimised
 * later by a comparison first reached deep into the text.
 */
function isKeyword(t: string, a: number, len: number): boolean {
  return KEYWORDS.includes(pack(t, a, len));
}
/** The words {@link Scanner.word} reads on after. */
const WORD_KEYWORDS = ['cve', 'as', 'asn', 'tlp', 'rule'];

/** The keyword that t[a, a + len) is in any ASCII case, or ''. */
function keywordAt(t: string, a: number, len: number): string {
  for (const w of WORD_KEYWORDS) {
    if (w.length !== len) continue;
    let i = 0;
    while (i < len) {
      const c = t.charCodeAt(a + i);
      if (c >= 128 || (c | 32) !== w.charCodeAt(i)) break;
      i++;
    }
    if (i === len) return w;
  }
  return '';
}
const isHexOrColon = (c: number): boolean => c === 58 || isHex(c);
const isLocalChar = (c: number): boolean => isRunChar(c) || c === 43 || c === 37;

/**
 * Whether a bracket-free token with marks can yield something other than a live network value or a
 * file name: a path, ssdeep, IPv6, MAC or TLP (a ':' or '/'; not in headings), a sub-technique, a dotted MAC.
 */
function mayHoldNonNetwork(t: string, a: number, b: number, heading: boolean): boolean {
  while (a < b && EDGE[t.charCodeAt(a)] === 1) a++;
  while (b > a && EDGE[t.charCodeAt(b - 1)] === 2) b--;
  if (!heading) for (let i = a; i < b; i++) if (t.charCodeAt(i) === 58 || t.charCodeAt(i) === 47) return true;
  const len = b - a;
  if (len === 14) return t.charCodeAt(a + 4) === 46 && t.charCodeAt(a + 9) === 46;
  return len === 9 && isSubTechnique(t.slice(a, b));
}

/** Brackets in [a, b) are only parentheses around words (`wiki/Foo_(bar)`), never a defang such as `(.)` or `(dot)`. */
function onlyWordParens(t: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = t.charCodeAt(i);
    if (c === 91 || c === 93 || c === 123 || c === 125 || c === 92) return false;
    if (c === 40) {
      const n = t.charCodeAt(i + 1);
      if (n === 46 || n === 58 || n === 64 || n === 47 || (n | 32) === 100 || (n | 32) === 97) return false;
    } else if (c === 41) {
      const p = t.charCodeAt(i - 1);
      if (p === 46 || p === 58 || p === 64 || p === 47) return false;
    }
  }
  return true;
}

/**
 * Whether u[a, b) is only letters or only digits, shorter than any wallet or hash: a run that
 * {@link Scanner.runs} passes over or classifies as nothing.
 */
function isBareRun(u: Uint16Array, a: number, b: number): boolean {
  if (b - a >= 26 || b <= a) return false;
  const k = CLS[u[a] as number] as number;
  if (k !== LETTER && k !== DIGIT) return false;
  for (let i = a + 1; i < b; i++) if (CLS[u[i] as number] !== k) return false;
  return true;
}

function hasBracket(s: string): boolean {
  for (let i = 0; i < s.length; i++) if ((CLS[s.charCodeAt(i)] as number) & BRACKET) return true;
  return false;
}

function hasLetter(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (((s.charCodeAt(i) | 32) >= 97 && (s.charCodeAt(i) | 32) <= 122)) return true;
  return false;
}

/**
 * Whether a token of letters and digits only can be an indicator: an ATT&CK id (`T1059`, `TA0001`,
 * `M1036`), `AS15169`, a hash (32+), a wallet (26+, bech32 `bc1…` from 14).
 */
function isAlnumCandidate(t: string, a: number, len: number): boolean {
  if (len >= 26) return true;
  const c0 = t.charCodeAt(a) | 32;
  if (len <= 6) return c0 === 116 || c0 === 109 || (c0 === 97 && (t.charCodeAt(a + 1) | 32) === 115);
  if (c0 === 97) return (t.charCodeAt(a + 1) | 32) === 115;
  return len >= 14 && c0 === 98 && (t.charCodeAt(a + 1) | 32) === 99 && t.charCodeAt(a + 2) === 49;
}

/** `T1234.001` */
function isSubTechnique(r: string): boolean {
  if (r.length !== 9 || (r.charCodeAt(0) | 32) !== 116 || r.charCodeAt(5) !== 46) return false;
  for (const i of [1, 2, 3, 4, 6, 7, 8]) if (!isDigit(r.charCodeAt(i))) return false;
  return true;
}

/** Whether u[a, b) is hex: -1 no, 0 digits and lower-case letters only, 1 with capitals. */
function hexCase(u: Uint16Array, a: number, b: number): number {
  let upper = 0;
  for (let i = a; i < b; i++) {
    const c = u[i] as number;
    if (c >= 97 && c <= 102) continue;
    if (c >= 48 && c <= 57) continue;
    if (c >= 65 && c <= 70) upper = 1;
    else return -1;
  }
  return upper;
}

function isHexRange(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (!isHex(s.charCodeAt(i))) return false;
  return true;
}

/** Whether [a, b) holds `hash` or `ja3` in any case (imphash, import hash, ja3, ja3s, authentihash). */
function hasHashLabel(t: string, a: number, b: number): boolean {
  for (let i = a; i + 3 <= b; i++) {
    const c = t.charCodeAt(i) | 32;
    if (c === 104) {
      if ((t.charCodeAt(i + 1) | 32) === 97 && (t.charCodeAt(i + 2) | 32) === 115 && (t.charCodeAt(i + 3) | 32) === 104 && i + 4 <= b) return true;
    } else if (c === 106 && (t.charCodeAt(i + 1) | 32) === 97 && t.charCodeAt(i + 2) === 51) return true;
  }
  return false;
}

function countChar(s: string, c: number): number {
  let k = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === c) k++;
  return k;
}

/** After whitespace at `e`: the end of a bracketed defang marker and the spaces after it, or -1. */
function spacedDefangEnd(t: string, e: number): number {
  let i = e;
  while (i < t.length && i - e < 3 && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9)) i++;
  if (i === e || !isOpenBracket(t.charCodeAt(i))) return -1;
  const m = /^(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}|\[at\]|\(at\)|\[@\]|\(@\)|\{@\})/i.exec(t.slice(i, i + 5));
  if (!m) return -1;
  let j = i + m[0].length;
  const j0 = j;
  while (j < t.length && j - j0 < 3 && (t.charCodeAt(j) === 32 || t.charCodeAt(j) === 9)) j++;
  return j;
}

const TRAIL = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '*', '+', '>', '}', ']', ')', '[', '(']);

function trimUrlTail(s: string): string {
  let end = s.length;
  let open = countChar(s, 40);
  let close = countChar(s, 41);
  while (end > 0) {
    const ch = s[end - 1] as string;
    if (!TRAIL.has(ch)) break;
    if (ch === ')') {
      if (open >= close) break;
      close--;
    } else if (ch === '(') open--;
    end--;
  }
  return s.slice(0, end);
}

/** Strips `chars` from both ends (or only the end): linear, unlike `/[...]+$/`. */
function trimChars(s: string, chars: string, endOnly = false): string {
  let a = 0;
  let b = s.length;
  if (!endOnly) while (a < b && chars.includes(s[a] as string)) a++;
  while (b > a && chars.includes(s[b - 1] as string)) b--;
  return s.slice(a, b);
}

function trimPunct(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && '([{*+^=;!?.'.includes(s[a] as string)) a++;
  while (b > a && '.,;:!?)]}*+'.includes(s[b - 1] as string)) b--;
  return s.slice(a, b);
}

function isSsdeep(t: string): boolean {
  const c1 = t.indexOf(':');
  if (c1 < 1 || c1 > 8) return false;
  for (let i = 0; i < c1; i++) if (!isDigit(t.charCodeAt(i))) return false;
  const c2 = t.indexOf(':', c1 + 1);
  if (c2 < c1 + 4 || t.length - c2 < 4) return false;
  for (let i = c1 + 1; i < t.length; i++) {
    if (i === c2) continue;
    const c = t.charCodeAt(i);
    if (!((c | 32) >= 97 && (c | 32) <= 122) && !isDigit(c) && c !== 43 && c !== 47) return false;
  }
  return true;
}

function macAddress(t: string): string | null {
  if (t.length === 17) {
    const sep = t[2];
    if (sep !== ':' && sep !== '-') return null;
    for (let i = 0; i < 17; i++) {
      if (i % 3 === 2) {
        if (t[i] !== sep) return null;
      } else if (!isHex(t.charCodeAt(i))) return null;
    }
    return t.replaceAll(sep, ':').toLowerCase();
  }
  if (t.length === 14 && t[4] === '.' && t[9] === '.') {
    const h = t.slice(0, 4) + t.slice(5, 9) + t.slice(10);
    if (!isHexRange(h, 0, 12)) return null;
    return h.toLowerCase().replace(/(..)(?!$)/g, '$1:');
  }
  return null;
}

/**
 * One indicator; its sentence is computed on first read (most callers never look at it), and
 * `toJSON` includes it so serialising an indicator shows every field.
 */
class Found implements Indicator {
  readonly type: Indicator['type'];
  // #private: not enumerable, so logging an indicator does not print the whole text
  readonly #text: string;
  #sentence: string | undefined;

  constructor(
    text: string,
    readonly kind: IocKind,
    readonly value: string,
    readonly offset: number,
    readonly defanged: boolean,
  ) {
    this.type = MISP_TYPE[kind];
    this.#text = text;
  }

  get context(): string {
    return (this.#sentence ??= contextAt(this.#text, this.offset));
  }

  toJSON(): Indicator {
    return { type: this.type, kind: this.kind, value: this.value, offset: this.offset, context: this.context, defanged: this.defanged };
  }
}

/** The sentence or line around `offset`, at most {@link CONTEXT_MAX} characters. */
function contextAt(t: string, offset: number): string {
  const half = CONTEXT_MAX >> 1;
  let a = offset;
  const lo = Math.max(0, offset - half);
  while (a > lo) {
    const c = t.charCodeAt(a - 1);
    if (c === 10 || c === 13 || (c === 32 && t.charCodeAt(a - 2) === 46)) break;
    a--;
  }
  let b = offset;
  const hi = Math.min(t.length, offset + half);
  while (b < hi) {
    const c = t.charCodeAt(b);
    if (c === 10 || c === 13 || (c === 46 && t.charCodeAt(b + 1) === 32)) break;
    b++;
  }
  return t.slice(a, b).replace(/\s+/g, ' ').trim();
}

/** `s.toUpperCase()`, without the call when there is nothing to change (see {@link lowerCase}). */
function upperCase(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || c >= 128) return s.toUpperCase();
  }
  return s;
}
