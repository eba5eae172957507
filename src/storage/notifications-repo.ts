import type { Language } from '../domain/classifier';
import type { ChannelName, NotificationKind, NotificationRecord, NotificationStatus } from '../domain/types';
import type { Sql } from './database';

export interface NewNotification {
  case_id: number;
  event_id: number | null;
  subscription_id: number | null;
  channel: ChannelName;
  recipient: string;
  kind: NotificationKind;
  language: Language;
  params: Record<string, unknown>;
  status?: NotificationStatus;
  last_error?: string;
}

export async function insertNotification(tx: Sql, n: NewNotification): Promise<NotificationRecord> {
  const { rows } = await tx.query<NotificationRecord>(
    `INSERT INTO notifications (case_id, event_id, subscription_id, channel, recipient, kind, language, params, status, last_error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
    [
      n.case_id,
      n.event_id,
      n.subscription_id,
      n.channel,
      n.recipient,
      n.kind,
      n.language,
      JSON.stringify(n.params),
      n.status ?? 'pending',
      n.last_error ?? null,
    ],
  );
  return rows[0];
}

export async function getNotification(sql: Sql, id: number, forUpdate = false): Promise<NotificationRecord | undefined> {
  const { rows } = await sql.query<NotificationRecord>(
    `SELECT * FROM notifications WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0];
}

export async function listNotificationsForCase(sql: Sql, caseId: number): Promise<NotificationRecord[]> {
  const { rows } = await sql.query<NotificationRecord>('SELECT * FROM notifications WHERE case_id = $1 ORDER BY id', [caseId]);
  return rows;
}

/** Finds the notification a provider id belongs to (delivery receipts, echo suppression). */
export async function findNotificationByProviderId(
  sql: Sql,
  channel: ChannelName,
  providerId: string,
): Promise<NotificationRecord | undefined> {
  const { rows } = await sql.query<NotificationRecord>('SELECT * FROM notifications WHERE channel = $1 AND provider_id = $2', [
    channel,
    providerId,
  ]);
  return rows[0];
}
