import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractIocs } from './index.ts';
import { precision, recall, score, type LabelledCase } from './score.ts';

// ../shared/data relative to the repository root (CI has it at the same place)
const data = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const load = (file: string): LabelledCase[] =>
  readFileSync(data + file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LabelledCase);
const ours = (text: string) => extractIocs(text).map((i) => ({ type: i.kind, value: i.value }));

const cases = data + 'ioc-cases/cases.jsonl';
const reports = data + 'ioc-reports/reports.jsonl';

describe.skipIf(!existsSync(cases))(`shared IOC cases (skipped: ${cases} absent)`, () => {
  it('scores precision and recall >= 0.97 overall', () => {
    const s = score(load('ioc-cases/cases.jsonl'), ours);
    expect(precision(s.overall)).toBeGreaterThanOrEqual(0.97);
    expect(recall(s.overall)).toBeGreaterThanOrEqual(0.97);
  });
});

describe.skipIf(!existsSync(reports))(`shared IOC reports (skipped: ${reports} absent)`, () => {
  it('scores precision and recall >= 0.97 overall', () => {
    const s = score(load('ioc-reports/reports.jsonl'), ours);
    expect(precision(s.overall)).toBeGreaterThanOrEqual(0.97);
    expect(recall(s.overall)).toBeGreaterThanOrEqual(0.97);
  });

  it('finds file names only where the labels put them (precision and recall >= 0.97)', () => {
    const t = score(load('ioc-reports/reports.jsonl'), ours).perType.get('filename') ?? { tp: 0, fp: 0, fn: 0 };
    expect(precision(t)).toBeGreaterThanOrEqual(0.97);
    expect(recall(t)).toBeGreaterThanOrEqual(0.97);
  });
});
