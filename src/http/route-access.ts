import { ROLES, type Role } from '../sharing/index.ts';

/**
 * Every route of the server with the roles allowed on it: the one table of route-level access.
 * `public` routes need no key. Finer rules (own organisation, distribution) apply inside, in
 * core and sharing. A route missing here fails at startup, and the route-table test fails.
 */
export type Access = 'public' | readonly Role[];

const ANY: readonly Role[] = ROLES;
const WRITE: readonly Role[] = ['admin', 'org_admin', 'publisher', 'user', 'sync'];
const PUBLISH: readonly Role[] = ['admin', 'org_admin', 'publisher', 'sync'];
const SIGHT: readonly Role[] = ['admin', 'org_admin', 'publisher', 'user', 'sync'];
const ORG_ADMIN: readonly Role[] = ['admin', 'org_admin'];
const ADMIN: readonly Role[] = ['admin'];

export const ROUTE_ACCESS: Readonly<Record<string, Access>> = {
  // MISP API
  'GET /servers/getVersion': ANY,
  'GET /servers/getPyMISPVersion': ANY,
  'GET /users/view/:id': ANY,
  'GET /attributes/describeTypes': ANY,
  'GET /events/index': ANY,
  'POST /events/index': ANY,
  'GET /events/view/:id': ANY,
  'POST /events/view/:id': ANY,
  'POST /events/add': WRITE,
  'POST /events/edit/:id': WRITE,
  'PUT /events/edit/:id': WRITE,
  'POST /events/delete/:id': WRITE,
  'DELETE /events/delete/:id': WRITE,
  'POST /events/publish/:id': PUBLISH,
  'POST /events/unpublish/:id': PUBLISH,
  'POST /events/restSearch': ANY,
  'GET /events/restSearch': ANY,
  'GET /attributes/view/:id': ANY,
  'POST /attributes/add/:eventId': WRITE,
  'POST /attributes/edit/:id': WRITE,
  'PUT /attributes/edit/:id': WRITE,
  'POST /attributes/delete/:id': WRITE,
  'DELETE /attributes/delete/:id': WRITE,
  'POST /attributes/restSearch': ANY,
  'GET /attributes/restSearch': ANY,
  'POST /sightings/add': SIGHT,
  'POST /sightings/add/:id': SIGHT,
  'GET /tags/index': ANY,
  'GET /feeds/index': ANY,
  'GET /warninglists/index': ANY,
  'GET /taxonomies/index': ANY,
  // Native API
  'GET /api/openapi.json': 'public',
  'GET /api/v1/me': ANY,
  'GET /api/v1/events': ANY,
  'GET /api/v1/events/:id': ANY,
  'POST /api/v1/events': WRITE,
  'DELETE /api/v1/events/:id': WRITE,
  'POST /api/v1/events/:id/publish': PUBLISH,
  'GET /api/v1/attributes': ANY,
  'GET /api/v1/orgs': ANY,
  'POST /api/v1/orgs': ADMIN,
  'GET /api/v1/users': ORG_ADMIN,
  'POST /api/v1/users': ORG_ADMIN,
  'GET /api/v1/keys': ANY,
  'POST /api/v1/keys': ANY,
  'DELETE /api/v1/keys/:id': ANY,
  'GET /api/v1/sharing-groups': ANY,
  'POST /api/v1/sharing-groups': ORG_ADMIN,
  'GET /api/v1/audit': ADMIN,
};

export const routeKey = (method: string, path: string): string => `${method.toUpperCase()} ${path}`;
