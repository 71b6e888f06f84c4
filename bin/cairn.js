#!/usr/bin/env node
// Starts the CLI from the bundle in dist/ (built by `npm install`, see scripts/build.mjs) when it
// is newer than every source file; otherwise runs the TypeScript sources through tsx, so an
// edit is never hidden behind a stale bundle.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist', 'cairn.js');

function bundleIsFresh() {
  if (!existsSync(bundle)) return false;
  const built = statSync(bundle).mtimeMs;
  const src = join(root, 'src');
  if (!existsSync(src)) return true;
  for (const f of readdirSync(src, { recursive: true })) {
    if (statSync(join(src, String(f))).mtimeMs > built) return false;
  }
  return true;
}

if (process.env.CAIRN_FROM_SOURCE !== '1' && bundleIsFresh()) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
