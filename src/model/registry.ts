import { CATEGORIES, CATEGORY_TYPES, TYPE_DEFAULTS } from './registry-data.ts';

export { CATEGORIES };
export type Category = (typeof CATEGORIES)[number];
export type AttributeType = (typeof TYPE_DEFAULTS)[number][0];

export interface TypeInfo {
  readonly type: AttributeType;
  readonly defaultCategory: Category;
  readonly defaultToIds: boolean;
  readonly categories: readonly Category[];
}

const byType = new Map<string, TypeInfo>();
for (const [type, defaultCategory, defaultToIds] of TYPE_DEFAULTS) {
  const categories = CATEGORIES.filter((c) => (CATEGORY_TYPES[c] as readonly string[]).includes(type));
  byType.set(type, Object.freeze({ type, defaultCategory, defaultToIds, categories }));
}
const categorySet = new Set<string>(CATEGORIES);

/** Every attribute type, in MISP's order. */
export const ATTRIBUTE_TYPES: readonly AttributeType[] = TYPE_DEFAULTS.map(([t]) => t);

export const isAttributeType = (t: string): t is AttributeType => byType.has(t);
export const isCategory = (c: string): c is Category => categorySet.has(c);

/** The registry entry of a type, or undefined for a type MISP does not know. */
export function typeInfo(type: string): TypeInfo | undefined {
  return byType.get(type);
}

/** Whether `type` may appear in `category`. */
export function allowedIn(type: string, category: string): boolean {
  return byType.get(type)?.categories.includes(category as Category) ?? false;
}

/** Types whose value is two values joined by `|`. */
export const isCompositeType = (type: string): boolean => type.includes('|') || type === 'malware-sample';

/**
 * Types that never take part in correlation: MISP's Attribute::NON_CORRELATING_TYPES
 * (app/Model/Attribute.php). Free-text types such as `text` and `other` do correlate in MISP.
 */
export const NON_CORRELATING_TYPES: ReadonlySet<string> = new Set([
  'comment', 'http-method', 'aba-rtn', 'gender', 'counter', 'integer', 'float', 'port', 'nationality', 'cortex',
  'boolean', 'anonymised',
]);

/** Composite types of which only the first half correlates (MISP's PRIMARY_ONLY_CORRELATING_TYPES). */
export const PRIMARY_ONLY_CORRELATING_TYPES: ReadonlySet<string> = new Set(['ip-src|port', 'ip-dst|port', 'hostname|port']);

/** MISP's value1/value2 split: composite types split on the first `|`, others keep value2 empty. */
export function splitValue(type: string, value: string): [string, string] {
  if (!isCompositeType(type)) return [value, ''];
  const i = value.indexOf('|');
  return i < 0 ? [value, ''] : [value.slice(0, i), value.slice(i + 1)];
}
