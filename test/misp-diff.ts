/**
 * Compares a MISP event JSON given to Cairn with what Cairn gives back, after normalising
 * what may legitimately differ: key order, strings vs numbers for ids/enums/timestamps,
 * `0`/`1` vs booleans, null vs absent, and volatile local fields (`attribute_count`, recomputed;
 * the numeric `id` of an organisation, which is local to each instance).
 */
export interface Difference {
  readonly kind: 'lost' | 'changed' | 'added';
  readonly pointer: string;
  readonly input?: unknown;
  readonly output?: unknown;
}

const BOOLEAN_KEYS = new Set(['to_ids', 'deleted', 'published', 'disable_correlation', 'exportable', 'hide_tag', 'locked', 'proposal_email_lock', 'local', 'proposal_to_delete', 'default']);
const VOLATILE = new Set(['attribute_count']);
const ORG_KEYS = new Set(['Org', 'Orgc', 'Organisation']);

type J = Record<string, unknown>;
const isObj = (v: unknown): v is J => typeof v === 'object' && v !== null && !Array.isArray(v);
const empty = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0);

function scalar(key: string, v: unknown): unknown {
  if (BOOLEAN_KEYS.has(key) && (v === 0 || v === 1 || v === '0' || v === '1')) return v === 1 || v === '1';
  if (typeof v === 'number') return String(v);
  return v;
}

function identity(v: unknown, i: number): string {
  if (isObj(v)) {
    if (typeof v['tag_name'] === 'string') return `tag:${v['tag_name']}`;
    if (typeof v['uuid'] === 'string' && v['uuid']) return `uuid:${v['uuid']}`;
    if (typeof v['name'] === 'string') return `name:${v['name']}`;
  }
  return `#${i}`;
}

export function diffMisp(input: unknown, output: unknown, at = '', key = '', out: Difference[] = []): Difference[] {
  if (isObj(input) && isObj(output)) {
    for (const k of Object.keys(input)) {
      if (VOLATILE.has(k) || (k === 'id' && ORG_KEYS.has(key))) continue;
      const a = input[k];
      const b = output[k];
      if (empty(a)) {
        if (!empty(b)) out.push({ kind: 'added', pointer: `${at}/${k}`, output: b });
        continue;
      }
      if (!(k in output) || b === null) out.push({ kind: 'lost', pointer: `${at}/${k}`, input: a });
      else diffMisp(a, b, `${at}/${k}`, k, out);
    }
    for (const k of Object.keys(output)) {
      if (!(k in input) && !empty(output[k]) && !VOLATILE.has(k)) out.push({ kind: 'added', pointer: `${at}/${k}`, output: output[k] });
    }
    return out;
  }
  if (Array.isArray(input) && Array.isArray(output)) {
    const byId = new Map(output.map((o, i) => [identity(o, i), o]));
    input.forEach((a, i) => {
      const id = identity(a, i);
      if (!byId.has(id)) out.push({ kind: 'lost', pointer: `${at}/${i}`, input: a });
      else {
        diffMisp(a, byId.get(id), `${at}/${i}`, key, out);
        byId.delete(id);
      }
    });
    for (const [, o] of byId) out.push({ kind: 'added', pointer: `${at}/-`, output: o });
    return out;
  }
  if (scalar(key, input) !== scalar(key, output)) out.push({ kind: 'changed', pointer: at, input, output });
  return out;
}
