import type { NotificationRecord, NotificationStatus } from '../../src/domain/types';
import type { Database } from '../../src/storage/database';
import { setOptOut } from '../../src/storage/contacts-repo';
import { findNotificationByProviderId } from '../../src/storage/notifications-repo';
import { inTransaction } from '../../src/storage/unit-of-work';
import { isOptedOutCode } from '../../vendors/twilio/errors';
import { notificationStatusOf } from '../../vendors/twilio/message-status';

/** Callbacks can arrive out of order ("sent" after "delivered"): a row only moves forward. */
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

export interface DeliveryStatus {
  messageSid: string;
  messageStatus: string;
  errorCode?: string;
}

/**
 * Applies one Twilio status callback to the notification sent under that MessageSid.
 * Returns the updated row, or undefined when the sid is not ours (acknowledged and ignored) or the status is unknown.
 */
export async function recordDeliveryStatus(db: Database, update: DeliveryStatus): Promise<NotificationRecord | undefined> {
  const status = notificationStatusOf(update.messageStatus);
  if (!status) return undefined;
  return inTransaction(db, async ({ tx }) => {
    const found = await findNotificationByProviderId(tx, 'sms', update.messageSid);
    if (!found) return undefined;
    const { rows } = await tx.query<NotificationRecord>('SELECT * FROM notifications WHERE id = $1 FOR UPDATE', [found.id]);
    const current = rows[0];
    if (RANK[status] < RANK[current.status]) return current;
    const error = update.errorCode ? `twilio ${update.errorCode}: delivery ${update.messageStatus.toLowerCase()}` : null;
    const updated = await tx.query<NotificationRecord>(
      `UPDATE notifications SET status = $2, provider_status = $3, last_error = COALESCE($4, last_error), updated_at = now()
       WHERE id = $1 RETURNING *`,
      [current.id, status, update.messageStatus.toLowerCase(), error],
    );
    // The recipient texted STOP: recorded so nothing more is tried.
    if (isOptedOutCode(update.errorCode)) await setOptOut(tx, 'sms', current.recipient, true);
    return updated.rows[0];
  });
}
