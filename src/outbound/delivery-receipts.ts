import type { DeliveryReceipt } from '../channels/port';
import type { NotificationRecord, NotificationStatus } from '../domain/types';
import { setOptOut } from '../storage/contacts-repo';
import type { Database, Sql } from '../storage/database';
import { inTransaction } from '../storage/unit-of-work';
import { adoptProviderMessage } from './reconcile-store';

/** Receipts can arrive out of order ("sent" after "delivered"): a row only moves forward. */
const RANK: Record<NotificationStatus, number> = {
  pending: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  undelivered: 4,
  failed: 4,
  skipped: 5,
};

/**
 * Applies one provider delivery receipt to the notification sent under that provider id. A receipt that names its
 * notification (the id rode along in the callback URL) for a row that never learned its provider id (the worker died
 * before the send answer was recorded) adopts the id and status onto that row. False when the message is not one of
 * ours (acknowledged and ignored). A recipient the provider says opted out is never messaged again.
 */
export async function recordDeliveryReceipt(db: Database, receipt: DeliveryReceipt): Promise<boolean> {
  return inTransaction(db, async ({ tx }) => {
    const { rows } = await tx.query<NotificationRecord>('SELECT * FROM notifications WHERE channel = $1 AND provider_id = $2 FOR UPDATE', [
      receipt.channel,
      receipt.providerMessageId,
    ]);
    const current = rows[0] ?? (await adopt(tx, receipt));
    if (!current) return false;
    if (RANK[receipt.status] >= RANK[current.status]) {
      await tx.query(
        `UPDATE notifications SET status = $2, provider_status = $3, last_error = COALESCE($4, last_error), updated_at = now()
         WHERE id = $1`,
        [current.id, receipt.status, receipt.providerStatus, receipt.error ?? null],
      );
    }
    if (receipt.recipientOptedOut) await setOptOut(tx, current.channel, current.recipient, true);
    return true;
  });
}

/** The row the receipt names, with the provider's id and status adopted onto it; undefined when it cannot be (settled, or another message's). */
async function adopt(tx: Sql, receipt: DeliveryReceipt): Promise<NotificationRecord | undefined> {
  if (receipt.notificationId === undefined) return undefined;
  const { rows } = await tx.query<NotificationRecord>('SELECT * FROM notifications WHERE id = $1 AND channel = $2 FOR UPDATE', [
    receipt.notificationId,
    receipt.channel,
  ]);
  if (!rows[0]) return undefined;
  const adopted = await adoptProviderMessage(tx, rows[0].id, {
    providerId: receipt.providerMessageId,
    status: receipt.status,
    providerStatus: receipt.providerStatus,
    error: receipt.error,
  });
  if (!adopted) return undefined;
  return (await tx.query<NotificationRecord>('SELECT * FROM notifications WHERE id = $1', [rows[0].id])).rows[0];
}
