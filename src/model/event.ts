import { z } from 'zod';
import { CATEGORIES } from './registry.ts';

/**
 * The MISP core shapes as Cairn holds them. Field names are camelCase; MISP's snake_case
 * names live only in formats/misp-json. Every shape keeps `extra`: the fields of an input
 * Cairn does not model, given back on export so that nothing is lost.
 */

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a uuid');
/** Unix seconds. */
const unixTime = z.number().int().nonnegative();
const extra = z.record(z.string(), z.unknown()).optional();

export const OrganisationSchema = z.object({
  uuid,
  name: z.string().min(1).max(255),
  local: z.boolean().optional(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

export const TagSchema = z.object({
  name: z.string().min(1).max(255),
  colour: z.string().max(7).optional(),
  /** A local tag is never shared outside the instance. */
  local: z.boolean().optional(),
  extra,
});
export type Tag = z.infer<typeof TagSchema>;

export const SightingSchema = z.object({
  uuid,
  /** 0 sighting, 1 false positive, 2 expiration. */
  type: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  source: z.string().max(255).default(''),
  timestamp: unixTime,
  org: OrganisationSchema.optional(),
  extra,
});
export type Sighting = z.infer<typeof SightingSchema>;

/** 0 organisation, 1 community, 2 connected, 3 all, 4 sharing group, 5 inherit from the event. */
export const AttributeDistribution = z.number().int().min(0).max(5);
/** 0 organisation, 1 community, 2 connected, 3 all, 4 sharing group. */
export const EventDistribution = z.number().int().min(0).max(4);

export const AttributeSchema = z.object({
  uuid,
  category: z.enum(CATEGORIES),
  type: z.string().min(1),
  value: z.string(),
  toIds: z.boolean(),
  comment: z.string().default(''),
  distribution: AttributeDistribution,
  sharingGroupUuid: uuid.optional(),
  timestamp: unixTime,
  firstSeen: z.string().optional(),
  lastSeen: z.string().optional(),
  deleted: z.boolean().default(false),
  disableCorrelation: z.boolean().default(false),
  /** A redaction placeholder (`<sha256>`): kept and rendered, never correlated nor exported as an indicator. */
  redacted: z.boolean().default(false),
  /** For attributes inside an object: their relation name in the object template. */
  objectRelation: z.string().optional(),
  tags: z.array(TagSchema).default([]),
  sightings: z.array(SightingSchema).default([]),
  extra,
});
export type Attribute = z.infer<typeof AttributeSchema>;

export const ObjectReferenceSchema = z.object({
  uuid,
  referencedUuid: uuid,
  relationshipType: z.string().min(1).max(255),
  comment: z.string().default(''),
  timestamp: unixTime,
  deleted: z.boolean().default(false),
  extra,
});
export type ObjectReference = z.infer<typeof ObjectReferenceSchema>;

export const MispObjectSchema = z.object({
  uuid,
  name: z.string().min(1).max(255),
  metaCategory: z.string().default(''),
  description: z.string().default(''),
  templateUuid: z.string().default(''),
  templateVersion: z.string().default(''),
  comment: z.string().default(''),
  distribution: AttributeDistribution,
  sharingGroupUuid: uuid.optional(),
  timestamp: unixTime,
  firstSeen: z.string().optional(),
  lastSeen: z.string().optional(),
  deleted: z.boolean().default(false),
  attributes: z.array(AttributeSchema).default([]),
  references: z.array(ObjectReferenceSchema).default([]),
  extra,
});
export type MispObject = z.infer<typeof MispObjectSchema>;

/** A galaxy cluster attached to an event or attribute (through its tag). */
export const GalaxyClusterRefSchema = z.object({
  uuid: z.string(),
  tagName: z.string().min(1),
  value: z.string().default(''),
  galaxyType: z.string().default(''),
  /** The cluster and galaxy JSON as received, kept for export. */
  extra,
});
export type GalaxyClusterRef = z.infer<typeof GalaxyClusterRefSchema>;

export const EventReportSchema = z.object({
  uuid,
  name: z.string(),
  content: z.string(),
  distribution: AttributeDistribution,
  sharingGroupUuid: uuid.optional(),
  timestamp: unixTime,
  deleted: z.boolean().default(false),
  extra,
});
export type EventReport = z.infer<typeof EventReportSchema>;

export const EventSchema = z.object({
  uuid,
  info: z.string().min(1, 'an event needs a title (info)').max(65535),
  /** YYYY-MM-DD */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
  /** 1 high, 2 medium, 3 low, 4 undefined. */
  threatLevel: z.number().int().min(1).max(4),
  /** 0 initial, 1 ongoing, 2 completed. */
  analysis: z.number().int().min(0).max(2),
  distribution: EventDistribution,
  sharingGroupUuid: uuid.optional(),
  published: z.boolean(),
  timestamp: unixTime,
  publishTimestamp: unixTime.default(0),
  disableCorrelation: z.boolean().default(false),
  extendsUuid: z.string().default(''),
  orgc: OrganisationSchema.optional(),
  org: OrganisationSchema.optional(),
  tags: z.array(TagSchema).default([]),
  galaxies: z.array(GalaxyClusterRefSchema).default([]),
  attributes: z.array(AttributeSchema).default([]),
  objects: z.array(MispObjectSchema).default([]),
  reports: z.array(EventReportSchema).default([]),
  /** Proposals (MISP ShadowAttribute), kept as received. */
  proposals: z.array(z.record(z.string(), z.unknown())).default([]),
  extra,
});
export type Event = z.infer<typeof EventSchema>;
export type EventInput = z.input<typeof EventSchema>;

export const THREAT_LEVELS: Readonly<Record<number, string>> = { 1: 'High', 2: 'Medium', 3: 'Low', 4: 'Undefined' };
export const ANALYSIS_LEVELS: Readonly<Record<number, string>> = { 0: 'Initial', 1: 'Ongoing', 2: 'Completed' };
