import type { Executor } from './executor.ts';

export interface AuditEntry {
  readonly userId: number | null;
  readonly orgId: number | null;
  /** add, edit, delete, publish, sighting, revoke, ... */
  readonly action: string;
  /** Event, Attribute, Sighting, Organisation, User, AuthKey, SharingGroup. */
  readonly model: string;
  readonly modelId?: number | null;
  readonly modelUuid?: string | null;
  readonly title: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface AuditRecord extends AuditEntry {
  readonly id: number;
  readonly created: number;
}

/** Appends an entry to the audit log; call it in the transaction of the change it records. */
export async function writeAudit(db: Executor, e: AuditEntry, now: number): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      created: now,
      user_id: e.userId,
      org_id: e.orgId,
      action: e.action,
      model: e.model,
      model_id: e.modelId ?? null,
      model_uuid: e.modelUuid ?? null,
      title: e.title,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .execute();
}

/** The audit log, newest first. */
export async function listAudit(db: Executor, f: { limit?: number; offset?: number; model?: string; userId?: number } = {}): Promise<AuditRecord[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(f.limit ?? 100).offset(f.offset ?? 0);
  if (f.model) q = q.where('model', '=', f.model);
  if (f.userId !== undefined) q = q.where('user_id', '=', f.userId);
  return (await q.execute()).map((r) => ({
    id: r.id,
    created: r.created,
    userId: r.user_id,
    orgId: r.org_id,
    action: r.action,
    model: r.model,
    modelId: r.model_id,
    modelUuid: r.model_uuid,
    title: r.title,
    before: r.before === null ? undefined : (JSON.parse(r.before) as unknown),
    after: r.after === null ? undefined : (JSON.parse(r.after) as unknown),
  }));
}
