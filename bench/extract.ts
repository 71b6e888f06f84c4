/**
 * IOC extraction throughput on the shared CTI text corpus, one core, next to the `ioc-extractor`
 * npm package in the same run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractIOC } from 'ioc-extractor';
import { extractIocs } from '../src/extract/index.ts';
import type { Bench, BenchReport } from './lib.ts';

const CORPUS = fileURLToPath(new URL('../../shared/data/corpus/cti-text-corpus.txt', import.meta.url));

function mbPerSec(text: string, fn: (t: string) => unknown, minMs: number): number {
  const bytes = Buffer.byteLength(text, 'utf8');
  fn(text.slice(0, 200_000)); // warm up
  let runs = 0;
  const t0 = performance.now();
  let elapsed: number;
  do {
    fn(text);
    runs++;
    elapsed = performance.now() - t0;
  } while (elapsed < minMs);
  return (bytes * runs) / 1e6 / (elapsed / 1000);
}

export const extractBench: Bench = {
  name: 'extract',
  description: 'free-text IOC extraction (MB/s, one core) on ../shared/data/corpus/cti-text-corpus.txt, vs ioc-extractor',
  async run(): Promise<BenchReport> {
    if (!existsSync(CORPUS)) {
      return { name: 'extract', rows: [], notes: [`corpus not found at ${CORPUS}; skipped`] };
    }
    const text = readFileSync(CORPUS, 'utf8');
    const ours = mbPerSec(text, (t) => extractIocs(t), 3000);
    // ioc-extractor is ~100x slower: time it on a 2 MB slice so the bench stays short
    const theirs = mbPerSec(text.slice(0, 2_000_000), (t) => extractIOC(t), 3000);
    const count = extractIocs(text).length;
    return {
      name: 'extract',
      rows: [
        {
          metric: 'extraction (MB/s)',
          value: ours,
          baseline: theirs,
          baselineName: 'ioc-extractor extractIOC',
          goal: '>= 100 MB/s and >= 30x ioc-extractor',
          met: ours >= 100 && ours >= 30 * theirs,
        },
      ],
      notes: [
        `corpus ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB, ${count.toLocaleString('en-US')} distinct indicators`,
        'ioc-extractor timed on the first 2 MB of the corpus (same text kind)',
      ],
    };
  },
};
