import type { Sql } from './database';

/** One staff action: who did what to what, and the values before and after. */
export interface AuditEntry {
  id: number;
  actor: string;
  user_id: number | null;
  action: string;
  target: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  created_at: Date;
}

export interface AuditInput {
  actor: string;
  userId?: number | null;
  action: string;
  target?: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Written in the transaction of the change it records, so the log and the change never disagree. */
export async function insertAudit(tx: Sql, a: AuditInput): Promise<void> {
  await tx.query('INSERT INTO staff_audit_log (actor, user_id, action, target, before, after) VALUES ($1, $2, $3, $4, $5, $6)', [
    a.actor,
    a.userId ?? null,
    a.action,
    a.target ?? null,
    a.before ? JSON.stringify(a.before) : null,
    a.after ? JSON.stringify(a.after) : null,
  ]);
}

/** Newest first, optionally for one target (`case:100001`) or one actor's account. */
export async function listAudit(sql: Sql, f: { target?: string; userId?: number; beforeId?: number; limit: number }): Promise<AuditEntry[]> {
  const { rows } = await sql.query<AuditEntry>(
    `SELECT * FROM staff_audit_log WHERE ($1::text IS NULL OR target = $1) AND ($2::bigint IS NULL OR user_id = $2)
       AND ($3::bigint IS NULL OR id < $3) ORDER BY id DESC LIMIT $4`,
    [f.target ?? null, f.userId ?? null, f.beforeId ?? null, f.limit],
  );
  return rows;
}
