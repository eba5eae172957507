import type { ChannelName, NotificationStatus } from '../domain/types';
import type { Sql } from '../storage/database';
import type { OutboxRow } from './outbox-store';

/** What an interrupted row says once the provider confirmed it has the message. */
export const RECONCILED_SENT_NOTE = 'interrupted while sending, then confirmed with the provider: it was sent once; do not retry';
/** What it says once the provider confirmed it never got the message: now safe to retry. */
export const RECONCILED_NOT_SENT_REASON = 'interrupted while sending, and the provider confirmed it never received it: not sent; safe to retry';

/** Interrupted rows not yet settled, oldest interruption first, on the channels that can look messages up. */
export async function listUnreconciled(sql: Sql, channels: readonly ChannelName[], limit: number): Promise<OutboxRow[]> {
  const { rows } = await sql.query<OutboxRow>(
    `SELECT * FROM notifications
     WHERE interrupted_at IS NOT NULL AND reconciled_at IS NULL AND provider_id IS NULL AND channel = ANY($1::text[])
     ORDER BY interrupted_at, id LIMIT $2`,
    [channels, limit],
  );
  return rows;
}

/**
 * Adopts the provider's message onto an interrupted row: it was sent, under this provider id. Also used by a delivery
 * receipt that names the row (its send answer was lost). False when the row was settled meanwhile.
 */
export async function adoptProviderMessage(
  sql: Sql,
  id: number,
  found: { providerId: string; status: NotificationStatus; providerStatus: string; error?: string },
): Promise<boolean> {
  // Still queued or sending at the provider is, for us, accepted: the row must never look sendable again.
  const status: NotificationStatus = ['pending', 'queued', 'sending'].includes(found.status) ? 'sent' : found.status;
  const { rowCount } = await sql.query(
    `UPDATE notifications SET status = $3, provider_id = $2, provider_status = $4, sent_at = COALESCE(sent_at, claimed_at, now()),
       last_error = COALESCE($5, CASE WHEN interrupted_at IS NOT NULL THEN $6 END, last_error),
       reconciled_at = CASE WHEN interrupted_at IS NOT NULL THEN now() END, updated_at = now()
     WHERE id = $1 AND provider_id IS NULL AND reconciled_at IS NULL AND (status = 'sending' OR interrupted_at IS NOT NULL)`,
    [id, found.providerId, status, found.providerStatus, found.error ?? null, RECONCILED_SENT_NOTE],
  );
  return rowCount > 0;
}

/** Settles an interrupted row as never sent: it stays failed, and staff may now retry it. */
export async function settleNotSent(sql: Sql, id: number): Promise<boolean> {
  const { rowCount } = await sql.query(
    `UPDATE notifications SET last_error = $2, reconciled_at = now(), updated_at = now()
     WHERE id = $1 AND interrupted_at IS NOT NULL AND reconciled_at IS NULL AND provider_id IS NULL`,
    [id, RECONCILED_NOT_SENT_REASON],
  );
  return rowCount > 0;
}
