import type { ChannelName, NotificationRecord } from '../domain/types';
import type { Sql } from './database';

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
