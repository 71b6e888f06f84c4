import { sql } from 'kysely';
import type { Executor } from './executor.ts';

export interface EventFilter {
  /** Events carrying this tag (exact name). */
  readonly tag?: string;
  /** Event date on or after, YYYY-MM-DD. */
  readonly from?: string;
  /** Event date on or before, YYYY-MM-DD. */
  readonly to?: string;
  /** Text contained in the title (case-insensitive). */
  readonly text?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export interface EventSummary {
  readonly id: number;
  readonly uuid: string;
  readonly info: string;
  readonly date: string;
  readonly threatLevel: number;
  readonly analysis: number;
  readonly distribution: number;
  readonly published: boolean;
  readonly timestamp: number;
  readonly attributeCount: number;
  readonly orgc: string | null;
  readonly tags: readonly string[];
}

/** Escapes LIKE metacharacters so user text matches literally (with `\` as the escape). */
export const likeLiteral = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Lists events, newest date first. */
export async function listEvents(db: Executor, f: EventFilter = {}): Promise<EventSummary[]> {
  let q = db
    .selectFrom('events')
    .leftJoin('orgs', 'orgs.id', 'events.orgc_id')
    .select([
      'events.id', 'events.uuid', 'events.info', 'events.date', 'events.threat_level', 'events.analysis',
      'events.distribution', 'events.published', 'events.timestamp', 'events.attribute_count', 'orgs.name as orgc',
    ]);
  if (f.from) q = q.where('events.date', '>=', f.from);
  if (f.to) q = q.where('events.date', '<=', f.to);
  if (f.text) q = q.where(sql<boolean>`lower(events.info) like ${'%' + likeLiteral(f.text.toLowerCase()) + '%'} escape '\\'`);
  if (f.tag) {
    const tag = f.tag;
    q = q.where('events.id', 'in', (eb) =>
      eb.selectFrom('event_tags').innerJoin('tags', 'tags.id', 'event_tags.tag_id').select('event_tags.event_id').where('tags.name', '=', tag),
    );
  }
  const rows = await q
    .orderBy('events.date', 'desc')
    .orderBy('events.id', 'desc')
    .limit(f.limit ?? 1000)
    .offset(f.offset ?? 0)
    .execute();
  const tags = rows.length
    ? await db
        .selectFrom('event_tags')
        .innerJoin('tags', 'tags.id', 'event_tags.tag_id')
        .select(['event_tags.event_id', 'tags.name'])
        .where('event_tags.event_id', 'in', rows.map((r) => r.id))
        .orderBy('tags.id')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    uuid: r.uuid,
    info: r.info,
    date: r.date,
    threatLevel: r.threat_level,
    analysis: r.analysis,
    distribution: r.distribution,
    published: r.published === 1,
    timestamp: r.timestamp,
    attributeCount: r.attribute_count,
    orgc: r.orgc,
    tags: tags.filter((t) => t.event_id === r.id).map((t) => t.name),
  }));
}

export interface AttributeHit {
  readonly id: number;
  readonly uuid: string;
  readonly type: string;
  readonly category: string;
  readonly value: string;
  readonly toIds: boolean;
  readonly comment: string;
  readonly redacted: boolean;
  readonly event: { readonly id: number; readonly uuid: string; readonly info: string; readonly date: string };
}

/**
 * Attributes whose value equals `value` (either half of a composite too), or matches it as a
 * LIKE pattern when it contains `%`. Deleted attributes are left out.
 */
export async function searchAttributes(db: Executor, value: string, opts: { limit?: number } = {}): Promise<AttributeHit[]> {
  const wildcard = value.includes('%');
  let q = db
    .selectFrom('attributes')
    .innerJoin('events', 'events.id', 'attributes.event_id')
    .select([
      'attributes.id', 'attributes.uuid', 'attributes.type', 'attributes.category', 'attributes.value', 'attributes.to_ids',
      'attributes.comment', 'attributes.redacted', 'events.id as event_id', 'events.uuid as event_uuid', 'events.info', 'events.date',
    ])
    .where('attributes.deleted', '=', 0);
  if (wildcard) {
    // `%` is the wildcard; `_` stays literal, as in MISP's value search.
    const pattern = value.replace(/[\\_]/g, (c) => `\\${c}`);
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`attributes.value1 like ${pattern} escape '\\'`,
        sql<boolean>`attributes.value2 like ${pattern} escape '\\'`,
        sql<boolean>`attributes.value like ${pattern} escape '\\'`,
      ]),
    );
  } else {
    // Only indexed columns, so SQLite and PostgreSQL answer from the value indexes: a whole
    // composite value `a|b` is its two halves (`value` itself has no index).
    const bar = value.indexOf('|');
    q = q.where((eb) =>
      eb.or([
        eb('attributes.value1', '=', value),
        // `value2 <> ''` lets both databases use the partial value2 index.
        eb.and([eb('attributes.value2', '=', value), eb('attributes.value2', '<>', '')]),
        ...(bar >= 0 ? [eb.and([eb('attributes.value1', '=', value.slice(0, bar)), eb('attributes.value2', '=', value.slice(bar + 1)), eb('attributes.value2', '<>', '')])] : []),
      ]),
    );
  }
  const rows = await q.orderBy('attributes.id').limit(opts.limit ?? 1000).execute();
  return rows.map((r) => ({
    id: r.id,
    uuid: r.uuid,
    type: r.type,
    category: r.category,
    value: r.value,
    toIds: r.to_ids === 1,
    comment: r.comment,
    redacted: r.redacted === 1,
    event: { id: r.event_id, uuid: r.event_uuid, info: r.info, date: r.date },
  }));
}
