// Placeholder until the per-type validation lands; kept deliberately minimal.
import { splitValue } from '../registry.ts';
import { CairnError } from '../../errors.ts';

export type ValueCheck = { ok: true; value: string; value1: string; value2: string } | { ok: false; reason: string };

export function normalizeValue(type: string, value: string): ValueCheck {
  const v = value.trim();
  if (!v) return { ok: false, reason: 'the value is empty' };
  const [value1, value2] = splitValue(type, v);
  return { ok: true, value: v, value1, value2 };
}

export function assertValue(type: string, value: string): { value: string; value1: string; value2: string } {
  const r = normalizeValue(type, value);
  if (!r.ok) throw new CairnError('INVALID_INPUT', `invalid ${type} value ${JSON.stringify(value.slice(0, 80))}: ${r.reason}`);
  return r;
}
