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
