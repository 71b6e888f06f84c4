import { z } from 'zod';
import type { Executor } from '../storage/index.ts';

const Entry = z.object({ value: z.string(), expanded: z.string().optional(), description: z.string().optional(), colour: z.string().optional() });

/** A taxonomy in MISP's `machinetag.json` format (the fields Cairn reads; others are kept in the stored JSON). */
export const TaxonomySchema = z.object({
  namespace: z.string().min(1).max(255),
  description: z.string().default(''),
  version: z.number().int().nonnegative().default(1),
  expanded: z.string().optional(),
  exclusive: z.boolean().optional(),
  predicates: z.array(Entry).default([]),
  values: z.array(z.object({ predicate: z.string(), entry: z.array(Entry).default([]) })).default([]),
});
export type Taxonomy = z.infer<typeof TaxonomySchema>;

/** A machine tag split into its parts: `ns:predicate="value"`, `ns:predicate` or a plain tag. */
export function parseMachineTag(name: string): { namespace: string; predicate: string; value?: string } | undefined {
  const m = /^([^:="\s]+):([^=]+?)(?:="(.*)")?$/s.exec(name.trim());
  if (!m) return undefined;
  return { namespace: m[1]!, predicate: m[2]!, ...(m[3] !== undefined ? { value: m[3] } : {}) };
}

/** Namespaces every MISP instance knows without a taxonomy: galaxy cluster tags. */
const BUILTIN_NAMESPACES = new Set(['misp-galaxy']);

export interface TagDescription {
  readonly name: string;
  /** known: in a loaded taxonomy; unknown-namespace; unknown-value (namespace known, predicate or value not); plain: no namespace. */
  readonly status: 'known' | 'unknown-namespace' | 'unknown-value' | 'plain';
  readonly taxonomy?: string;
  readonly description?: string;
  readonly colour?: string;
}

/** Saves taxonomies by namespace, replacing older copies. */
export async function saveTaxonomies(db: Executor, taxonomies: readonly Taxonomy[], raw: readonly unknown[]): Promise<number> {
  for (const [i, t] of taxonomies.entries()) {
    const row = { namespace: t.namespace, description: t.description, version: t.version, data: JSON.stringify(raw[i] ?? t) };
    const found = await db.selectFrom('taxonomies').select('namespace').where('namespace', '=', t.namespace).executeTakeFirst();
    if (found) await db.updateTable('taxonomies').set(row).where('namespace', '=', t.namespace).execute();
    else await db.insertInto('taxonomies').values({ ...row, enabled: 1 }).execute();
  }
  return taxonomies.length;
}

/** Describes tags from the enabled taxonomies: one call per batch, all lookups in memory. */
export async function tagDescriber(db: Executor): Promise<{ readonly loaded: number; describe(name: string): TagDescription }> {
  const rows = await db.selectFrom('taxonomies').select(['namespace', 'data']).where('enabled', '=', 1).execute();
  const byNs = new Map<string, Taxonomy>();
  for (const r of rows) {
    const t = TaxonomySchema.safeParse(JSON.parse(r.data));
    if (t.success) byNs.set(r.namespace.toLowerCase(), t.data);
  }
  return {
    loaded: byNs.size,
    describe(name) {
      const mt = parseMachineTag(name);
      if (!mt) return { name, status: 'plain' };
      if (BUILTIN_NAMESPACES.has(mt.namespace)) return { name, status: 'known', taxonomy: mt.namespace, description: 'galaxy cluster' };
      const t = byNs.get(mt.namespace.toLowerCase());
      if (!t) return { name, status: 'unknown-namespace' };
      const base = { name, taxonomy: t.namespace };
      const pred = t.predicates.find((p) => p.value.toLowerCase() === mt.predicate.toLowerCase());
      if (!pred) return { ...base, status: 'unknown-value', description: t.description };
      if (mt.value === undefined) {
        return { ...base, status: 'known', description: pred.expanded ?? pred.description ?? pred.value, ...(pred.colour ? { colour: pred.colour } : {}) };
      }
      const entry = t.values.find((v) => v.predicate === pred.value)?.entry.find((e) => e.value.toLowerCase() === mt.value!.toLowerCase());
      if (!entry) return { ...base, status: 'unknown-value', description: pred.expanded ?? pred.value };
      return { ...base, status: 'known', description: `${pred.expanded ?? pred.value}: ${entry.expanded ?? entry.value}`, ...(entry.colour ? { colour: entry.colour } : {}) };
    },
  };
}

/** A loaded taxonomy as MISP's index lists it: how many tags it defines, and how many of those exist as tags here. */
export interface TaxonomyInfo {
  readonly namespace: string;
  readonly description: string;
  readonly version: number;
  readonly enabled: boolean;
  readonly exclusive: boolean;
  readonly tagCount: number;
  readonly existingTagCount: number;
}

/** The tag names a taxonomy defines: `ns:predicate="value"` for each value, `ns:predicate` for a predicate without values. */
export function taxonomyTagNames(t: Taxonomy): string[] {
  const out: string[] = [];
  for (const p of t.predicates) {
    const values = t.values.filter((v) => v.predicate === p.value).flatMap((v) => v.entry);
    if (values.length) for (const e of values) out.push(`${t.namespace}:${p.value}="${e.value}"`);
    else out.push(`${t.namespace}:${p.value}`);
  }
  return out;
}

/** Every loaded taxonomy, by namespace. */
export async function listTaxonomies(db: Executor): Promise<TaxonomyInfo[]> {
  const rows = await db.selectFrom('taxonomies').select(['namespace', 'description', 'version', 'enabled', 'data']).orderBy('namespace').execute();
  const tags = new Set((await db.selectFrom('tags').select('name').execute()).map((r) => r.name));
  return rows.map((r) => {
    const parsed = TaxonomySchema.safeParse(JSON.parse(r.data));
    const names = parsed.success ? taxonomyTagNames(parsed.data) : [];
    return {
      namespace: r.namespace, description: r.description, version: r.version, enabled: r.enabled === 1, exclusive: parsed.success && parsed.data.exclusive === true,
      tagCount: names.length, existingTagCount: names.filter((n) => tags.has(n)).length,
    };
  });
}
