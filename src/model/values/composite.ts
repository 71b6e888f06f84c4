import { type Validator, fail, pass } from './_check.ts';

/** A half of a composite type: the type named in reasons and its validator. */
export interface Half {
  readonly type: string;
  readonly check: Validator;
  /** Whether the half may be empty (registry value data may be). */
  readonly optional?: boolean;
}

/** Whether MISP treats `type` as composite: a `|` in its name, plus `malware-sample` (filename|md5). */
export const isCompositeValueType = (type: string): boolean => type.includes('|') || type === 'malware-sample';

/**
 * Splits a composite value on its FIRST `|`, trims both halves and validates each.
 *
 * @example
 *   splitComposite('domain | 1.2.3.4') // ['domain', '1.2.3.4']
 */
export function splitComposite(value: string): [string, string] | undefined {
  const bar = value.indexOf('|');
  return bar < 0 ? undefined : [value.slice(0, bar).trim(), value.slice(bar + 1).trim()];
}

/**
 * A validator for a composite type from the validators of its halves. `prepare` may rewrite
 * the raw value first (MISP accepts `1.2.3.4:80` for ip-dst|port).
 */
export function composite(left: Half, right: Half, prepare: (v: string) => string = (v) => v): Validator {
  return (value, type) => {
    const parts = splitComposite(prepare(value));
    if (!parts) return fail(`${type} must be ${left.type} and ${right.type} joined by "|", got no "|"`);
    const out: string[] = [];
    for (const [half, text] of [[left, parts[0]], [right, parts[1]]] as const) {
      if (text === '') {
        if (half.optional) {
          out.push('');
          continue;
        }
        return fail(`${type}: the ${half.type} part (${half === left ? 'before' : 'after'} "|") is empty`);
      }
      const r = half.check(text, half.type);
      if (!r.ok) return fail(`${type} ${half === left ? 'first' : 'second'} part: ${r.reason}`);
      out.push(r.value);
    }
    return pass(`${out[0]}|${out[1]}`);
  };
}
