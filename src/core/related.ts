import { relatedEvents as correlated } from '../correlate/index.ts';
import type { Event } from '../model/index.ts';
import { attributeVisible, type Viewer } from '../sharing/index.ts';
import { chunks, type Executor } from '../storage/index.ts';

export interface RelatedEvent {
  readonly id: number;
  readonly uuid: string;
  readonly info: string;
  readonly date: string;
  readonly published: boolean;
  readonly analysis: number;
  readonly distribution: number;
  readonly threatLevel: number;
  readonly timestamp: number;
  readonly orgId: number | null;
  readonly orgcId: number | null;
}

/**
 * The correlation engine's related events (src/correlate), kept to pairs whose both ends the
 * viewer may see: an attribute of `visible` (the part of the event the viewer sees) and an
 * attribute of the other event that the viewer may see. A related event one may not see, or
 * that correlates only through hidden attributes, is never revealed.
 */
export async function relatedEvents(db: Executor, v: Viewer, eventId: number, visible: Event): Promise<RelatedEvent[]> {
  const mine = new Set([...visible.attributes, ...visible.objects.flatMap((o) => o.attributes)].filter((a) => !a.deleted).map((a) => a.uuid));
  const related = await correlated(db, eventId);
  const pairs = related.flatMap((r) => r.shared.filter((s) => mine.has(s.attribute.uuid)).map((s) => ({ event: r.event.id, other: s.other.id })));
  if (!pairs.length) return [];
  const seen = new Set<number>();
  for (const part of chunks([...new Set(pairs.map((p) => p.other))], 500)) {
    const rows = await db.selectFrom('attributes').innerJoin('events', 'events.id', 'attributes.event_id').select('attributes.id').where('attributes.id', 'in', part).where(attributeVisible(v)).execute();
    for (const r of rows) seen.add(r.id);
  }
  const ids = [...new Set(pairs.filter((p) => seen.has(p.other)).map((p) => p.event))];
  if (!ids.length) return [];
  const evs = await db.selectFrom('events').selectAll().where('id', 'in', ids).orderBy('date', 'desc').execute();
  return evs.map((e) => ({
    id: e.id, uuid: e.uuid, info: e.info, date: e.date, published: e.published === 1, analysis: e.analysis, distribution: e.distribution,
    threatLevel: e.threat_level, timestamp: e.timestamp, orgId: e.org_id, orgcId: e.orgc_id,
  }));
}
