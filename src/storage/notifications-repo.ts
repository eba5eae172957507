import type { ChannelName, NotificationRecord } from '../domain/types';
import type { Sql } from './database';

export async function getNotification(sql: Sql, id: number, forUpdate = false): Promise<NotificationRecord | undefined> {
  const { rows } = await sql.query<NotificationRecord>(`SELECT * FROM notifications WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

export async function listNotificationsForCase(sql: Sql, caseId: number): Promise<NotificationRecord[]> {
  const { rows } = await sql.query<NotificationRecord>('SELECT * FROM notifications WHERE case_id = $1 ORDER BY id', [caseId]);
  return rows;
}

/** Finds the notification a provider id belongs to (delivery receipts, echo suppression). */
export async function findNotificationByProviderId(sql: Sql, channel: ChannelName, providerId: string): Promise<NotificationRecord | undefined> {
  const { rows } = await sql.query<NotificationRecord>('SELECT * FROM notifications WHERE channel = $1 AND provider_id = $2', [channel, providerId]);
  return rows[0];
}

export interface NotificationFilter {
  status?: string[];
  channel?: string[];
  /** Keyset pagination: only rows with a smaller id. */
  beforeId?: number;
  limit: number;
}

/** Outbox rows newest first: what operators look at when messages fail. */
export async function listNotifications(sql: Sql, f: NotificationFilter): Promise<NotificationRecord[]> {
  const { rows } = await sql.query<NotificationRecord>(
    `SELECT * FROM notifications
     WHERE ($1::text[] IS NULL OR status = ANY($1::text[])) AND ($2::text[] IS NULL OR channel = ANY($2::text[]))
       AND ($3::bigint IS NULL OR id < $3)
     ORDER BY id DESC LIMIT $4`,
    [f.status ?? null, f.channel ?? null, f.beforeId ?? null, f.limit],
  );
  return rows;
}

/** True while a send a worker died on is not yet settled with the provider: it may have gone out. */
export function isUnreconciled(n: NotificationRecord): boolean {
  return n.interrupted_at !== null && n.reconciled_at === null;
}

/**
 * Puts a failed or undelivered row back in the outbox; undefined when the row is in any other state, or was
 * interrupted mid-send and not yet settled with the provider (retrying it could send a duplicate).
 */
export async function requeueNotification(tx: Sql, id: number): Promise<NotificationRecord | undefined> {
  const { rows } = await tx.query<NotificationRecord>(
    `UPDATE notifications SET status = 'pending', last_error = NULL, provider_id = NULL, provider_status = NULL, updated_at = now(),
       claimed_at = NULL, interrupted_at = NULL, reconciled_at = NULL
     WHERE id = $1 AND status IN ('failed', 'undelivered') AND (interrupted_at IS NULL OR reconciled_at IS NOT NULL) RETURNING *`,
    [id],
  );
  return rows[0];
}
