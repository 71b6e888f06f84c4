import type { Event } from '../model/index.ts';
import { canSeeEvent, canSeeItem, type EventAcl } from './distribution.ts';
import type { Viewer } from './viewer.ts';

/**
 * The part of an event the viewer may see: undefined when the event itself is hidden, else
 * the event without the attributes, objects (with their attributes) and reports it may not see.
 *
 * @example const visible = filterEvent(viewer, event, ownerOrgId); if (!visible) throw notFound();
 */
export function filterEvent<E extends Event>(v: Viewer, event: E, ownerOrgId: number | null): E | undefined {
  const acl: EventAcl = { orgId: ownerOrgId, distribution: event.distribution, sharingGroupUuid: event.sharingGroupUuid ?? null, published: event.published };
  if (!canSeeEvent(v, acl)) return undefined;
  if (v.perms.siteAdmin || ownerOrgId === v.orgId) return event;
  return {
    ...event,
    attributes: event.attributes.filter((a) => canSeeItem(v, acl, a)),
    objects: event.objects
      .filter((o) => canSeeItem(v, acl, o))
      .map((o) => ({ ...o, attributes: o.attributes.filter((a) => canSeeItem(v, acl, a, o)) })),
    reports: event.reports.filter((r) => canSeeItem(v, acl, r)),
  };
}
