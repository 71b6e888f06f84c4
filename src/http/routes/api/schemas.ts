import { z } from 'zod';
import { EventSchema } from '../../../model/index.ts';
import { ROLES } from '../../../sharing/index.ts';

/** The native API's shapes: the one source of its validation and of /api/openapi.json. */

export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(['INVALID_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHORIZED', 'CONFLICT', 'TOO_LARGE', 'RATE_LIMITED', 'TIMEOUT', 'UPSTREAM', 'USAGE', 'INTERNAL']),
    message: z.string(),
    hint: z.string().optional(),
    details: z.unknown().optional(),
  }),
}).meta({ id: 'Error', description: 'Every native error: the code maps to the HTTP status.' });

export const Page = z.object({
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
  page: z.coerce.number().int().min(1).default(1),
});

export const Org = z.object({ id: z.number().int(), uuid: z.string(), name: z.string(), local: z.boolean(), description: z.string(), type: z.string(), nationality: z.string(), sector: z.string(), created: z.number().int() }).meta({ id: 'Organisation' });
export const OrgInput = z.object({ name: z.string().min(1).max(255), uuid: z.string().uuid().optional(), local: z.boolean().default(true), description: z.string().optional(), sector: z.string().optional(), nationality: z.string().optional(), type: z.string().optional() }).meta({ id: 'OrganisationInput' });

export const User = z.object({ id: z.number().int(), email: z.string(), orgId: z.number().int(), role: z.enum(ROLES), disabled: z.boolean(), created: z.number().int(), lastLogin: z.number().int() }).meta({ id: 'User' });
export const UserInput = z.object({ email: z.string().min(3), org: z.union([z.string(), z.number().int()]), role: z.enum(ROLES).default('user') }).meta({ id: 'UserInput' });

export const Key = z.object({ id: z.number().int(), userId: z.number().int(), keyStart: z.string(), keyEnd: z.string(), comment: z.string(), created: z.number().int(), expires: z.number().int(), lastUsed: z.number().int(), revoked: z.number().int() }).meta({ id: 'ApiKey', description: 'A key as stored: its first and last four characters, never the key.' });
export const KeyInput = z.object({ user: z.union([z.string(), z.number().int()]).optional(), comment: z.string().max(1000).default(''), expires: z.number().int().nonnegative().default(0) }).meta({ id: 'ApiKeyInput' });
export const KeyCreated = z.object({ key: z.string().length(40), apiKey: Key }).meta({ id: 'ApiKeyCreated', description: 'The key itself, shown this once.' });

export const SharingGroup = z.object({ id: z.number().int(), uuid: z.string(), name: z.string(), description: z.string(), releasability: z.string(), orgId: z.number().int(), allLocalOrgs: z.boolean(), active: z.boolean(), created: z.number().int(), modified: z.number().int(), orgIds: z.array(z.number().int()) }).meta({ id: 'SharingGroup' });
export const SharingGroupInput = z.object({ name: z.string().min(1).max(255), members: z.array(z.union([z.string(), z.number().int()])).default([]), allLocalOrgs: z.boolean().default(false), description: z.string().optional() }).meta({ id: 'SharingGroupInput' });

export const AuditRecord = z.object({ id: z.number().int(), created: z.number().int(), userId: z.number().int().nullable(), orgId: z.number().int().nullable(), action: z.string(), model: z.string(), modelId: z.number().int().nullable().optional(), modelUuid: z.string().nullable().optional(), title: z.string(), before: z.unknown().optional(), after: z.unknown().optional() }).meta({ id: 'AuditRecord' });
export const AuditQuery = Page.extend({ model: z.string().optional() });

export const EventSummary = z.object({ id: z.number().int(), uuid: z.string(), info: z.string(), date: z.string(), distribution: z.number().int(), published: z.boolean(), timestamp: z.number().int(), attributeCount: z.number().int() }).meta({ id: 'EventSummary' });
export const EventBody = EventSchema.meta({ id: 'Event' });
export const EventsQuery = Page.extend({ published: z.enum(['true', 'false']).optional() });
export const Created = z.object({ id: z.number().int(), uuid: z.string() }).meta({ id: 'Created' });

export const AttributeHit = z.object({
  id: z.number().int(), uuid: z.string(), eventId: z.number().int(), eventUuid: z.string(), type: z.string(), category: z.string(), value: z.string(),
  toIds: z.boolean(), comment: z.string(), distribution: z.number().int(), timestamp: z.number().int(), deleted: z.boolean(),
}).meta({ id: 'AttributeHit' });
export const AttributesQuery = Page.extend({ value: z.string().optional(), type: z.string().optional(), category: z.string().optional() });

export const Me = z.object({ user: User, org: Org, role: z.enum(ROLES), sharingGroups: z.array(z.string()) }).meta({ id: 'Me' });

export const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), page: z.number().int(), limit: z.number().int() });
