import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { EVENT_RULE, ITEM_RULE, type Predicate, type Rule } from './distribution.ts';
import type { Viewer } from './viewer.ts';

/** The columns a rule reads, as SQL references (e.g. `events.org_id`). */
export interface AclColumns {
  readonly orgId: string;
  readonly distribution: string;
  readonly sharingGroupUuid: string;
  readonly published: string;
}

const TRUE = sql<SqlBool>`1 = 1`;
const FALSE = sql<SqlBool>`1 = 0`;

function predicateSql(p: Predicate, v: Viewer, c: AclColumns): Expression<SqlBool> {
  switch (p.kind) {
    case 'siteAdmin':
      return v.perms.siteAdmin ? TRUE : FALSE;
    case 'ownerOrg':
      return sql<SqlBool>`${sql.ref(c.orgId)} = ${v.orgId}`;
    case 'distributionIn':
      // Equalities rather than `in (1, 2, 3)`: SQLite builds an ephemeral table for every
      // literal in-list at each run, which was two thirds of a one-value restSearch query.
      return sql<SqlBool>`(${sql.join(p.values.map((x) => sql<SqlBool>`${sql.ref(c.distribution)} = ${sql.lit(x)}`), sql` or `)})`;
    case 'inSharingGroup':
      return v.sharingGroups.size ? sql<SqlBool>`${sql.ref(c.sharingGroupUuid)} in (${sql.join([...v.sharingGroups])})` : FALSE;
    case 'publishedOrOpen':
      return v.unpublishedPrivate ? sql<SqlBool>`${sql.ref(c.published)} = 1` : TRUE;
  }
}

/** Compiles a rule to a where-clause over `columns`; constant parts (site admin, no groups) fold away. */
export function ruleSql(rule: Rule, v: Viewer, c: AclColumns): Expression<SqlBool> {
  const ors: Expression<SqlBool>[] = [];
  for (const all of rule) {
    const parts = all.map((p) => predicateSql(p, v, c));
    if (parts.includes(FALSE)) continue;
    const kept = parts.filter((x) => x !== TRUE);
    if (!kept.length) return TRUE;
    ors.push(kept.length === 1 ? kept[0]! : sql<SqlBool>`(${sql.join(kept, sql` and `)})`);
  }
  if (!ors.length) return FALSE;
  return ors.length === 1 ? ors[0]! : sql<SqlBool>`(${sql.join(ors, sql` or `)})`;
}

const EVENT_COLS: AclColumns = { orgId: 'events.org_id', distribution: 'events.distribution', sharingGroupUuid: 'events.sharing_group_uuid', published: 'events.published' };

/**
 * Where-clause: the viewer may see the row of `events`.
 *
 * @example db.selectFrom('events').selectAll().where(eventVisible(viewer))
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any query that has `events` in scope
export const eventVisible = (v: Viewer) => (_eb: ExpressionBuilder<any, any>): Expression<SqlBool> => ruleSql(EVENT_RULE, v, EVENT_COLS);

/**
 * Where-clause: the viewer may see the row of `attributes` (joined with its `events` row):
 * the event, the attribute's own distribution, and that of its object, if any.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any query that has `attributes` and `events` in scope
export const attributeVisible = (v: Viewer) => (_eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
  if (v.perms.siteAdmin) return TRUE;
  const ev = ruleSql(EVENT_RULE, v, EVENT_COLS);
  const own = ruleSql(ITEM_RULE, v, { ...EVENT_COLS, distribution: 'attributes.distribution', sharingGroupUuid: 'attributes.sharing_group_uuid' });
  const obj = ruleSql(ITEM_RULE, v, { ...EVENT_COLS, distribution: 'o.distribution', sharingGroupUuid: 'o.sharing_group_uuid' });
  const objOk = sql<SqlBool>`(attributes.object_id is null or exists (select 1 from objects o where o.id = attributes.object_id and ${obj}))`;
  return sql<SqlBool>`(${ev} and ${own} and ${objOk})`;
};

/** Where-clause for rows of `objects` or `event_reports` (joined with `events`), by their own distribution. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any query with the table and `events` in scope
export const itemVisible = (v: Viewer, table: 'objects' | 'event_reports') => (_eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
  sql<SqlBool>`(${ruleSql(EVENT_RULE, v, EVENT_COLS)} and ${ruleSql(ITEM_RULE, v, { ...EVENT_COLS, distribution: `${table}.distribution`, sharingGroupUuid: `${table}.sharing_group_uuid` })})`;
