import type { NotificationStatus } from '../../src/domain/types';

/** Twilio's MessageStatus values (Message resource documentation) and what they mean for an outbox row. */
const TWILIO_STATUS: Record<string, NotificationStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
};

/** The outbox status for a Twilio MessageStatus (any case), or undefined for a value Twilio does not document. */
export function notificationStatusOf(messageStatus: string): NotificationStatus | undefined {
  return TWILIO_STATUS[messageStatus.toLowerCase()];
}
