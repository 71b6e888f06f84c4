import { createHash } from 'node:crypto';
import { extractFromInput, type InputHints } from '../extract/index.ts';
import { EventSchema, typeInfo, uuidFromName, type Attribute, type Event } from '../model/index.ts';
import { normalizeValue } from '../model/values/index.ts';
import type { ParseResult, Problem } from '../formats/index.ts';

export interface FreetextOptions extends InputHints {
  /** The event's title; defaults to the document's title, then the file name. */
  readonly info?: string;
  /** Keep the report's own reference links (dropped by default). */
  readonly keepReferences?: boolean;
  readonly now: number;
  readonly source: string;
}

/**
 * Builds one event from a free-text, Markdown, HTML or PDF report: each indicator found becomes
 * an attribute with MISP's default category and to_ids for its type and its sentence as comment;
 * TLP markings become event tags. The same document always gives the same event uuid.
 */
export async function freetextToEvent(bytes: Uint8Array, options: FreetextOptions): Promise<ParseResult> {
  const found = await extractFromInput(bytes, options, { dropReferences: !options.keepReferences });
  const warnings: Problem[] = found.warnings.map((message) => ({ message, location: { source: options.source } }));
  const digest = createHash('sha256').update(bytes).digest('hex');
  const uuid = uuidFromName('freetext', digest);
  const date = new Date(options.now * 1000).toISOString().slice(0, 10);
  const tags = new Set<string>();
  const attributes: Attribute[] = [];
  const seen = new Set<string>();
  for (const ind of found.indicators) {
    if (ind.kind === 'tlp') {
      tags.add(ind.value.toLowerCase());
      continue;
    }
    const checked = normalizeValue(ind.type, ind.value);
    if (!checked.ok) {
      warnings.push({ message: `skipped ${ind.kind} ${JSON.stringify(ind.value.slice(0, 80))}: ${checked.reason}`, location: { source: options.source } });
      continue;
    }
    const key = `${ind.type}\n${checked.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const info = typeInfo(ind.type)!;
    attributes.push({
      uuid: uuidFromName('freetext-attribute', `${uuid}\n${key}`),
      category: info.defaultCategory,
      type: ind.type,
      value: checked.value,
      toIds: info.defaultToIds,
      comment: ind.context.slice(0, 1024),
      distribution: 5,
      timestamp: options.now,
      deleted: false,
      disableCorrelation: false,
      redacted: false,
      tags: [],
      sightings: [],
    });
  }
  const info = (options.info ?? found.title ?? `Free-text import: ${options.filename ?? options.source}`).slice(0, 1024) || 'Free-text import';
  const event: Event = EventSchema.parse({
    uuid,
    info,
    date,
    threatLevel: 4,
    analysis: 0,
    distribution: 0,
    published: false,
    timestamp: options.now,
    tags: [...tags].map((name) => ({ name })),
    attributes,
  });
  return { events: [event], warnings, errors: [], untimed: true };
}
