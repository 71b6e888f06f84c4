import { CairnError } from '../../errors.ts';
import { isAttributeType } from '../registry.ts';
import { isCompositeValueType, splitComposite } from './composite.ts';
import { refang } from './refang.ts';
import { emptyReason } from './text.ts';
import { VALIDATORS } from './validators.ts';

export { isCompositeValueType } from './composite.ts';

/** Result of {@link normalizeValue}: the normalised value and MISP's value1/value2 split, or why not. */
export type ValueCheck = { ok: true; value: string; value1: string; value2: string } | { ok: false; reason: string };

/**
 * Upper bound on a value, in UTF-8 bytes: MISP's attribute validation (`maxTextLength`) rejects
 * longer values even though its column holds more; larger content belongs in an attachment.
 */
export const MAX_VALUE_BYTES = 65535;

/** Characters that are control characters, ASCII or C1; a value made only of them is rejected. */
function onlyControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(c < 32 || (c >= 127 && c <= 159))) return false;
  }
  return true;
}

/**
 * Validates and normalises `value` for MISP attribute type `type`, as MISP does before saving:
 * trim, refang (url, domain, ip, email types), then the type's own rule (lower-cased hashes,
 * compressed IPv6, punycoded domains, `AS<n>`, ...). Composite types are split on the first
 * `|` into `value1` and `value2`; `value2` is '' for other types. Never throws on bad input.
 *
 * @example
 *   normalizeValue('domain|ip', 'Example.COM.|2001:DB8:0::1')
 *   // { ok: true, value: 'example.com|2001:db8::1', value1: 'example.com', value2: '2001:db8::1' }
 *   normalizeValue('md5', 'abc')
 *   // { ok: false, reason: 'md5 must be 32 hexadecimal characters, got 3' }
 */
export function normalizeValue(type: string, value: string): ValueCheck {
  if (!isAttributeType(type)) return { ok: false, reason: `unknown attribute type ${JSON.stringify(String(type))}` };
  if (typeof value !== 'string') return { ok: false, reason: `${type} value must be a string, got ${typeof value}` };
  if (value.includes('\0')) return { ok: false, reason: `${type} must not contain NUL bytes` };
  const trimmed = value.trim();
  if (trimmed === '' || onlyControl(trimmed)) return { ok: false, reason: emptyReason(type, value) };
  const bytes = Buffer.byteLength(trimmed, 'utf8');
  if (bytes > MAX_VALUE_BYTES) {
    return { ok: false, reason: `${type} is ${bytes} bytes, more than ${MAX_VALUE_BYTES}; store large content as an attachment` };
  }
  const r = VALIDATORS[type](refang(type, trimmed), type);
  if (!r.ok) return r;
  if (!isCompositeValueType(type)) return { ok: true, value: r.value, value1: r.value, value2: '' };
  const [value1, value2] = splitComposite(r.value) ?? [r.value, ''];
  return { ok: true, value: r.value, value1, value2 };
}

/** A value for an error message: at most 80 characters, control characters escaped. */
function excerpt(value: string): string {
  const cut = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return JSON.stringify(cut);
}

/**
 * Like {@link normalizeValue}, but throws `CairnError('INVALID_INPUT')` naming the type, the
 * value (cut to 80 characters, control characters escaped) and the reason.
 *
 * @example
 *   assertValue('ip-dst', '2001:DB8::1/128') // { value: '2001:db8::1', value1: '2001:db8::1', value2: '' }
 *   assertValue('port', '0') // throws CairnError INVALID_INPUT: invalid port value "0": port must be ...
 */
export function assertValue(type: string, value: string): { value: string; value1: string; value2: string } {
  const r = normalizeValue(type, value);
  if (!r.ok) {
    const shown = typeof value === 'string' ? excerpt(value) : String(value);
    throw new CairnError('INVALID_INPUT', `invalid ${type} value ${shown}: ${r.reason}`, {
      details: { type, reason: r.reason },
    });
  }
  return { value: r.value, value1: r.value1, value2: r.value2 };
}
