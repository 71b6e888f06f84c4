import type { Generated } from 'kysely';

/**
 * The rows Cairn stores: the one source of truth for table shapes. Booleans are 0/1 integers
 * and times unix seconds on both SQLite and PostgreSQL, so the same queries run on both.
 * `extra` columns hold JSON text: the fields of an input Cairn does not model.
 */
export interface Database {
  orgs: OrgTable;
  events: EventTable;
  objects: ObjectTable;
  attributes: AttributeTable;
  object_references: ObjectReferenceTable;
  tags: TagTable;
  event_tags: EventTagTable;
  attribute_tags: AttributeTagTable;
  galaxy_clusters: GalaxyClusterTable;
  sightings: SightingTable;
  event_reports: EventReportTable;
  proposals: ProposalTable;
  roles: RoleTable;
  users: UserTable;
  api_keys: ApiKeyTable;
  sharing_groups: SharingGroupTable;
  sharing_group_orgs: SharingGroupOrgTable;
  audit_log: AuditLogTable;
  feeds: FeedTable;
  correlation_entries: CorrelationEntryTable;
  correlation_values: CorrelationValueTable;
  correlation_nets: CorrelationNetTable;
  warninglists: WarninglistTable;
  taxonomies: TaxonomyTable;
  galaxy_synonyms: GalaxySynonymTable;
  instance_settings: InstanceSettingTable;
}

export interface OrgTable {
  id: Generated<number>;
  uuid: string;
  name: string;
  local: number;
  created: number;
  description: Generated<string>;
  type: Generated<string>;
  nationality: Generated<string>;
  sector: Generated<string>;
}

export interface EventTable {
  id: Generated<number>;
  uuid: string;
  info: string;
  date: string;
  threat_level: number;
  analysis: number;
  distribution: number;
  sharing_group_uuid: string | null;
  published: number;
  timestamp: number;
  publish_timestamp: number;
  disable_correlation: number;
  extends_uuid: string;
  org_id: number | null;
  orgc_id: number | null;
  attribute_count: number;
  extra: string | null;
}

export interface ObjectTable {
  id: Generated<number>;
  uuid: string;
  event_id: number;
  name: string;
  meta_category: string;
  description: string;
  template_uuid: string;
  template_version: string;
  comment: string;
  distribution: number;
  sharing_group_uuid: string | null;
  timestamp: number;
  first_seen: string | null;
  last_seen: string | null;
  deleted: number;
  extra: string | null;
}

export interface AttributeTable {
  id: Generated<number>;
  uuid: string;
  event_id: number;
  object_id: number | null;
  object_relation: string | null;
  category: string;
  type: string;
  /** The whole value; for composite types `value1|value2`. */
  value: string;
  value1: string;
  value2: string;
  to_ids: number;
  comment: string;
  distribution: number;
  sharing_group_uuid: string | null;
  timestamp: number;
  first_seen: string | null;
  last_seen: string | null;
  deleted: number;
  disable_correlation: number;
  redacted: number;
  extra: string | null;
}

export interface ObjectReferenceTable {
  id: Generated<number>;
  uuid: string;
  event_id: number;
  object_id: number;
  referenced_uuid: string;
  relationship_type: string;
  comment: string;
  timestamp: number;
  deleted: number;
  extra: string | null;
}

export interface TagTable {
  id: Generated<number>;
  name: string;
  colour: string;
  /** JSON: the tag's fields Cairn does not model (MISP `exportable`, `hide_tag`, ...), as first received. */
  extra: string | null;
}

export interface EventTagTable {
  event_id: number;
  tag_id: number;
  local: number;
}

export interface AttributeTagTable {
  attribute_id: number;
  event_id: number;
  tag_id: number;
  local: number;
}

export interface GalaxyClusterTable {
  id: Generated<number>;
  uuid: string;
  tag_name: string;
  value: string;
  galaxy_type: string;
  /** The cluster (with its galaxy) as JSON. */
  data: string;
}

export interface SightingTable {
  id: Generated<number>;
  uuid: string;
  attribute_id: number;
  event_id: number;
  org_uuid: string | null;
  org_name: string | null;
  type: number;
  source: string;
  timestamp: number;
  extra: string | null;
}

export interface EventReportTable {
  id: Generated<number>;
  uuid: string;
  event_id: number;
  name: string;
  content: string;
  distribution: number;
  sharing_group_uuid: string | null;
  timestamp: number;
  deleted: number;
  extra: string | null;
}

export interface ProposalTable {
  id: Generated<number>;
  uuid: string;
  event_id: number;
  data: string;
}

export interface RoleTable {
  id: number;
  name: string;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  org_id: number;
  role_id: number;
  disabled: Generated<number>;
  created: number;
  last_login: Generated<number>;
}

export interface ApiKeyTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 of the key, hex. */
  key_hash: string;
  key_start: string;
  key_end: string;
  comment: Generated<string>;
  created: number;
  /** Unix seconds; 0 never. */
  expires: Generated<number>;
  last_used: Generated<number>;
  /** Unix seconds of revocation; 0 active. */
  revoked: Generated<number>;
}

export interface SharingGroupTable {
  id: Generated<number>;
  uuid: string;
  name: string;
  description: Generated<string>;
  releasability: Generated<string>;
  org_id: number;
  all_local_orgs: Generated<number>;
  active: Generated<number>;
  created: number;
  modified: number;
}

export interface SharingGroupOrgTable {
  sharing_group_id: number;
  org_id: number;
  extend: Generated<number>;
}

export interface AuditLogTable {
  id: Generated<number>;
  created: number;
  user_id: number | null;
  org_id: number | null;
  action: string;
  model: string;
  model_id: number | null;
  model_uuid: string | null;
  title: string;
  /** JSON text of the record before the change; null for a creation. */
  before: string | null;
  after: string | null;
}

export interface FeedTable {
  id: Generated<number>;
  name: string;
  url: string;
  /** 'misp' | 'freetext' | 'csv' */
  format: string;
  /** 1: the feed may be fetched from private, loopback or link-local addresses. */
  allow_private: number;
  /** JSON: format options (CSV columns, ...). */
  options: string | null;
  created: number;
  last_pulled: number | null;
}

/** One correlation key of one attribute: equal keys in different events correlate. */
export interface CorrelationEntryTable {
  event_id: number;
  attribute_id: number;
  /** The normalised value (IPs as `ip4:`/`ip6:` + fixed-width hex, so ranges sort). */
  key: string;
}

/** How many events hold each key: the over-correlation test and the "top values" list. */
export interface CorrelationValueTable {
  key: string;
  events: number;
}

/** An IP network attribute (a CIDR), for containment correlation with addresses. */
export interface CorrelationNetTable {
  event_id: number;
  attribute_id: number;
  /** `4/24/c0a80100`: family, prefix length, network address in hex. */
  net_key: string;
  /** First and last address as entry keys (`ip4:c0a80100`, `ip4:c0a801ff`). */
  lo_key: string;
  hi_key: string;
}

export interface WarninglistTable {
  id: Generated<number>;
  name: string;
  version: number;
  description: string;
  /** string | substring | hostname | cidr | regex */
  type: string;
  category: string;
  /** JSON array of attribute types; empty for all. */
  matching_attributes: string;
  /** JSON array of entries. */
  entries: string;
  entry_count: number;
  enabled: number;
  /** builtin | directory | misp */
  source: string;
}

export interface TaxonomyTable {
  namespace: string;
  description: string;
  version: number;
  enabled: number;
  /** The machinetag.json document. */
  data: string;
}

/** Every name a galaxy cluster is known by (its value and synonyms), lower-cased. */
export interface GalaxySynonymTable {
  name: string;
  cluster_uuid: string;
}

/** Settings of this instance by name: `uuid` (MISP.uuid, made by the migration). */
export interface InstanceSettingTable {
  name: string;
  value: string;
}
