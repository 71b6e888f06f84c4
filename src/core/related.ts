import { NON_CORRELATING_TYPES, type Event } from '../model/index.ts';
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
 * Events sharing a value with the attributes of `event` that the viewer sees, counting only
 * attributes of other events that the viewer may see: a related event one may not see is
 * never revealed. (Exact value matches; the correlation engine of src/correlate replaces
 * this when it lands.)
 */
export async function relatedEvents(db: Executor, v: Viewer, eventId: number, visible: Event): Promise<RelatedEvent[]> {
  const attrs = [...visible.attributes, ...visible.objects.flatMap((o) => o.attributes)].filter((a) => !a.deleted && !a.disableCorrelation && !a.redacted && !NON_CORRELATING_TYPES.has(a.type));
  if (visible.disableCorrelation || !attrs.length) return [];
  const values = [...new Set(attrs.flatMap((a) => (a.type.includes('|') ? a.value.split('|') : [a.value])).filter(Boolean))];
  const ids = new Set<number>();
  for (const part of chunks(values, 500)) {
    const rows = await db
      .selectFrom('attributes')
      .innerJoin('events', 'events.id', 'attributes.event_id')
      .select('events.id')
      .distinct()
      .where((eb) => eb.or([eb('attributes.value1', 'in', part), eb('attributes.value2', 'in', part)]))
      .where('attributes.event_id', '<>', eventId)
      .where('attributes.deleted', '=', 0)
      .where('attributes.disable_correlation', '=', 0)
      .where('events.disable_correlation', '=', 0)
      .where(attributeVisible(v))
      .execute();
    for (const r of rows) ids.add(r.id);
  }
  if (!ids.size) return [];
  const evs = await db.selectFrom('events').selectAll().where('id', 'in', [...ids]).orderBy('date', 'desc').execute();
  return evs.map((e) => ({
    id: e.id, uuid: e.uuid, info: e.info, date: e.date, published: e.published === 1, analysis: e.analysis, distribution: e.distribution,
    threatLevel: e.threat_level, timestamp: e.timestamp, orgId: e.org_id, orgcId: e.orgc_id,
  }));
}
