import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { minimalPdf } from '../../test/helpers/minimal-pdf.ts';
import { extractFromInput, textFromHtml, textFromPdf } from './index.ts';

const html = readFileSync(new URL('../../test/fixtures/report.html', import.meta.url), 'utf8');
const values = (r: { indicators: { kind: string; value: string }[] }): string[] =>
  r.indicators.map((i) => `${i.kind} ${i.value}`).sort();

describe('HTML reports', () => {
  it('takes the article text, not scripts or navigation', () => {
    const { text, title, article } = textFromHtml(html);
    expect(article).toBe(true);
    expect(title).toContain('Operation Test Kettle');
    expect(text).toContain('hxxps://kettle-c2[.]net/gate.php');
    expect(text).not.toContain('tracker.example-analytics.com');
    // table cells stay apart
    expect(text).toMatch(/6d5c4b\s+kettle\.dll/);
  });

  it('extractFromInput detects HTML and extracts its indicators', async () => {
    const r = await extractFromInput(new TextEncoder().encode(html), { filename: 'kettle.html' });
    expect(r.format).toBe('html');
    expect(r.warnings).toEqual([]);
    expect(values(r)).toEqual(
      expect.arrayContaining([
        'url https://kettle-c2.net/gate.php',
        'domain kettle-c2.net',
        'ipv4 185.220.101.45',
        'cve CVE-2023-23397',
        'attack_technique T1566.001',
        'attack_technique T1059.001',
        'sha256 8c2f4e0b0d7a1f7c3a9b5e6d4c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
        'filename kettle.dll',
        'filename invoice.docx',
        'email kettle.ops@protonmail.com',
      ]),
    );
    expect(values(r).join('\n')).not.toMatch(/tracker|welivesecurity/);
    const url = r.indicators.find((i) => i.kind === 'url');
    expect(url?.type).toBe('url');
    expect(url?.defanged).toBe(true);
    expect(url?.context).toContain('command server');
  });
});

describe('PDF reports', () => {
  const pdf = minimalPdf(
    [
      ['Threat report: Kettle', 'C2 server: kettle-c2[.]net (185.220.101[.]45)'],
      ['SHA-1: 3395856ce81f2b7382dee72602f798b642f14140', 'Exploits CVE-2021-40444 via report.docx'],
    ],
    'Kettle PDF',
  );

  it('reads the text layer of every page', async () => {
    const { text, pages, title } = await textFromPdf(pdf);
    expect(pages).toBe(2);
    expect(title).toBe('Kettle PDF');
    expect(text).toContain('kettle-c2[.]net');
    expect(text).toContain('CVE-2021-40444');
  });

  it('extractFromInput detects a PDF by its bytes', async () => {
    const r = await extractFromInput(pdf);
    expect(r.format).toBe('pdf');
    expect(r.title).toBe('Kettle PDF');
    expect(values(r)).toEqual(
      expect.arrayContaining([
        'domain kettle-c2.net',
        'ipv4 185.220.101.45',
        'sha1 3395856ce81f2b7382dee72602f798b642f14140',
        'cve CVE-2021-40444',
        'filename report.docx',
      ]),
    );
  });

  it('rejects bytes that are not a PDF with INVALID_INPUT', async () => {
    await expect(extractFromInput(new TextEncoder().encode('%PDF-1.4 garbage'))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('plain text and markdown', () => {
  it('takes the first heading as the title', async () => {
    const r = await extractFromInput('# IoC for Kettle\n\n```\nevil-kettle.com\n```\n', { mediaType: 'text/markdown' });
    expect(r.format).toBe('markdown');
    expect(r.title).toBe('IoC for Kettle');
    expect(values(r)).toEqual(['domain evil-kettle.com']);
  });
});
