import { CairnError } from '../errors.ts';
import { canEditEvent, canSeeEvent, canPublishEvent, filterEvent, type Viewer } from '../sharing/index.ts';
import { eventAcl, loadEvent, type Executor, type StoredEvent } from '../storage/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** MISP's messages, which clients such as PyMISP match on. */
export const NOT_ALLOWED = 'You do not have permission to do that.';

/** A numeric id or a uuid from a path segment, or INVALID_INPUT. */
export function parseKey(key: string, what = 'event'): number | string {
  if (/^\d+$/.test(key)) return Number(key);
  if (UUID.test(key)) return key.toLowerCase();
  throw new CairnError('NOT_FOUND', `Invalid ${what}`);
}

export type EventAclRow = NonNullable<Awaited<ReturnType<typeof eventAcl>>>;

/**
 * The access fields of an event the viewer may see, or NOT_FOUND: an event one may not see is
 * reported exactly like one that does not exist.
 */
export async function visibleEventAcl(db: Executor, v: Viewer, key: string | number): Promise<EventAclRow> {
  const k = typeof key === 'number' ? key : parseKey(key);
  const acl = await eventAcl(db, k);
  if (!acl || !canSeeEvent(v, acl)) throw new CairnError('NOT_FOUND', 'Invalid event');
  return acl;
}


/** An event the viewer may change, or NOT_FOUND (hidden) / FORBIDDEN (visible but not theirs). */
export async function editableEventAcl(db: Executor, v: Viewer, key: string | number): Promise<EventAclRow> {
  const acl = await visibleEventAcl(db, v, key);
  if (!canEditEvent(v, acl)) throw new CairnError('FORBIDDEN', NOT_ALLOWED);
  return acl;
}

export async function publishableEventAcl(db: Executor, v: Viewer, key: string | number): Promise<EventAclRow> {
  const acl = await visibleEventAcl(db, v, key);
  if (!canPublishEvent(v, acl)) throw new CairnError('FORBIDDEN', NOT_ALLOWED);
  return acl;
}

/** The part of an event the viewer may see, or NOT_FOUND. */
export async function viewEvent(db: Executor, v: Viewer, key: string | number): Promise<{ event: StoredEvent; orgId: number | null }> {
  const acl = await visibleEventAcl(db, v, key);
  const ev = await loadEvent(db, acl.id);
  const visible = ev && filterEvent(v, ev, acl.orgId);
  if (!visible) throw new CairnError('NOT_FOUND', 'Invalid event');
  return { event: visible, orgId: acl.orgId };
}
