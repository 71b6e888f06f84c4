import { PERMISSIONS, type Permissions, type Role } from './roles.ts';

/**
 * Who is asking: the one input of every access rule. Built once per request from the user
 * behind an API key (or for the CLI, the instance itself).
 */
export interface Viewer {
  readonly userId: number | null;
  readonly orgId: number;
  readonly role: Role;
  readonly perms: Permissions;
  /** Uuids of the sharing groups this viewer's organisation belongs to. */
  readonly sharingGroups: ReadonlySet<string>;
  /** Whether unpublished events stay inside their organisation (MISP.unpublishedprivate). */
  readonly unpublishedPrivate: boolean;
}

export function makeViewer(v: { userId: number | null; orgId: number; role: Role; sharingGroups?: Iterable<string>; unpublishedPrivate?: boolean }): Viewer {
  return Object.freeze({
    userId: v.userId,
    orgId: v.orgId,
    role: v.role,
    perms: PERMISSIONS[v.role],
    sharingGroups: new Set(v.sharingGroups ?? []),
    unpublishedPrivate: v.unpublishedPrivate ?? true,
  });
}
