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
 * Types that never take part in correlation, as in MISP's Attribute::NON_CORRELATING_TYPES.
 */
export const NON_CORRELATING_TYPES: ReadonlySet<string> = new Set([
  'comment', 'http-method', 'aba-rtn', 'gender', 'counter', 'float', 'port', 'nationality', 'cortex',
  'boolean', 'anonymised', 'text', 'other', 'hex', 'integer', 'size-in-bytes', 'datetime',
  'first-name', 'middle-name', 'last-name', 'date-of-birth', 'place-of-birth', 'passport-country',
  'passport-expiration', 'redress-number', 'issue-date-of-the-visa', 'special-service-request',
  'travel-details', 'payment-details', 'place-port-of-original-embarkation', 'place-port-of-clearance',
  'place-port-of-onward-foreign-destination', 'passenger-name-record-locator-number', 'pattern-in-file',
  'pattern-in-traffic', 'pattern-in-memory', 'yara', 'stix2-pattern', 'sigma', 'snort', 'suricata',
  'bro', 'zeek', 'kusto-query', 'gene', 'mime-type', 'email-mime-boundary',
]);

/** MISP's value1/value2 split: composite types split on the first `|`, others keep value2 empty. */
export function splitValue(type: string, value: string): [string, string] {
  if (!isCompositeType(type)) return [value, ''];
  const i = value.indexOf('|');
  return i < 0 ? [value, ''] : [value.slice(0, i), value.slice(i + 1)];
}
