import { CairnError } from '../../errors.ts';
import {
  EventSchema, allowedIn, isAttributeType, isCategory, typeInfo, uuidFromName,
  type Attribute, type Category, type Event,
} from '../../model/index.ts';
import { normalizeValue } from '../../model/values/index.ts';
import type { ParseContext, ParseResult, Problem } from '../format.ts';

export const TITLE_PREFIX = '# Threat Report: ';
export const KEY_HEADING = '## Key Intelligence';
export const IOC_HEADING = '## Indicators of Compromise (IOCs)';
/** Between a value and its comment. */
export const COMMENT_SEP = ' — ';
const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2}): /;

interface Pending {
  line: number;
  category: Category;
  type: string;
  lines: string[];
}

/**
 * Parses a threat report (the markdown of Cairn's seed report) into one event. Every problem
 * carries its line number; any error rejects the whole report.
 */
export function parseThreatReport(text: string, ctx: ParseContext): ParseResult {
  const lines = text.split(/\r?\n/);
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const at = (line: number) => ({ source: ctx.source, line });
  const err = (line: number, message: string) => errors.push({ message, location: at(line) });

  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const titleLine = lines[i] ?? '';
  if (!titleLine.startsWith(TITLE_PREFIX) || titleLine.slice(TITLE_PREFIX.length).trim() === '') {
    throw new CairnError('INVALID_INPUT', `a threat report starts with "${TITLE_PREFIX}TITLE"`, {
      location: at(i + 1),
      hint: 'the first line must be the report title, e.g. "# Threat Report: 2017-07-06: OSINT - New campaign"',
    });
  }
  let info = titleLine.slice(TITLE_PREFIX.length).trim();
  const titleDate = DATE_PREFIX.exec(info)?.[1];
  if (titleDate) info = info.slice(titleDate.length + 2);

  let section: 'head' | 'key' | 'between' | 'iocs' = 'head';
  let date: string | undefined;
  let threatLevel = 4;
  const tags: string[] = [];
  let category: Category | undefined;
  let sawIocs = false;
  let sawKey = false;
  const pending: Pending[] = [];
  let current: Pending | undefined;

  for (i = i + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const n = i + 1;
    if (line === KEY_HEADING) {
      section = 'key';
      sawKey = true;
      current = undefined;
      continue;
    }
    if (line === IOC_HEADING) {
      section = 'iocs';
      sawIocs = true;
      current = undefined;
      continue;
    }
    if (section === 'key') {
      if (line.trim() === '') continue;
      if (line === '---') {
        section = 'between';
        continue;
      }
      const m = /^\* ([A-Za-z ]+): ?(.*)$/.exec(line);
      if (!m) {
        err(n, `expected "* Key: value" in Key Intelligence, got ${JSON.stringify(line.slice(0, 60))}`);
        continue;
      }
      const key = m[1]!.toLowerCase();
      const value = m[2]!.trim();
      if (key === 'date') {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) err(n, `Date must be YYYY-MM-DD, got ${JSON.stringify(value)}`);
        else date = value;
      } else if (key === 'threat level') {
        const lm = /^([1-4])(?: \((\w+)\))?$/.exec(value);
        if (!lm) err(n, `Threat Level must be 1-4, optionally with its label, e.g. "3 (Low)"; got ${JSON.stringify(value)}`);
        else threatLevel = Number(lm[1]);
      } else if (key === 'tags') {
        for (const t of value.split(',')) if (t.trim()) tags.push(t.trim());
      } else {
        warnings.push({ message: `unknown Key Intelligence field "${m[1]}" ignored`, location: at(n) });
      }
      continue;
    }
    if (section !== 'iocs') {
      if (line.trim() !== '' && line !== '---') err(n, `unexpected text outside a section: ${JSON.stringify(line.slice(0, 60))}`);
      continue;
    }
    if (line.startsWith('### ')) {
      const name = line.slice(4).trim();
      current = undefined;
      if (!isCategory(name)) {
        err(n, `unknown category "${name}"; MISP categories are e.g. "Network activity", "Payload delivery", "External analysis"`);
        category = undefined;
      } else category = name;
      continue;
    }
    if (line.startsWith('* ')) {
      const m = /^\* ([A-Za-z0-9|/ _.-]+?): (.*)$/.exec(line);
      if (!m) {
        err(n, `expected "* type: value — comment", got ${JSON.stringify(line.slice(0, 60))}`);
        current = undefined;
        continue;
      }
      if (!category) {
        if (!errors.some((e) => e.location?.line === n - 1)) err(n, 'an indicator must sit under a "### Category" heading');
        current = undefined;
        continue;
      }
      current = { line: n, category, type: m[1]!, lines: [m[2]!] };
      pending.push(current);
      continue;
    }
    if (current) current.lines.push(line);
    else if (line.trim() !== '') err(n, `unexpected text: ${JSON.stringify(line.slice(0, 60))}`);
  }

  if (!sawKey) err(lines.length, 'the report has no "## Key Intelligence" section (is the file truncated?)');
  else if (!date) err(lines.length, 'the report has no "* Date: YYYY-MM-DD" in Key Intelligence');
  if (!sawIocs) err(lines.length, `the report ends before its "${IOC_HEADING}" section (is the file truncated?)`);
  if (titleDate && date && titleDate !== date) warnings.push({ message: `the title's date ${titleDate} differs from the Date field ${date}`, location: at(1) });

  const eventUuid = uuidFromName('threat-report', `${info}\n${date ?? ''}`);
  const timestamp = date ? Math.floor(Date.parse(`${date}T00:00:00Z`) / 1000) : 0;
  const attributes: Attribute[] = [];
  const occurrences = new Map<string, number>();
  let redacted = 0;
  for (const p of pending) {
    while (p.lines.length > 1 && p.lines[p.lines.length - 1]!.trim() === '') p.lines.pop();
    const last = p.lines[p.lines.length - 1]!;
    const sep = last.indexOf(COMMENT_SEP);
    let comment = '';
    if (sep >= 0) {
      comment = last.slice(sep + COMMENT_SEP.length);
      p.lines[p.lines.length - 1] = last.slice(0, sep);
    }
    const raw = p.lines.join('\n');
    if (!isAttributeType(p.type)) {
      err(p.line, `unknown attribute type "${p.type}"`);
      continue;
    }
    if (!allowedIn(p.type, p.category)) {
      err(p.line, `type "${p.type}" is not allowed in category "${p.category}" (allowed in: ${typeInfo(p.type)!.categories.join(', ')})`);
      continue;
    }
    let value: string;
    let isRedacted = false;
    if (raw === `<${p.type}>`) {
      value = raw;
      isRedacted = true;
      redacted++;
    } else {
      const checked = normalizeValue(p.type, raw);
      if (!checked.ok) {
        err(p.line, `invalid ${p.type} value ${JSON.stringify(raw.slice(0, 80))}: ${checked.reason}`);
        continue;
      }
      value = checked.value;
    }
    const key = `${p.category}\n${p.type}\n${value}\n${comment}`;
    const nth = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, nth);
    attributes.push({
      uuid: uuidFromName('threat-report-attribute', `${eventUuid}\n${key}\n${nth}`),
      category: p.category,
      type: p.type,
      value,
      toIds: !isRedacted && typeInfo(p.type)!.defaultToIds,
      comment,
      distribution: 5,
      timestamp,
      deleted: false,
      disableCorrelation: isRedacted,
      redacted: isRedacted,
      tags: [],
      sightings: [],
    });
  }
  if (redacted) {
    warnings.push({
      message: `${redacted} redacted placeholder value(s) (<sha256>, <sha1>, <md5>, ...) kept as redacted attributes: shown in reports, never correlated or exported as indicators`,
      location: { source: ctx.source },
    });
  }
  if (errors.length) return { events: [], warnings, errors };

  const event: Event = EventSchema.parse({
    uuid: eventUuid,
    info,
    date,
    threatLevel,
    analysis: 2,
    distribution: distributionFromTlp(tags),
    published: false,
    timestamp,
    tags: tags.map((name) => ({ name })),
    attributes,
  });
  return { events: [event], warnings, errors, untimed: true };
}

/** A sensible sharing default from the report's TLP tag: clear/white all, green connected, amber community, red organisation. */
function distributionFromTlp(tags: readonly string[]): number {
  const tlp = tags.map((t) => t.toLowerCase()).find((t) => t.startsWith('tlp:'));
  switch (tlp) {
    case 'tlp:white':
    case 'tlp:clear':
      return 3;
    case 'tlp:green':
      return 2;
    case 'tlp:red':
      return 0;
    default:
      return 1;
  }
}
