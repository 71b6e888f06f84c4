/**
 * Kills `cairn import` with SIGKILL at random moments, 30 times, and checks after each kill
 * that every event is either absent or whole and that SQLite's integrity check passes.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { CAIRN, runCli } from './cli.ts';
import { ROOT } from './paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'cairn-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EVENTS = 4;
const ATTRS = 3000;
function report(n: number): string {
  const lines = [`# Threat Report: 2024-05-0${n + 1}: Kill test ${n}`, '', '', '## Key Intelligence', `* Date: 2024-05-0${n + 1}`, '* Threat Level: 2 (Medium)', '* Tags: tlp:green', '', '---', '', '## Indicators of Compromise (IOCs)', '### Network activity'];
  for (let i = 0; i < ATTRS; i++) lines.push(`* ip-dst: 10.${n}.${i >> 8}.${i & 255} — host ${i}`);
  return lines.join('\n') + '\n';
}
const files = Array.from({ length: EVENTS }, (_, n) => {
  const f = join(dir, `r${n}.md`);
  writeFileSync(f, report(n));
  return f;
});

function check(db: string): { whole: number } {
  // Killed before the database was created: nothing to check.
  if (!existsSync(db)) return { whole: 0 };
  const raw = new SQLite(db, { fileMustExist: true });
  try {
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const hasEvents = raw.prepare("select count(*) n from sqlite_master where name = 'events'").get() as { n: number };
    if (!hasEvents.n) return { whole: 0 };
    const rows = raw.prepare('select e.uuid, e.attribute_count, (select count(*) from attributes a where a.event_id = e.id) n from events e').all() as { attribute_count: number; n: number }[];
    for (const r of rows) {
      expect(r.n).toBe(ATTRS);
      expect(r.attribute_count).toBe(ATTRS);
    }
    return { whole: rows.length };
  } finally {
    raw.close();
  }
}

function importAndKillAfter(db: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CAIRN, 'import', ...files, '--db', db], { cwd: ROOT, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

it('leaves no partial event and an intact database after 30 SIGKILLs mid-import', async () => {
  // How long a whole import takes here, so that kills land across start-up and the writes.
  const probe = join(dir, 'probe.sqlite');
  const t0 = Date.now();
  const full = await runCli(['import', ...files, '--db', probe]);
  const total = Date.now() - t0;
  expect(full.code).toBe(0);
  expect(check(probe).whole).toBe(EVENTS);

  const db = join(dir, 'killed.sqlite');
  const seen = new Set<number>();
  for (let i = 0; i < 30; i++) {
    await importAndKillAfter(db, Math.round(total * (0.3 + 0.7 * Math.random())));
    seen.add(check(db).whole);
  }
  // Runs resumed after kills; a last clean run completes the set without duplicates.
  const last = await runCli(['import', ...files, '--db', db]);
  expect(last.code).toBe(0);
  expect(check(db).whole).toBe(EVENTS);
  console.log(`kill test: whole-event counts seen after kills: ${[...seen].sort().join(', ')} (import took ${total} ms)`);
}, 600_000);
