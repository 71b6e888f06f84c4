import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { minimalPdf } from './helpers/minimal-pdf.ts';
import { ROOT } from './paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'cairn-freetext-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'cairn.sqlite');

it('imports an HTML report into an event with the indicators found, once', async () => {
  const html = join(ROOT, 'test', 'fixtures', 'report.html');
  const r = await runCli(['import', '--freetext', html, '--json', '--db', db]);
  expect(r.code).toBe(0);
  const summary = JSON.parse(r.stdout);
  expect(summary.created).toBe(1);
  const uuid = summary.inputs[0].events[0].uuid;
  const ev = JSON.parse((await runCli(['show', uuid, '--json', '--db', db])).stdout);
  const event = ev.Event ?? ev;
  const attrs = (event.Attribute ?? event.attributes) as { type: string; value: string; comment: string; category: string }[];
  const email = attrs.find((a) => a.type === 'email-src');
  expect(email).toMatchObject({ value: 'kettle.ops@protonmail.com', category: 'Payload delivery' });
  expect(email!.comment).toMatch(/operators' mailbox/);
  expect(attrs.some((a) => a.type === 'sha256')).toBe(true);
  const again = JSON.parse((await runCli(['import', '--freetext', html, '--json', '--db', db])).stdout);
  expect(again).toMatchObject({ created: 0, unchanged: 1 });
});

it('imports a PDF report into an event, refanging what it finds', async () => {
  const pdf = join(dir, 'report.pdf');
  writeFileSync(pdf, minimalPdf([['Loader report', 'The loader beacons to hxxps://update-check[.]net/gate.php every hour.'], ['It also contacts 198.51.100[.]23 and drops d41d8cd98f00b204e9800998ecf8427f.']], 'Loader report'));
  const r = await runCli(['import', '--freetext', pdf, '--json', '--db', db]);
  expect(r.code).toBe(0);
  const uuid = JSON.parse(r.stdout).inputs[0].events[0].uuid;
  const hits = JSON.parse((await runCli(['search', 'update-check.net', '--json', '--db', db])).stdout);
  expect(hits.map((h: { event: { uuid: string } }) => h.event.uuid)).toContain(uuid);
  const ev = JSON.parse((await runCli(['show', uuid, '--json', '--db', db])).stdout);
  const event = ev.Event ?? ev;
  expect(event.info).toBe('Loader report');
  const values = ((event.Attribute ?? event.attributes) as { value: string }[]).map((a) => a.value);
  expect(values).toEqual(expect.arrayContaining(['https://update-check.net/gate.php', '198.51.100.23', 'd41d8cd98f00b204e9800998ecf8427f']));
});

it('prints what it extracts without storing, as a table or JSON', async () => {
  const r = await runCli(['extract', '-', '--json'], { input: 'C2 at evil-domain[.]com and CVE-2021-44228.' });
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.indicators.map((i: { type: string; value: string }) => [i.type, i.value])).toEqual([
    ['domain', 'evil-domain.com'],
    ['vulnerability', 'CVE-2021-44228'],
  ]);
});
