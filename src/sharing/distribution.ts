import type { Viewer } from './viewer.ts';

/**
 * MISP's distribution rules, written once as data: a rule is a disjunction of conjunctions of
 * predicates. `sees()` evaluates a rule on a record in memory; `sharing-sql.ts` compiles the
 * same rule into a Kysely where-clause. Both therefore follow one definition (MISP's
 * Event::createEventConditions and the attribute/object conditions of Event::fetchEvent).
 */
export const DISTRIBUTION = {
  ORGANISATION: 0,
  COMMUNITY: 1,
  CONNECTED: 2,
  ALL: 3,
  SHARING_GROUP: 4,
  INHERIT: 5,
} as const;

export type Predicate =
  | { readonly kind: 'siteAdmin' }
  /** The event's owner organisation is the viewer's. */
  | { readonly kind: 'ownerOrg' }
  | { readonly kind: 'distributionIn'; readonly values: readonly number[] }
  /** The record's sharing group is one the viewer's organisation belongs to. */
  | { readonly kind: 'inSharingGroup' }
  /** The event is published, or the instance lets unpublished events out of their organisation. */
  | { readonly kind: 'publishedOrOpen' };

/** OR of ANDs. */
export type Rule = readonly (readonly Predicate[])[];

/** Who may see an event. */
export const EVENT_RULE: Rule = [
  [{ kind: 'siteAdmin' }],
  [{ kind: 'ownerOrg' }],
  [{ kind: 'distributionIn', values: [1, 2, 3] }, { kind: 'publishedOrOpen' }],
  [{ kind: 'distributionIn', values: [4] }, { kind: 'inSharingGroup' }, { kind: 'publishedOrOpen' }],
];

/**
 * Who may see an attribute, object or report of an event they can see, by its own
 * distribution: 5 inherits the event's (already granted).
 */
export const ITEM_RULE: Rule = [
  [{ kind: 'siteAdmin' }],
  [{ kind: 'ownerOrg' }],
  [{ kind: 'distributionIn', values: [1, 2, 3, 5] }],
  [{ kind: 'distributionIn', values: [4] }, { kind: 'inSharingGroup' }],
];

/** The fields of a record that the rules read. */
export interface AclRecord {
  /** The owner organisation of the event the record is (in). */
  readonly orgId: number | null;
  readonly distribution: number;
  readonly sharingGroupUuid: string | null | undefined;
  /** Whether the event is published. */
  readonly published: boolean;
}

function holds(p: Predicate, v: Viewer, r: AclRecord): boolean {
  switch (p.kind) {
    case 'siteAdmin':
      return v.perms.siteAdmin;
    case 'ownerOrg':
      return r.orgId !== null && r.orgId === v.orgId;
    case 'distributionIn':
      return p.values.includes(r.distribution);
    case 'inSharingGroup':
      return r.sharingGroupUuid != null && v.sharingGroups.has(r.sharingGroupUuid);
    case 'publishedOrOpen':
      return r.published || !v.unpublishedPrivate;
  }
}

/** Whether `rule` grants `viewer` the record. */
export const sees = (rule: Rule, viewer: Viewer, record: AclRecord): boolean =>
  rule.some((all) => all.every((p) => holds(p, viewer, record)));

export interface EventAcl {
  readonly orgId: number | null;
  readonly distribution: number;
  readonly sharingGroupUuid?: string | null | undefined;
  readonly published: boolean;
}

export interface ItemAcl {
  readonly distribution: number;
  readonly sharingGroupUuid?: string | null | undefined;
}

/** Whether the viewer may see the event. */
export const canSeeEvent = (v: Viewer, e: EventAcl): boolean =>
  sees(EVENT_RULE, v, { orgId: e.orgId, distribution: e.distribution, sharingGroupUuid: e.sharingGroupUuid, published: e.published });

/** Whether the viewer may see an item (attribute, object, report) of an event, given its object if it is in one. */
export function canSeeItem(v: Viewer, e: EventAcl, item: ItemAcl, object?: ItemAcl | null): boolean {
  if (!canSeeEvent(v, e)) return false;
  const rec = (i: ItemAcl): AclRecord => ({ orgId: e.orgId, distribution: i.distribution, sharingGroupUuid: i.sharingGroupUuid, published: e.published });
  return (!object || sees(ITEM_RULE, v, rec(object))) && sees(ITEM_RULE, v, rec(item));
}

/** Whether the viewer may change the event (and what is in it): site admins, or their own organisation's with the modify permission. */
export const canEditEvent = (v: Viewer, e: { readonly orgId: number | null }): boolean =>
  v.perms.siteAdmin || (v.perms.modify && e.orgId !== null && e.orgId === v.orgId);

/** Whether the viewer may publish the event. */
export const canPublishEvent = (v: Viewer, e: { readonly orgId: number | null }): boolean =>
  v.perms.siteAdmin || (v.perms.publish && e.orgId !== null && e.orgId === v.orgId);
