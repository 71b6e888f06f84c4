import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { CairnError } from '../errors.ts';
import { attributeVisible, eventVisible, type Viewer } from '../sharing/index.ts';
import type { Db } from './db.ts';
import { numberedPlaceholders, type Executor } from './executor.ts';
import { readRows } from './read-now.ts';
import type { Database } from './schema.ts';

/** A MISP search parameter: values any of which must match, all of which must match, none of which may match. */
export interface Cond {
  readonly or: readonly string[];
  readonly and: readonly string[];
  readonly not: readonly string[];
}

/** [from, to] in unix seconds; either end open. */
export type Range = readonly [number | undefined, number | undefined];

/** MISP restSearch filters, parsed (see http/routes/misp/search-params.ts). */
export interface SearchFilter {
  readonly value?: Cond;
  readonly type?: Cond;
  readonly category?: Cond;
  readonly org?: Cond;
  readonly tags?: Cond;
  readonly eventid?: Cond;
  readonly uuid?: Cond;
  readonly eventinfo?: string;
  /** Event date, YYYY-MM-DD, inclusive. */
  readonly from?: string;
  readonly to?: string;
  /** Events published in the last so many seconds. */
  readonly last?: number;
  /** Attribute timestamp (attributes) or event timestamp (events). */
  readonly timestamp?: Range;
  readonly eventTimestamp?: Range;
  readonly publishTimestamp?: Range;
  readonly toIds?: boolean;
  readonly published?: boolean;
  readonly deleted?: 'no' | 'both' | 'only';
  readonly limit?: number;
  readonly page?: number;
}

type Eb = ExpressionBuilder<Database, 'attributes' | 'events'>;
type EvEb = ExpressionBuilder<Database, 'events'>;

const TRUE = sql<SqlBool>`1 = 1`;
const and = (xs: Expression<SqlBool>[]): Expression<SqlBool> => (xs.length === 0 ? TRUE : xs.length === 1 ? xs[0]! : sql<SqlBool>`(${sql.join(xs, sql` and `)})`);
const or = (xs: Expression<SqlBool>[]): Expression<SqlBool> => (xs.length === 0 ? sql<SqlBool>`1 = 0` : xs.length === 1 ? xs[0]! : sql<SqlBool>`(${sql.join(xs, sql` or `)})`);
const not = (x: Expression<SqlBool>): Expression<SqlBool> => sql<SqlBool>`not ${x}`;

/** Applies a Cond given how one value matches, with exact values batched into one `in` when possible. */
function condSql(c: Cond | undefined, one: (v: string) => Expression<SqlBool>, many?: (vs: string[]) => Expression<SqlBool>): Expression<SqlBool> | undefined {
  if (!c || (!c.or.length && !c.and.length && !c.not.length)) return undefined;
  const anyOf = (vs: readonly string[]): Expression<SqlBool> => {
    const exact = vs.filter((v) => !v.includes('%') && !v.includes('|'));
    const rest = vs.filter((v) => v.includes('%') || v.includes('|'));
    const parts = many && exact.length > 1 ? [many(exact), ...rest.map(one)] : vs.map(one);
    return or(parts);
  };
  const parts: Expression<SqlBool>[] = [];
  if (c.or.length) parts.push(anyOf(c.or));
  for (const v of c.and) parts.push(one(v));
  if (c.not.length) parts.push(not(anyOf(c.not)));
  return and(parts);
}

const likeOrEq = (col: string, v: string): Expression<SqlBool> =>
  v.includes('%') ? sql<SqlBool>`${sql.ref(col)} like ${v.replace(/[\\_]/g, (x) => `\\${x}`)} escape '\\'` : sql<SqlBool>`${sql.ref(col)} = ${v}`;

/** Value matching as MISP does: either half of a composite, the whole composite, or a `%` pattern. */
function valueOne(v: string): Expression<SqlBool> {
  if (v.includes('%')) return or([likeOrEq('attributes.value1', v), likeOrEq('attributes.value2', v), likeOrEq('attributes.value', v)]);
  const i = v.indexOf('|');
  // `value2 <> ''` lets both databases use the partial value2 index (migration 0501).
  if (i >= 0) return sql<SqlBool>`(attributes.value1 = ${v.slice(0, i)} and attributes.value2 = ${v.slice(i + 1)} and attributes.value2 <> '')`;
  return sql<SqlBool>`attributes.id in (select id from attributes where value1 = ${v} union all select id from attributes where value2 = ${v} and value2 <> '')`;
}
/**
 * Exact values as ids from the two value indexes. Written as `value1 in (...) or value2 in
 * (...)`, SQLite's planner prefers walking the whole table in id order (value2 is '' on most
 * rows, so its statistics promise thousands of rows per value): a 1,000-value search on 1M
 * attributes took ~1 s instead of ~30 ms. The id subquery gives it only index lookups.
 */
const valueMany = (vs: string[]): Expression<SqlBool> =>
  sql<SqlBool>`attributes.id in (select id from attributes where value1 in (${sql.join(vs)}) union all select id from attributes where value2 in (${sql.join(vs)}) and value2 <> '')`;

function orgOne(v: string): Expression<SqlBool> {
  const sub = /^\d+$/.test(v)
    ? sql`select id from orgs where id = ${Number(v)}`
    : v.includes('%')
      ? sql`select id from orgs where name like ${v}`
      : sql`select id from orgs where name = ${v} or uuid = ${v.toLowerCase()}`;
  return sql<SqlBool>`events.orgc_id in (${sub})`;
}

const tagIdsSql = (v: string) => (v.includes('%') ? sql`select id from tags where name like ${v}` : /^\d+$/.test(v) ? sql`select id from tags where id = ${Number(v)}` : sql`select id from tags where name = ${v}`);

function rangeSql(col: string, r: Range | undefined): Expression<SqlBool>[] {
  if (!r) return [];
  const out: Expression<SqlBool>[] = [];
  if (r[0] !== undefined) out.push(sql<SqlBool>`${sql.ref(col)} >= ${r[0]}`);
  if (r[1] !== undefined) out.push(sql<SqlBool>`${sql.ref(col)} <= ${r[1]}`);
  return out;
}

/** Conditions on the event row, shared by both searches. */
function eventConds(f: SearchFilter, now: number): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  const org = condSql(f.org, orgOne);
  if (org) out.push(org);
  if (f.from) out.push(sql<SqlBool>`events.date >= ${f.from}`);
  if (f.to) out.push(sql<SqlBool>`events.date <= ${f.to}`);
  if (f.last !== undefined) out.push(sql<SqlBool>`events.publish_timestamp >= ${now - f.last}`);
  out.push(...rangeSql('events.publish_timestamp', f.publishTimestamp), ...rangeSql('events.timestamp', f.eventTimestamp));
  if (f.published !== undefined) out.push(sql<SqlBool>`events.published = ${f.published ? 1 : 0}`);
  if (f.eventinfo) out.push(likeOrEq('events.info', f.eventinfo));
  return out;
}

/** Conditions on the attribute row. */
function attributeConds(f: SearchFilter, withTimestamp: boolean): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  const push = (x: Expression<SqlBool> | undefined) => x && out.push(x);
  push(condSql(f.value, valueOne, valueMany));
  push(condSql(f.type, (v) => likeOrEq('attributes.type', v), (vs) => sql<SqlBool>`attributes.type in (${sql.join(vs)})`));
  push(condSql(f.category, (v) => likeOrEq('attributes.category', v), (vs) => sql<SqlBool>`attributes.category in (${sql.join(vs)})`));
  if (f.toIds !== undefined) out.push(sql<SqlBool>`attributes.to_ids = ${f.toIds ? 1 : 0}`);
  const del = f.deleted ?? 'no';
  if (del !== 'both') out.push(sql<SqlBool>`attributes.deleted = ${del === 'only' ? 1 : 0}`);
  // Redaction placeholders are never search results or exported indicators.
  out.push(sql<SqlBool>`attributes.redacted = 0`);
  if (withTimestamp) out.push(...rangeSql('attributes.timestamp', f.timestamp));
  return out;
}

const hasAttributeConds = (f: SearchFilter): boolean => Boolean(f.value || f.type || f.category || f.toIds !== undefined);

export interface AttributeSearchRow {
  readonly id: number;
  readonly uuid: string;
  readonly event_id: number;
  readonly object_id: number | null;
  readonly object_relation: string | null;
  readonly category: string;
  readonly type: string;
  readonly value: string;
  readonly to_ids: number;
  readonly comment: string;
  readonly distribution: number;
  readonly sharing_group_uuid: string | null;
  readonly timestamp: number;
  readonly first_seen: string | null;
  readonly last_seen: string | null;
  readonly deleted: number;
  readonly disable_correlation: number;
  readonly event_uuid: string;
  readonly event_info: string;
  readonly event_org_id: number | null;
  readonly event_orgc_id: number | null;
  readonly event_distribution: number;
  readonly event_date: string;
  readonly event_publish_timestamp: number;
  /** The attribute's tags, in tag id order: read with the row on the one-value hot path only. */
  readonly tags?: readonly AttributeTagRef[];
}

/** A tag on an attribute, as restSearch shows it. */
export interface AttributeTagRef {
  readonly id: number;
  readonly name: string;
  readonly colour: string;
  readonly local: number;
}

/**
 * Attributes matching MISP restSearch filters that the viewer may see, in id order: one
 * statement, with the distribution rules as part of its where-clause. Given the `Db`, the
 * one-value hot path may run at once on SQLite (`readRows`).
 */
export async function searchAttributeRows(source: Executor | Db, viewer: Viewer, f: SearchFilter, now = Math.floor(Date.now() / 1000)): Promise<AttributeSearchRow[]> {
  const db = 'kysely' in source ? source.kysely : source;
  const fast = singleValue(f);
  if (fast !== undefined) return byOneValue(db, 'kysely' in source ? source : undefined, viewer, fast, f);
  let q = db
    .selectFrom('attributes')
    .innerJoin('events', 'events.id', 'attributes.event_id')
    .select([
      'attributes.id', 'attributes.uuid', 'attributes.event_id', 'attributes.object_id', 'attributes.object_relation', 'attributes.category',
      'attributes.type', 'attributes.value', 'attributes.to_ids', 'attributes.comment', 'attributes.distribution', 'attributes.sharing_group_uuid',
      'attributes.timestamp', 'attributes.first_seen', 'attributes.last_seen', 'attributes.deleted', 'attributes.disable_correlation',
      'events.uuid as event_uuid', 'events.info as event_info', 'events.org_id as event_org_id', 'events.orgc_id as event_orgc_id',
      'events.distribution as event_distribution', 'events.date as event_date', 'events.publish_timestamp as event_publish_timestamp',
    ])
    .where(attributeVisible(viewer));
  const conds = [...attributeConds(f, true), ...eventConds(f, now)];
  const ev = condSql(f.eventid, (v) => (/^\d+$/.test(v) ? sql<SqlBool>`attributes.event_id = ${Number(v)}` : sql<SqlBool>`events.uuid = ${v.toLowerCase()}`));
  if (ev) conds.push(ev);
  const uuid = condSql(f.uuid, (v) => sql<SqlBool>`(attributes.uuid = ${v.toLowerCase()} or events.uuid = ${v.toLowerCase()})`);
  if (uuid) conds.push(uuid);
  const tags = condSql(f.tags, (v) => sql<SqlBool>`(attributes.id in (select attribute_id from attribute_tags where tag_id in (${tagIdsSql(v)})) or attributes.event_id in (select event_id from event_tags where tag_id in (${tagIdsSql(v)})))`);
  if (tags) conds.push(tags);
  for (const c of conds) q = q.where(() => c);
  q = q.orderBy('attributes.id');
  if (f.limit !== undefined) q = q.modifyEnd(sql.raw(pageSql(f)));
  return (await q.execute()) as AttributeSearchRow[];
}

const SELECT_COLUMNS = [
  'attributes.id', 'attributes.uuid', 'attributes.event_id', 'attributes.object_id', 'attributes.object_relation', 'attributes.category',
  'attributes.type', 'attributes.value', 'attributes.to_ids', 'attributes.comment', 'attributes.distribution', 'attributes.sharing_group_uuid',
  'attributes.timestamp', 'attributes.first_seen', 'attributes.last_seen', 'attributes.deleted', 'attributes.disable_correlation',
  'events.uuid as event_uuid', 'events.info as event_info', 'events.org_id as event_org_id', 'events.orgc_id as event_orgc_id',
  'events.distribution as event_distribution', 'events.date as event_date', 'events.publish_timestamp as event_publish_timestamp',
].join(', ');
const QUOTED_COLUMNS = SELECT_COLUMNS.replace(/([a-z_]+)\.([a-z_]+)( as ([a-z_]+))?/g, (_m, t: string, c: string, _a, as: string | undefined) => `"${t}"."${c}"${as ? ` as "${as}"` : ''}`);

/** The one exact, non-composite value of a filter that has nothing else (the hot path of restSearch), or undefined. */
function singleValue(f: SearchFilter): string | undefined {
  const keys = Object.keys(f).filter((k) => (f as Record<string, unknown>)[k] !== undefined && !['limit', 'page', 'deleted'].includes(k));
  if (keys.length !== 1 || !f.value || f.value.or.length !== 1 || f.value.and.length || f.value.not.length || (f.deleted ?? 'no') !== 'no') return undefined;
  const v = f.value.or[0]!;
  return v.includes('%') || v.includes('|') ? undefined : v;
}

/**
 * LIMIT and OFFSET as integer literals: bound as parameters, they made SQLite's one-value
 * restSearch query five times slower (~200 us against ~40 us on 1M attributes), whatever the plan
 * said. Both are integers from parseSearch; anything else is refused here.
 */
function pageSql(f: SearchFilter): string {
  if (f.limit === undefined) return '';
  const offset = ((f.page ?? 1) - 1) * f.limit;
  if (!Number.isSafeInteger(f.limit) || !Number.isSafeInteger(offset) || f.limit < 0 || offset < 0) throw new CairnError('INVALID_INPUT', 'limit and page must be positive integers');
  return ` limit ${f.limit} offset ${offset}`;
}

/**
 * The hot path: one exact value, as one cached SQL text per viewer. The distribution clause
 * is the same `attributeVisible` as everywhere, compiled once per viewer and reused, so the
 * query builder does not run per request.
 */
type HotRow = Omit<AttributeSearchRow, 'tags'> & { tags: string | unknown[][] | null | AttributeTagRef[] };
const compiledHot = new WeakMap<Viewer, { sql: string; parameters: readonly unknown[]; paged: Map<string, string> }>();
async function byOneValue(db: Executor, whole: Db | undefined, viewer: Viewer, value: string, f: SearchFilter): Promise<AttributeSearchRow[]> {
  let hot = compiledHot.get(viewer);
  if (!hot) {
    const acl = sql`${attributeVisible(viewer)({} as Eb)}`.compile(db);
    const pg = numberedPlaceholders(db);
    const n = acl.parameters.length;
    const [a, b] = pg ? [`$${n + 1}`, `$${n + 2}`] : ['?', '?'];
    // The attribute's tags as one JSON column: a second statement per request for them cost
    // ~8 us of the ~120 us a one-value restSearch took (server CPU per request, bench/api).
    const tags = pg
      ? `(select json_agg(json_build_array(t.id, t.name, t.colour, x.local) order by t.id) from attribute_tags x join tags t on t.id = x.tag_id where x.attribute_id = attributes.id) as tags`
      : `(select json_group_array(json_array(id, name, colour, local)) from (select t.id, t.name, t.colour, x.local from attribute_tags x join tags t on t.id = x.tag_id where x.attribute_id = attributes.id order by t.id)) as tags`;
    hot = {
      sql: `select ${QUOTED_COLUMNS}, ${tags} from "attributes" inner join "events" on "events"."id" = "attributes"."event_id" where ${acl.sql} and attributes.id in (select id from attributes where value1 = ${a} union all select id from attributes where value2 = ${b} and value2 <> '') and attributes.deleted = 0 and attributes.redacted = 0 order by "attributes"."id"`,
      parameters: acl.parameters,
      paged: new Map(),
    };
    compiledHot.set(viewer, hot);
  }
  // The same string object for the same page: the statement cache's Map then reuses its hash
  // instead of hashing ~1.5 KB of SQL on every request.
  const page = pageSql(f);
  let text = hot.paged.get(page);
  if (text === undefined) {
    text = hot.sql + page;
    if (hot.paged.size < 100) hot.paged.set(page, text);
  }
  const parameters = [...hot.parameters, value, value];
  const rows = whole ? await readRows<HotRow>(whole, text, parameters) : (await db.executeQuery<HotRow>(CompiledQuery.raw(text, parameters))).rows;
  // SQLite gives the JSON as text ('[]' for none), PostgreSQL as parsed JSON (null for none).
  for (const r of rows) {
    const t = (typeof r.tags === 'string' ? JSON.parse(r.tags) : (r.tags ?? [])) as unknown[][];
    r.tags = t.map(([id, name, colour, local]) => ({ id: Number(id), name: String(name), colour: String(colour), local: Number(local) }));
  }
  return rows as AttributeSearchRow[];
}

/** Ids of the events matching MISP restSearch filters that the viewer may see, in id order. */
export async function searchEventIds(db: Executor, viewer: Viewer, f: SearchFilter, now = Math.floor(Date.now() / 1000)): Promise<number[]> {
  let q = db.selectFrom('events').select('events.id').where(eventVisible(viewer));
  const conds = eventConds(f, now);
  conds.push(...rangeSql('events.timestamp', f.timestamp));
  const ev = condSql(f.eventid, (v) => (/^\d+$/.test(v) ? sql<SqlBool>`events.id = ${Number(v)}` : sql<SqlBool>`events.uuid = ${v.toLowerCase()}`));
  if (ev) conds.push(ev);
  const uuid = condSql(f.uuid, (v) => sql<SqlBool>`(events.uuid = ${v.toLowerCase()} or events.id in (select event_id from attributes where uuid = ${v.toLowerCase()}))`);
  if (uuid) conds.push(uuid);
  const tags = condSql(f.tags, (v) => sql<SqlBool>`(events.id in (select event_id from event_tags where tag_id in (${tagIdsSql(v)})) or events.id in (select event_id from attribute_tags where tag_id in (${tagIdsSql(v)})))`);
  if (tags) conds.push(tags);
  if (hasAttributeConds(f)) {
    const inner = and([...attributeConds(f, false), attributeVisible(viewer)({} as Eb)]);
    conds.push(sql<SqlBool>`exists (select 1 from attributes where attributes.event_id = events.id and ${inner})`);
  }
  for (const c of conds) q = q.where(() => c);
  q = q.orderBy('events.id');
  if (f.limit !== undefined) q = q.modifyEnd(sql.raw(pageSql(f)));
  return (await q.execute()).map((r) => r.id);
}

/** Owner organisation and access fields of one event, by id or uuid. */
export async function eventAcl(db: Executor, key: number | string): Promise<{ id: number; uuid: string; orgId: number | null; orgcId: number | null; distribution: number; sharingGroupUuid: string | null; published: boolean } | undefined> {
  const q = db.selectFrom('events').select(['id', 'uuid', 'org_id', 'orgc_id', 'distribution', 'sharing_group_uuid', 'published']);
  const r = await (typeof key === 'number' ? q.where('id', '=', key) : q.where('uuid', '=', key.toLowerCase())).executeTakeFirst();
  return r ? { id: r.id, uuid: r.uuid, orgId: r.org_id, orgcId: r.orgc_id, distribution: r.distribution, sharingGroupUuid: r.sharing_group_uuid, published: r.published === 1 } : undefined;
}

/** Number of events the viewer may see. */
export async function countVisibleEvents(db: Executor, viewer: Viewer): Promise<number> {
  const r = await db.selectFrom('events').select((eb: EvEb) => eb.fn.countAll<number>().as('n')).where(eventVisible(viewer)).executeTakeFirstOrThrow();
  return Number(r.n);
}
