import { eventsWithValue, overCorrelatingValues, rebuildCorrelations, relatedEvents, topCorrelations, valueKey, type CorrelationOptions, type RelatedOptions, type CorrelateResult, type RelatedEvent, type ValueCount, type ValueHolder } from '../correlate/index.ts';
import type { Db } from '../storage/index.ts';
import { getEvent } from './events.ts';

export type { CorrelationOptions, RelatedOptions, RelatedEvent, ValueCount, ValueHolder };

/**
 * The events related to an event (by uuid or id), with the values they share.
 *
 * @example const { event, related } = await related(db, '5f1c…', { maxEvents: 100 });
 */
export async function findRelated(db: Db, key: string, options: RelatedOptions = {}): Promise<{ event: { uuid: string; info: string }; related: RelatedEvent[] }> {
  const ev = await getEvent(db, key);
  return { event: { uuid: ev.uuid, info: ev.info }, related: await relatedEvents(db, ev.id, options) };
}

/** The events holding a value, normalised as correlation does (case, IP forms). */
export async function findValue(db: Db, value: string, options: { limit?: number } = {}): Promise<{ value: string; events: number; holders: ValueHolder[] }> {
  return { value, ...(await eventsWithValue(db.kysely, valueKey(value.trim()), options)) };
}

/** The most correlated values under the threshold. */
export const topValues = (db: Db, options: CorrelationOptions & { limit?: number } = {}): Promise<ValueCount[]> => topCorrelations(db.kysely, options);

/** The values over the threshold. */
export const overCorrelating = (db: Db, options: CorrelationOptions & { limit?: number } = {}): Promise<ValueCount[]> => overCorrelatingValues(db.kysely, options);

/** Recomputes every correlation from the stored attributes. */
export const rebuild = (db: Db): Promise<CorrelateResult> => rebuildCorrelations(db);
