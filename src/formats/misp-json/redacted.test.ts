import { expect, it } from 'vitest';
import { parseThreatReport } from '../threat-report/index.ts';
import { toMispEvent } from './index.ts';

it('never carries redaction placeholders into MISP JSON', () => {
  const report = '# Threat Report: 2024-03-01: R\n\n\n## Key Intelligence\n* Date: 2024-03-01\n* Threat Level: 3 (Low)\n\n---\n\n## Indicators of Compromise (IOCs)\n### Payload delivery\n* sha256: <sha256> — Dropper\n* md5: d41d8cd98f00b204e9800998ecf8427e\n';
  const ev = parseThreatReport(report, { source: 'r.md', now: 0 }).events[0]!;
  expect(ev.attributes.map((a) => a.redacted)).toEqual([true, false]);
  for (const form of ['api', 'feed'] as const) {
    const out = toMispEvent(ev, { form }) as { Attribute: { value: string }[]; attribute_count?: string };
    expect(out.Attribute.map((a) => a.value)).toEqual(['d41d8cd98f00b204e9800998ecf8427e']);
    if (form === 'api') expect(out.attribute_count).toBe('1');
  }
});
