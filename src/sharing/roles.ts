/**
 * Cairn's roles: a closed set, each a fixed bundle of MISP's permission flags. The numeric ids
 * are the rows of the `roles` table.
 */
export const ROLES = ['admin', 'org_admin', 'publisher', 'user', 'read_only', 'sync'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_IDS: Readonly<Record<Role, number>> = { admin: 1, org_admin: 2, user: 3, publisher: 4, sync: 5, read_only: 6 };

export const roleById = (id: number): Role | undefined => ROLES.find((r) => ROLE_IDS[r] === id);

export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);

/** What a role may do, in MISP's terms. */
export interface Permissions {
  /** Sees and changes everything, manages every organisation (MISP perm_site_admin). */
  readonly siteAdmin: boolean;
  /** Manages the users and keys of their own organisation (perm_admin). */
  readonly orgAdmin: boolean;
  /** Creates and edits their organisation's events (perm_add, perm_modify_org). */
  readonly modify: boolean;
  /** Publishes events (perm_publish). */
  readonly publish: boolean;
  /** Adds sightings (perm_sighting). */
  readonly sighting: boolean;
  /** Pushes and pulls between instances (perm_sync). */
  readonly sync: boolean;
  /** Creates and edits tags (perm_tagger). */
  readonly tag: boolean;
}

const P = (siteAdmin: boolean, orgAdmin: boolean, modify: boolean, publish: boolean, sighting: boolean, sync: boolean): Permissions =>
  Object.freeze({ siteAdmin, orgAdmin, modify, publish, sighting, sync, tag: modify });

/** The permissions of each role (MISP's default roles: Admin, Org Admin, User, Publisher, Sync user, Read Only). */
export const PERMISSIONS: Readonly<Record<Role, Permissions>> = {
  admin: P(true, true, true, true, true, true),
  org_admin: P(false, true, true, true, true, false),
  publisher: P(false, false, true, true, true, false),
  user: P(false, false, true, false, true, false),
  read_only: P(false, false, false, false, false, false),
  sync: P(false, false, true, true, true, true),
};

/** MISP's name for each role, as /users/view/me reports it. */
export const MISP_ROLE_NAMES: Readonly<Record<Role, string>> = {
  admin: 'admin',
  org_admin: 'Org Admin',
  publisher: 'Publisher',
  user: 'User',
  read_only: 'Read Only',
  sync: 'Sync user',
};
