/**
 * The scoring rule of the shared IOC evaluation sets (`ioc-cases/SOURCE.md`,
 * `ioc-reports/SOURCE.md`): per case, restrict output to the case's scope, then
 * TP = output ∩ expected, FN = expected − output, FP = output − expected − optional,
 * all after canonicalisation. Used by the eval script and the tests; pure.
 */

export interface Labelled {
  readonly type: string;
  readonly value: string;
}

export interface LabelledCase {
  readonly id: string;
  readonly text: string;
  readonly expected: readonly Labelled[];
  readonly optional?: readonly Labelled[];
  readonly absent?: readonly Labelled[];
  /** Types the case is judged on (cases: `scope`, reports: `label_types`). */
  readonly scope?: readonly string[];
  readonly label_types?: readonly string[];
}

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export interface Miss {
  readonly id: string;
  readonly type: string;
  readonly value: string;
}

export interface Score {
  readonly perType: Map<string, Tally>;
  readonly overall: Tally;
  readonly falsePositives: Miss[];
  readonly falseNegatives: Miss[];
}

const LOWER = new Set(['domain', 'email', 'ipv6', 'md5', 'sha1', 'sha256', 'sha512', 'imphash', 'authentihash', 'ja3', 'ja3s', 'ipv6_cidr', 'mac']);

/** Canonical form of a value of an evaluation type. */
export function canonical(type: string, value: string): string {
  const v = value.trim();
  if (LOWER.has(type)) return v.toLowerCase().replace(/\.$/, '');
  if (type === 'url') {
    const p = v.indexOf('://');
    if (p < 0) return v;
    let e = p + 3;
    while (e < v.length && !'/?#'.includes(v[e] as string)) e++;
    return v.slice(0, e).toLowerCase() + v.slice(e);
  }
  if (type === 'cve' || type === 'attack_technique' || type === 'attack_tactic' || type === 'tlp') return v.toUpperCase();
  return v;
}

const key = (type: string, value: string): string => `${type}\u0000${canonical(type, value)}`;

/** Scores extractor output over labelled cases; `extract` returns `{type, value}` per finding. */
export function score(cases: readonly LabelledCase[], extract: (text: string) => readonly Labelled[]): Score {
  const perType = new Map<string, Tally>();
  const overall: Tally = { tp: 0, fp: 0, fn: 0 };
  const falsePositives: Miss[] = [];
  const falseNegatives: Miss[] = [];
  const tally = (t: string): Tally => {
    let x = perType.get(t);
    if (!x) perType.set(t, (x = { tp: 0, fp: 0, fn: 0 }));
    return x;
  };
  for (const c of cases) {
    const scope = new Set(c.scope ?? c.label_types ?? []);
    const expected = new Map(c.expected.filter((e) => scope.has(e.type)).map((e) => [key(e.type, e.value), e]));
    const optional = new Set((c.optional ?? []).map((e) => key(e.type, e.value)));
    const output = new Map<string, Labelled>();
    for (const o of extract(c.text)) if (scope.has(o.type)) output.set(key(o.type, o.value), o);
    for (const [k, e] of expected) {
      if (output.has(k)) {
        tally(e.type).tp++;
        overall.tp++;
      } else {
        tally(e.type).fn++;
        overall.fn++;
        falseNegatives.push({ id: c.id, type: e.type, value: e.value });
      }
    }
    for (const [k, o] of output) {
      if (expected.has(k) || optional.has(k)) continue;
      tally(o.type).fp++;
      overall.fp++;
      falsePositives.push({ id: c.id, type: o.type, value: o.value });
    }
  }
  return { perType, overall, falsePositives, falseNegatives };
}

export const precision = (t: Tally): number => (t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp));
export const recall = (t: Tally): number => (t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn));
