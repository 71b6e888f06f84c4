// Bundles the CLI into dist/ (ESM, code-split so each command loads on first use), so that
// `cairn` starts without compiling TypeScript on every run. `npm install` runs it (prepare);
// bin/cairn.js falls back to running the sources through tsx when dist/ is missing or stale.
import { build } from 'esbuild';

await build({
  entryPoints: { cairn: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
