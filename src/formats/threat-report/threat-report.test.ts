import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED, haveSeed } from '../../../test/paths.ts';
import { parseThreatReport } from './parse.ts';
import { renderThreatReport } from './render.ts';

const ctx = { source: 'r.md', now: 1_700_000_000 };

const report = (body: string, head = '* Date: 2024-03-01\n* Threat Level: 2 (Medium)\n* Tags: tlp:green, osint:source-type="blog-post"') =>
  `# Threat Report: 2024-03-01: Test campaign\n\n\n## Key Intelligence\n${head}\n\n---\n\n## Indicators of Compromise (IOCs)\n${body}`;

describe('threat-report parse', () => {
  it('reads title, date, threat level, tags and attributes with comments', () => {
    const r = parseThreatReport(report('### Network activity\n* ip-dst: 203.0.113.9 — C2\n* domain: evil-example.com\n'), ctx);
    expect(r.errors).toEqual([]);
    const ev = r.events[0]!;
    expect(ev.info).toBe('Test campaign');
    expect(ev.date).toBe('2024-03-01');
    expect(ev.threatLevel).toBe(2);
    expect(ev.tags.map((t) => t.name)).toEqual(['tlp:green', 'osint:source-type="blog-post"']);
    expect(ev.attributes.map((a) => [a.category, a.type, a.value, a.comment, a.toIds])).toEqual([
      ['Network activity', 'ip-dst', '203.0.113.9', 'C2', true],
      ['Network activity', 'domain', 'evil-example.com', '', true],
    ]);
  });

  it('keeps multi-line text values whole', () => {
    const r = parseThreatReport(report('### External analysis\n* text: line one\nline two\n\nline four\n* link: https://example.com/a — ref\n'), ctx);
    expect(r.events[0]!.attributes.map((a) => a.value)).toEqual(['line one\nline two\n\nline four', 'https://example.com/a']);
  });

  it('keeps redaction placeholders as redacted attributes and says so', () => {
    const r = parseThreatReport(report('### Payload delivery\n* sha256: <sha256> — Dropper\n* md5: <md5>\n'), ctx);
    const [a, b] = r.events[0]!.attributes;
    expect(a).toMatchObject({ value: '<sha256>', redacted: true, toIds: false, disableCorrelation: true, comment: 'Dropper' });
    expect(b).toMatchObject({ value: '<md5>', redacted: true });
    expect(r.warnings.map((w) => w.message).join()).toMatch(/2 redacted placeholder/);
  });

  it('gives the same uuids to the same report, and different ones to another title or date', () => {
    const a = parseThreatReport(report('### Network activity\n* ip-dst: 203.0.113.9\n'), ctx).events[0]!;
    const b = parseThreatReport(report('### Network activity\n* ip-dst: 203.0.113.9\n'), ctx).events[0]!;
    const c = parseThreatReport(report('### Network activity\n* ip-dst: 203.0.113.9\n').replace('Test campaign', 'Other'), ctx).events[0]!;
    expect(a.uuid).toBe(b.uuid);
    expect(a.attributes[0]!.uuid).toBe(b.attributes[0]!.uuid);
    expect(c.uuid).not.toBe(a.uuid);
  });

  const malformed: [string, string, number, RegExp][] = [
    ['no title', report('### Network activity\n* ip-dst: 203.0.113.9\n').replace('# Threat Report: 2024-03-01: Test campaign', '# Something else'), 1, /starts with "# Threat Report: TITLE"/],
    ['unknown category', report('### Network stuff\n* ip-dst: 203.0.113.9\n'), 12, /unknown category "Network stuff"/],
    ['type not allowed in its category', report('### Person\n* ip-dst: 203.0.113.9\n'), 13, /not allowed in category "Person"/],
    ['unknown type', report('### Network activity\n* ipaddr: 203.0.113.9\n'), 13, /unknown attribute type "ipaddr"/],
    ['bad date', report('### Network activity\n* ip-dst: 203.0.113.9\n', '* Date: 2024-13-45\n* Threat Level: 2'), 5, /Date must be YYYY-MM-DD/],
    ['bad threat level', report('### Network activity\n* ip-dst: 203.0.113.9\n', '* Date: 2024-03-01\n* Threat Level: 9'), 6, /Threat Level must be 1-4/],
    ['a bad hash', report('### Payload delivery\n* md5: d41d8cd98f00b204e9800998ecf8427\n'), 13, /md5 must be 32 hexadecimal characters, got 31/],
    ['indicator outside a category', report('* ip-dst: 203.0.113.9\n'), 12, /under a "### Category" heading/],
  ];
  it.each(malformed)('rejects a report with %s, with its line number', (_name, text, line, message) => {
    let problems;
    try {
      problems = parseThreatReport(text, ctx).errors;
    } catch (e) {
      problems = [{ message: (e as Error).message, location: (e as { location?: { line?: number } }).location }];
    }
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.message).toMatch(message);
    expect(problems[0]!.location?.line).toBe(line);
  });

  it('rejects a truncated report', () => {
    const full = report('### Network activity\n* ip-dst: 203.0.113.9\n');
    const cut = full.slice(0, full.indexOf('## Indicators'));
    const r = parseThreatReport(cut, ctx);
    expect(r.events).toEqual([]);
    expect(r.errors.map((e) => e.message).join()).toMatch(/truncated/);
  });
});

describe('threat-report render', () => {
  it.skipIf(!haveSeed)('reproduces the seed byte for byte', () => {
    const seed = readFileSync(SEED, 'utf8');
    const r = parseThreatReport(seed, ctx);
    expect(r.errors).toEqual([]);
    expect(renderThreatReport(r.events[0]!)).toBe(seed);
  });

  it('round-trips a report with every feature', () => {
    const text = report('### External analysis\n* text: a\nb — note\n* link: https://example.com/x\n\n### Network activity\n* ip-dst: 203.0.113.9 — C2\n\n### Payload delivery\n* sha256: <sha256> — Dropper\n');
    const ev = parseThreatReport(text, ctx).events[0]!;
    expect(renderThreatReport(ev)).toBe(text);
    expect(parseThreatReport(renderThreatReport(ev), ctx).events[0]).toEqual(ev);
  });

  it('keeps newlines in titles, tags and comments from forging report structure', () => {
    const ev = parseThreatReport(report('### Network activity\n* ip-dst: 203.0.113.9\n'), ctx).events[0]!;
    const forged = { ...ev, info: 'x\n### Network activity\n* ip-dst: 198.51.100.1', attributes: [{ ...ev.attributes[0]!, comment: 'c\n* domain: forged.example' }] };
    const back = parseThreatReport(renderThreatReport(forged), ctx).events[0]!;
    expect(back.attributes.map((a) => a.value)).toEqual(['203.0.113.9']);
  });
});
