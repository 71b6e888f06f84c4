/**
 * End to end: `cairn org add`, `user add`, `key create --json`, then `cairn serve` on a free
 * port, PyMISP's first request with that key, `key revoke`, and the audit log.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { CAIRN, runCli } from './cli.ts';
import { ROOT } from './paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'cairn-serve-'));
const db = join(dir, 'cairn.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('manages orgs, users and keys from the CLI and serves the MISP API with them', async () => {
  expect((await runCli(['org', 'add', 'ACME CERT', '--db', db])).code).toBe(0);
  expect((await runCli(['user', 'add', 'analyst@acme.test', '--org', 'ACME CERT', '--role', 'publisher', '--db', db])).code).toBe(0);
  const created = await runCli(['key', 'create', 'analyst@acme.test', '--json', '--db', db]);
  expect(created.code).toBe(0);
  const { key, id } = JSON.parse(created.stdout) as { key: string; id: number };
  expect(key).toMatch(/^[A-Za-z0-9]{40}$/);

  const server = spawn(process.execPath, [CAIRN, 'serve', '--port', '0', '--db', db], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /on (http:\/\/[^\s]+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      server.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const r = await fetch(`${url}/users/view/me`, { headers: { Authorization: key, Accept: 'application/json' } });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { User: { email: string } }).User.email).toBe('analyst@acme.test');
  } finally {
    server.kill('SIGTERM');
  }
  expect((await runCli(['key', 'revoke', String(id), '--db', db])).code).toBe(0);
  const audit = await runCli(['audit', '--json', '--db', db]);
  expect((JSON.parse(audit.stdout) as { action: string; model: string }[]).map((a) => `${a.action} ${a.model}`).slice(0, 2)).toEqual(['revoke AuthKey', 'add AuthKey']);
}, 120_000);

it('serves one port from several worker processes with --workers, and stops them all on SIGTERM', async () => {
  const wdb = join(dir, 'workers.sqlite');
  const server = spawn(process.execPath, [CAIRN, 'serve', '--port', '0', '--workers', '2', '--db', wdb], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  let out = '';
  const { url, pids, key } = await new Promise<{ url: string; pids: number[]; key: string }>((resolve, reject) => {
    server.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const u = /on (http:\/\/[^\s]+)/.exec(out);
      const p = /worker processes \(pids ([\d, ]+)\)/.exec(out);
      const k = /store it now\): ([A-Za-z0-9]{40})/.exec(out);
      if (u && p && k) resolve({ url: u[1]!, pids: p[1]!.split(', ').map(Number), key: k[1]! });
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  expect(pids).toHaveLength(2);
  // The first admin was created once, by the primary, before the workers started.
  const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${url}/users/view/me`, { headers: { Authorization: key, Accept: 'application/json' } })));
  expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  expect(pids.every(alive)).toBe(true);
  server.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(pids.some(alive)).toBe(false);
}, 120_000);
