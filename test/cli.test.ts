import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDb, freshDb, type TestDb } from './databases.ts';
import { runCli } from './cli.ts';
import { SEED, haveSeed } from './paths.ts';

describeEachDb('cairn CLI', (kind) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await freshDb(kind);
  });
  afterEach(async () => t.dispose());
  const cli = (...args: string[]) => runCli([...args, '--db', t.url]);

  it.skipIf(!haveSeed)('imports the seed, lists, searches, shows, reports it byte for byte, and deletes it', async () => {
    const imp = await cli('import', SEED, '--json');
    expect(imp.code).toBe(0);
    const summary = JSON.parse(imp.stdout);
    const uuid = summary.inputs[0].events[0].uuid as string;
    expect(summary).toMatchObject({ created: 1, rejected: 0 });
    expect(summary.inputs[0].warnings[0].message).toMatch(/9 redacted/);

    const again = JSON.parse((await cli('import', SEED, '--json')).stdout);
    expect(again).toMatchObject({ created: 0, unchanged: 1 });

    const events = JSON.parse((await cli('events', '--json', '--tag', 'tlp:white', '--text', 'konni')).stdout);
    expect(events.map((e: { uuid: string }) => e.uuid)).toEqual([uuid]);
    expect(JSON.parse((await cli('events', '--json', '--from', '2018-01-01')).stdout)).toEqual([]);

    const hits = JSON.parse((await cli('search', '%.netai.net', '--json')).stdout);
    expect(hits.map((h: { value: string }) => h.value)).toEqual(['member-daumchk.netai.net']);

    const report = await cli('report', uuid);
    expect(report.stdout).toBe(readFileSync(SEED, 'utf8'));

    const show = await cli('show', uuid);
    expect(show.stdout).toContain('145.14.144.230');

    expect((await cli('delete', uuid)).code).toBe(0);
    const gone = await cli('show', uuid);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/no event .*\n {2}next: list events with `cairn events`/);
  });

  it('rejects a malformed report with its line, stores nothing, and exits 1', async () => {
    const dir = t.url.startsWith('postgres') ? (await import('node:os')).tmpdir() : join(t.url, '..');
    const bad = join(dir, `bad-${process.pid}.md`);
    writeFileSync(bad, '# Threat Report: x\n\n\n## Key Intelligence\n* Date: 2024-01-01\n\n---\n\n## Indicators of Compromise (IOCs)\n### Network activity\n* ip-dst: 203.0.113.1\n### Nope\n* ip-dst: 203.0.113.2\n');
    const r = await cli('import', bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/rejected .*nothing stored/);
    expect(r.stdout).toMatch(/:12: unknown category "Nope"/);
    expect(JSON.parse((await cli('events', '--json')).stdout)).toEqual([]);
  });

  it('answers usage errors with exit 2 and a next step', async () => {
    const r = await cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/next: run `cairn --help`/);
    const bad = await cli('events', '--from', 'yesterday');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--from must be a date/);
  });
});
