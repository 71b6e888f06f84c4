import { CairnError } from '../errors.ts';
import { uncorrelateEvent } from '../correlate/index.ts';
import { deleteEvent, listEvents, loadEvent, searchAttributes, type Db, type EventFilter, type StoredEvent } from '../storage/index.ts';

export { listEvents, searchAttributes };
export type { EventFilter };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An event by uuid (or numeric id), or a NOT_FOUND error that says how to find one. */
export async function getEvent(db: Db, key: string): Promise<StoredEvent> {
  const k = /^\d+$/.test(key) ? Number(key) : key.toLowerCase();
  if (typeof k === 'string' && !UUID.test(k)) {
    throw new CairnError('INVALID_INPUT', `"${key}" is not an event uuid or id`, { hint: 'list events with `cairn events`' });
  }
  const ev = await loadEvent(db.kysely, k);
  if (!ev) throw new CairnError('NOT_FOUND', `no event ${key}`, { hint: 'list events with `cairn events`' });
  return ev;
}

/** Deletes an event by uuid, or fails with NOT_FOUND. */
export async function removeEvent(db: Db, key: string): Promise<void> {
  const ev = await getEvent(db, key);
  await db.kysely.transaction().execute(async (tx) => {
    await uncorrelateEvent(tx, ev.id);
    await deleteEvent(tx, ev.uuid);
  });
}
