/**
 * Shared shape of every benchmark: a bench measures Cairn and a baseline in the same run and
 * reports rows of (metric, Cairn's figure, the baseline's figure, their ratio, the goal).
 */
export interface BenchRow {
  /** What is measured, with its unit, e.g. "import (attributes/s)". */
  readonly metric: string;
  readonly value: number;
  /** The baseline's figure in the same unit, measured in the same run; omit when there is none. */
  readonly baseline?: number;
  /** What the baseline is, e.g. "raw better-sqlite3 insert". */
  readonly baselineName?: string;
  /** The goal, in words, e.g. ">= 100,000/s and >= 40% of raw". */
  readonly goal?: string;
  /** Whether the goal is met; omit when the row has no goal. */
  readonly met?: boolean;
}

export interface BenchReport {
  readonly name: string;
  readonly rows: readonly BenchRow[];
  readonly notes?: readonly string[];
}

export interface Bench {
  readonly name: string;
  /** One line on what it measures. */
  readonly description: string;
  run(): Promise<BenchReport>;
}

export const fmt = (n: number): string =>
  Number.isInteger(n) || Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);

/** Times an async or sync function, in milliseconds. */
export async function time<T>(fn: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
}

/** The p-th percentile (0-100) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] as number;
}
