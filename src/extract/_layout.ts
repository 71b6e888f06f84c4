/**
 * Where a position stands in a Markdown/AsciiDoc document: code block, table (and which column),
 * list, heading, reference section or prose. Advanced monotonically, one line at a time, only as
 * far as the scanner has got, so it adds a constant amount of work per line. Private to src/extract.
 */

/** The kind of line a position is on. */
export const PROSE = 0, CODE = 1, TABLE = 2, LIST = 3, HEADING = 4;

/**
 * The words naming a reference section (kind 1) or a network-indicator section (kind 2), as whole
 * words in any ASCII case, keyed by their lower-cased first letter. The same as
 * `/\b(?:references?|sources?|further reading|bibliography|see also|links|citations?|read more)\b/i`
 * and `/\b(?:network|c&c|c2|cnc|command and control|domains?|ips?|ip address(?:es)?|urls?|servers?|hosts?|hostnames?|infrastructure)\b/i`
 * (`ip address` starts where `ip` does), matched on the text's offsets: no title string, no regex.
 */
const SECTION_WORDS: ReadonlyArray<readonly (readonly [string, number])[] | undefined> = (() => {
  const byFirst: ([string, number][] | undefined)[] = new Array(128).fill(undefined);
  const add = (kind: number, words: string): void => {
    for (const w of words.split(',')) (byFirst[w.charCodeAt(0)] ??= []).push([w, kind]);
  };
  add(1, 'reference,references,source,sources,further reading,bibliography,see also,links,citation,citations,read more');
  add(2, 'network,c&c,c2,cnc,command and control,domain,domains,ip,ips,url,urls,server,servers,host,hosts,hostname,hostnames,infrastructure');
  return byFirst;
})();

/** 1 for the code units of words: [A-Za-z0-9_], what `\b` and `\w` read. */
const WORD_CODE = new Uint8Array(65536);
for (let c = 0; c < 128; c++) if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) WORD_CODE[c] = 1;

/**
 * 1 for a reference section, 2 for a network-indicator section, else 0: the kind of the leftmost
 * section word in the title u[a, b) of the text's code units (a word of one kind never starts where
 * one of the other does). Headings are a fifth of a CTI corpus: this reads each of their characters.
 */
function sectionOf(u: Uint16Array, a: number, b: number): number {
  let i = a;
  while (i < b) {
    const c = u[i] as number;
    if (WORD_CODE[c] === 0) {
      i++;
      continue;
    }
    // a word starts at i: the section words starting with its letter, then on past the word
    const words = SECTION_WORDS[c | 32];
    if (words !== undefined) {
      for (let n = 0; n < words.length; n++) {
        const [w, kind] = words[n]!;
        const end = i + w.length;
        if (end > b || (end < b && WORD_CODE[u[end] as number] === 1)) continue;
        let k = 1;
        while (k < w.length) {
          const x = u[i + k] as number;
          const y = w.charCodeAt(k);
          if (x !== y && !(y >= 97 && y <= 122 && x === y - 32)) break;
          k++;
        }
        if (k === w.length) return kind;
      }
    }
    i++;
    while (i < b && WORD_CODE[u[i] as number] === 1) i++;
  }
  return 0;
}
/** `Filename`, `File name(s)`, `Name`, `File`, `Sample name` (lower-cased, spaces collapsed). */
const FILE_HEADER = /^(?:file ?names?|file ?name\(s\)|names?|files?|sample ?names?)$/;
const HASH_HEADER = /md5|sha-?1|sha-?256|sha-?512|hash/i;
const NETWORK_HEADER = /\b(?:ip|ips|ipv4|ipv6|domains?|domain names?|urls?|c&c|c2|servers?|hosts?|hostnames?|address(?:es)?)\b/i;
/** A file name as a cell holds it: one name with an extension of 1-8 letters or digits. */
const EXTENSION = /\.[A-Za-z0-9]{1,8}$/;

export interface TableCell {
  readonly value: string;
  readonly offset: number;
}

export class Layout {
  /** Whether the text has Markdown or AsciiDoc headings: an IOC appendix rather than a sentence. */
  readonly structured: boolean;
  private lineStart = 0;
  private lineEnd = -1;
  private kind = PROSE;
  private words = -1; // words on the current line, counted on demand (up to 3)
  private fence = ''; // the delimiter of the open code block
  private headingSection = 0; // 1 references, 2 network: set by a heading, until the next one
  private labelSection = 0;
  private readonly sections = [0, 0, 0, 0, 0, 0, 0, 0]; // section of the last heading per level // the same, set by a `References:` line, until a blank line
  private prevBlank = true;
  // tables
  private adocTable = false;
  private mdTable = false;
  private header: string[] | null = null;
  private headerPending = false;
  private cols = 0;
  private cell = 0; // running cell index in the table body (AsciiDoc may put one cell per line)
  private fileCol = -1;
  private netCols: boolean[] = [];
  private anyNetHeader = false;
  private lineCol = -1; // column of the first cell on the current table line
  private lineCells: number[] = []; // offsets of '|' on the current table line
  /** The text's code units (the scanner's copy, set before the first line is read). */
  units: Uint16Array = new Uint16Array(0);

  constructor(private readonly text: string, private readonly onFileCell: (cell: TableCell) => void) {
    this.structured = hasHeading(text);
  }

  /** Advances to the line holding `pos` and returns its kind. */
  at(pos: number): number {
    while (pos > this.lineEnd) this.nextLine();
    return this.kind;
  }

  /** Whether a non-defanged network indicator at `pos` stands where the author lists indicators. */
  networkAllowed(pos: number): boolean {
    const kind = this.at(pos);
    if (this.labelSection === 1 || (this.headingSection === 1 && kind !== CODE)) return false;
    if (!this.structured) return true;
    if (kind === CODE) return true;
    if (kind === TABLE) return !this.anyNetHeader || this.netCols[this.columnAt(pos)] === true;
    if (kind === LIST) return this.headingSection === 2 || this.labelSection === 2;
    return false;
  }

  /** Whether `pos` is on a line of running text (three words or more), not a listing of values. */
  inSentence(pos: number): boolean {
    if (this.at(pos) !== PROSE) return false;
    if (this.words < 0) {
      const t = this.text;
      let words = 0;
      let inWord = false;
      for (let i = this.lineStart; i < this.lineEnd && words < 3; i++) {
        const c = t.charCodeAt(i);
        const space = c === 32 || c === 9 || c === 13;
        if (!space && !inWord) words++;
        inWord = !space;
      }
      this.words = words;
    }
    return this.words >= 3;
  }

  /** Whether a file name at `pos` may be reported from running text (tables report their own). */
  proseFilenameAllowed(pos: number): boolean {
    const kind = this.at(pos);
    return !this.structured && kind !== TABLE && kind !== HEADING;
  }

  /** Runs to the end of the text, so that tables after the last candidate are read. */
  finish(): void {
    while (this.lineEnd < this.text.length) this.nextLine();
  }

  private columnAt(pos: number): number {
    let k = this.lineCol;
    for (const bar of this.lineCells) if (bar < pos) k++;
    return this.cols > 0 ? k % this.cols : k;
  }

  private nextLine(): void {
    const t = this.text;
    const s = this.lineEnd + 1;
    let e = t.indexOf('\n', s);
    if (e < 0) e = t.length;
    this.lineStart = s;
    this.lineEnd = e;
    this.words = -1;
    let f = s;
    while (f < e && (t.charCodeAt(f) === 32 || t.charCodeAt(f) === 9)) f++;
    const blank = f === e || (f === e - 1 && t.charCodeAt(f) === 13);
    // not read past the end (a blank last line): that deoptimised nextLine into out-of-line charCodeAt calls
    const c = blank ? -1 : t.charCodeAt(f);
    if (this.fence) {
      this.kind = CODE;
      if (f === s && t.startsWith(this.fence, f) && isDelimiterEnd(t, f + this.fence.length, e)) this.fence = '';
      this.prevBlank = false;
      return;
    }
    if (blank) {
      this.kind = PROSE;
      this.labelSection = 0;
      this.mdTable = false;
      if (this.headerPending && this.header && this.header.length > 0) this.closeHeader();
      this.prevBlank = true;
      return;
    }
    const indent = f - s;
    const wasBlank = this.prevBlank;
    this.prevBlank = false;
    if (c === 124 /* | */) return this.tableLine(f, e);
    if (this.mdTable) this.mdTable = false;
    if (indent === 0) {
      const fence = fenceAt(t, f, e);
      if (fence) {
        this.fence = fence;
        this.kind = CODE;
        return;
      }
      if ((c === 35 /* # */ || c === 61 /* = */) && isHeading(t, f, e)) {
        let level = 0;
        while (t.charCodeAt(f + level) === c) level++;
        // a subheading (`=== Used in 2019`) stays in its parent's section unless it names its own
        const own = sectionOf(this.units, f, e);
        for (let l = level; l < this.sections.length; l++) this.sections[l] = 0;
        this.sections[level] = own || (this.sections[level - 1] ?? 0);
        this.headingSection = this.sections[level] as number;
        this.labelSection = 0;
        this.kind = HEADING;
        return;
      }
      if (c === 46 /* . */ && isLetter(t.charCodeAt(f + 1))) {
        // AsciiDoc block title: names the block below, holds no indicators of its own
        this.kind = HEADING;
        return;
      }
    }
    if (isListMarker(t, f, e)) {
      this.kind = LIST;
      return;
    }
    if (indent >= 4 || (indent > 0 && t.charCodeAt(s) === 9)) {
      this.kind = wasBlank || this.kind === CODE ? CODE : PROSE;
      return;
    }
    this.kind = PROSE;
    // `References:` on a line of its own opens a reference list until the next blank line
    let b = e;
    while (b > f && (t.charCodeAt(b - 1) === 13 || t.charCodeAt(b - 1) === 32)) b--;
    if (b - f <= 40 && t.charCodeAt(b - 1) === 58) {
      this.labelSection = sectionOf(this.units, f, b);
    }
  }

  private tableLine(f: number, e: number): void {
    const t = this.text;
    this.kind = TABLE;
    if (t.startsWith('|===', f)) {
      this.adocTable = !this.adocTable;
      this.resetTable();
      this.headerPending = this.adocTable;
      this.lineCells = [];
      return;
    }
    if (!this.adocTable && !this.mdTable) {
      this.mdTable = true;
      this.resetTable();
      this.headerPending = true;
    }
    const bars: number[] = [];
    for (let i = t.indexOf('|', f); i >= 0 && i < e; i = t.indexOf('|', i + 1)) bars.push(i);
    const cells: TableCell[] = [];
    for (let k = 0; k < bars.length; k++) {
      const a = (bars[k] as number) + 1;
      const b = k + 1 < bars.length ? (bars[k + 1] as number) : e;
      if (k + 1 === bars.length && a >= b) break; // `| a | b |`: nothing after the last bar
      cells.push({ value: t.slice(a, b), offset: a });
    }
    if (this.mdTable && allDelimiterCells(cells)) {
      if (this.headerPending) this.closeHeader();
      this.lineCells = [];
      this.lineCol = 0;
      return;
    }
    if (this.headerPending) {
      for (const x of cells) (this.header ??= []).push(headerName(x.value));
      // one row per line: the first line is the whole header
      if (cells.length > 1 || this.mdTable) this.closeHeader();
      this.lineCells = [];
      return;
    }
    // a line of several cells starts a row; a line of one cell continues the running count
    if (cells.length > 1 && this.cols > 0) this.cell -= this.cell % this.cols;
    this.lineCol = this.cell;
    this.lineCells = bars.slice(1);
    for (const x of cells) {
      const col = this.cols > 0 ? this.cell % this.cols : this.cell;
      if (col === this.fileCol) {
        const name = cellText(x.value);
        if (name && EXTENSION.test(name)) this.onFileCell({ value: name, offset: x.offset + x.value.indexOf(name.charAt(0)) });
      }
      this.cell++;
    }
    if (this.mdTable) this.cell = 0;
  }

  private resetTable(): void {
    this.header = null;
    this.cols = 0;
    this.cell = 0;
    this.fileCol = -1;
    this.netCols = [];
    this.anyNetHeader = false;
    this.lineCol = 0;
  }

  private closeHeader(): void {
    this.headerPending = false;
    const h = this.header ?? [];
    this.cols = h.length;
    this.cell = 0;
    const hasHash = h.some((x) => HASH_HEADER.test(x));
    this.fileCol = hasHash ? h.findIndex((x) => FILE_HEADER.test(x)) : -1;
    this.netCols = h.map((x) => NETWORK_HEADER.test(x));
    this.anyNetHeader = this.netCols.some(Boolean) || hasHash;
  }
}

/**
 * A Markdown table's delimiter row (`|---|:--:|`). A loop, not `cells.every(arrow)`: the
 * transpiler's name-keeping wraps each arrow made per call in a defineProperty.
 */
function allDelimiterCells(cells: readonly TableCell[]): boolean {
  for (const x of cells) if (!/^\s*:?-{2,}:?\s*$/.test(x.value)) return false;
  return true;
}

function hasHeading(t: string): boolean {
  if (isHeading(t, 0, lineEnd(t, 0))) return true;
  for (const mark of ['\n#', '\n=']) {
    for (let i = t.indexOf(mark); i >= 0; i = t.indexOf(mark, i + 1)) {
      if (isHeading(t, i + 1, lineEnd(t, i + 1))) return true;
    }
  }
  return false;
}

function lineEnd(t: string, s: number): number {
  const e = t.indexOf('\n', s);
  return e < 0 ? t.length : e;
}

/** `# Title`, `## Title`, `= Title`, `=== Title` (not `#hashtag`, not a `====` block delimiter). */
function isHeading(t: string, f: number, e: number): boolean {
  const c = t.charCodeAt(f);
  if (c !== 35 && c !== 61) return false;
  let i = f;
  while (i < e && i - f < 6 && t.charCodeAt(i) === c) i++;
  return t.charCodeAt(i) === 32 && i + 1 < e;
}

/** A code/listing block delimiter at `f`: ``` or ~~~ (Markdown), ----, ...., ++++ (AsciiDoc). */
function fenceAt(t: string, f: number, e: number): string {
  const c = t.charCodeAt(f);
  if (c === 96 || c === 126) {
    let i = f;
    while (i < e && t.charCodeAt(i) === c) i++;
    return i - f >= 3 ? t.slice(f, i) : '';
  }
  if (c === 45 || c === 46 || c === 43) {
    let i = f;
    while (i < e && t.charCodeAt(i) === c) i++;
    return i - f >= 4 && isDelimiterEnd(t, i, e) ? t.slice(f, i) : '';
  }
  return '';
}

function isDelimiterEnd(t: string, i: number, e: number): boolean {
  while (i < e && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 13 || t.charCodeAt(i) === 9)) i++;
  return i >= e;
}

function isListMarker(t: string, f: number, e: number): boolean {
  const c = t.charCodeAt(f);
  if (c === 42 || c === 45 || c === 43) {
    let i = f;
    while (i < e && t.charCodeAt(i) === c) i++;
    return t.charCodeAt(i) === 32;
  }
  if (c >= 48 && c <= 57) {
    let i = f;
    while (i < e && i - f < 3 && t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) i++;
    return (t.charCodeAt(i) === 46 || t.charCodeAt(i) === 41) && t.charCodeAt(i + 1) === 32;
  }
  return false;
}

const isLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;

function headerName(cell: string): string {
  return cellText(cell).toLowerCase().replace(/\s+/g, ' ');
}

/** A cell's text without surrounding spaces and inline markup (`code`, ++literal++, *bold*). */
function cellText(cell: string): string {
  let a = 0;
  let b = cell.length;
  // a stray backtick at either end is markup too: `` `Document_12_dec`-1532825.js ``
  while (a < b && (cell.charCodeAt(a) === 96 || cell.charCodeAt(a) === 32)) a++;
  while (b > a && (cell.charCodeAt(b - 1) === 96 || cell.charCodeAt(b - 1) === 32 || cell.charCodeAt(b - 1) === 13)) b--;
  for (;;) {
    while (a < b && (cell.charCodeAt(a) === 32 || cell.charCodeAt(a) === 9 || cell.charCodeAt(a) === 13)) a++;
    while (b > a && (cell.charCodeAt(b - 1) === 32 || cell.charCodeAt(b - 1) === 9 || cell.charCodeAt(b - 1) === 13)) b--;
    if (b - a < 2) return cell.slice(a, b); // (c below not read past the end)
    const c = cell.charCodeAt(a);
    if ((c === 96 || c === 42 || c === 95 || c === 43) && cell.charCodeAt(b - 1) === c) {
      a++;
      b--;
      continue;
    }
    return cell.slice(a, b);
  }
}
