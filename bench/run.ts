/**
 * `npm run bench [-- NAME...]`: runs the benchmarks, prints a table per bench and writes
 * bench/RESULTS.md. Every figure stands next to a baseline measured in the same run.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { BENCHES } from './index.ts';
import { fmt, type BenchReport } from './lib.ts';

const wanted = process.argv.slice(2);
const chosen = wanted.length ? BENCHES.filter((b) => wanted.includes(b.name)) : BENCHES;
if (wanted.length && chosen.length !== wanted.length) {
  console.error(`unknown bench; choose from: ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

function table(r: BenchReport): string {
  const head = '| metric | Cairn | baseline | baseline is | ratio | goal | met |\n|---|---:|---:|---|---:|---|---|';
  const rows = r.rows.map((x) => {
    const ratio = x.baseline ? (x.value / x.baseline).toFixed(2) + 'x' : '';
    const met = x.met === undefined ? '' : x.met ? 'yes' : 'NO';
    return `| ${x.metric} | ${fmt(x.value)} | ${x.baseline === undefined ? '' : fmt(x.baseline)} | ${x.baselineName ?? ''} | ${ratio} | ${x.goal ?? ''} | ${met} |`;
  });
  return [head, ...rows].join('\n');
}

const sections: string[] = [];
for (const bench of chosen) {
  console.log(`\n## ${bench.name}: ${bench.description}`);
  const report = await bench.run();
  const t = table(report);
  console.log(t);
  for (const n of report.notes ?? []) console.log(`- ${n}`);
  sections.push(`## ${bench.name}\n\n${bench.description}\n\n${t}\n${(report.notes ?? []).map((n) => `\n- ${n}`).join('')}\n`);
}

if (!wanted.length) {
  const header = `# Benchmark results\n\nWritten by \`npm run bench\` on ${new Date().toISOString()} (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}).\nEach figure stands next to a baseline measured in the same run.\n\n`;
  writeFileSync(new URL('./RESULTS.md', import.meta.url), header + sections.join('\n'));
  console.log('\nwrote bench/RESULTS.md');
}
