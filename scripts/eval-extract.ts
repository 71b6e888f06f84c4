/**
 * `npm run eval:extract [-- --verbose]`: scores Cairn's IOC extractor on the shared labelled sets
 * (../shared/data/ioc-cases, ../shared/data/ioc-reports) with the rule in their SOURCE.md, per type
 * and overall, side by side with the `ioc-extractor` npm package on the same cases.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractIOC } from 'ioc-extractor';
import { extractIocs } from '../src/extract/index.ts';
import { precision, recall, score, type Labelled, type LabelledCase, type Score } from '../src/extract/score.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, '..', 'shared', 'data');
const verbose = process.argv.includes('--verbose');

const SETS = [
  { name: 'ioc-cases', file: join(dataDir, 'ioc-cases', 'cases.jsonl') },
  { name: 'ioc-reports', file: join(dataDir, 'ioc-reports', 'reports.jsonl') },
];

const ours = (text: string): Labelled[] => extractIocs(text).map((i) => ({ type: i.kind, value: i.value }));

const THEIR_KEYS: Record<string, string> = {
  asns: 'asn', btcs: 'btc', cves: 'cve', domains: 'domain', emails: 'email', eths: 'eth', gaPubIDs: 'adsense_pub_id',
  gaTrackIDs: 'ga_tracking_id', ipv4s: 'ipv4', ipv6s: 'ipv6', macAddresses: 'mac', md5s: 'md5', sha1s: 'sha1',
  sha256s: 'sha256', sha512s: 'sha512', ssdeeps: 'ssdeep', urls: 'url', xmrs: 'xmr',
};
const theirTypes = new Set(Object.values(THEIR_KEYS));

function theirs(text: string): Labelled[] {
  const ioc = extractIOC(text) as unknown as Record<string, string[]>;
  const out: Labelled[] = [];
  for (const [k, type] of Object.entries(THEIR_KEYS)) for (const value of ioc[k] ?? []) out.push({ type, value });
  return out;
}

const pr = (t: { tp: number; fp: number; fn: number }): string =>
  `${precision(t).toFixed(3)} ${recall(t).toFixed(3)} (${t.tp}/${t.fp}/${t.fn})`.padEnd(28);

if (!SETS.every((s) => existsSync(s.file))) {
  console.error(`eval:extract: shared data not found under ${dataDir}; nothing to score`);
  process.exit(1);
}

for (const set of SETS) {
  const cases = readFileSync(set.file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LabelledCase);
  const a: Score = score(cases, ours);
  const b: Score = score(cases, theirs);
  console.log(`\n## ${set.name} (${cases.length} cases)\n`);
  console.log(`${'type'.padEnd(18)} ${'Cairn P R (tp/fp/fn)'.padEnd(28)} ioc-extractor P R (tp/fp/fn)`);
  const types = [...new Set([...a.perType.keys(), ...b.perType.keys()])].sort();
  for (const t of types) {
    const x = a.perType.get(t) ?? { tp: 0, fp: 0, fn: 0 };
    const y = b.perType.get(t) ?? { tp: 0, fp: 0, fn: 0 };
    const mark = theirTypes.has(t) && (precision(x) < precision(y) || recall(x) < recall(y)) ? '  <-- behind' : '';
    console.log(`${t.padEnd(18)} ${pr(x)} ${theirTypes.has(t) ? pr(y) : '(not supported)'.padEnd(28)}${mark}`);
  }
  console.log(`${'OVERALL'.padEnd(18)} ${pr(a.overall)} ${pr(b.overall)}`);
  if (verbose) {
    for (const m of a.falsePositives) console.log(`  FP ${m.id} ${m.type} ${m.value}`);
    for (const m of a.falseNegatives) console.log(`  FN ${m.id} ${m.type} ${m.value}`);
  }
}
