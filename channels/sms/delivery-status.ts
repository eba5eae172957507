import type { ChannelPort, DeliveryReceipt } from '../../src/channels/port';
import type { NotificationStatus } from '../../src/domain/types';

/** Twilio's MessageStatus values (Message resource documentation) and what they mean for our outbox row. */
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

/** Twilio error 21610: the recipient texted STOP. We record it so nothing more is tried. */
const UNSUBSCRIBED = '21610';

export interface DeliveryStatus {
  messageSid: string;
  messageStatus: string;
  errorCode?: string;
}

/** Twilio's status callback in our words; undefined for a status word we do not know. */
export function toReceipt(update: DeliveryStatus): DeliveryReceipt | undefined {
  const providerStatus = update.messageStatus.toLowerCase();
  const status = TWILIO_STATUS[providerStatus];
  if (!status) return undefined;
  return {
    channel: 'sms',
    providerMessageId: update.messageSid,
    status,
    providerStatus,
    error: update.errorCode ? `twilio ${update.errorCode}: delivery ${providerStatus}` : undefined,
    recipientOptedOut: update.errorCode === UNSUBSCRIBED,
  };
}

/** Applies one Twilio status callback; false when the sid is not ours or the status word is unknown. */
export async function recordDeliveryStatus(port: ChannelPort, update: DeliveryStatus): Promise<boolean> {
  const receipt = toReceipt(update);
  return receipt ? port.deliveries.record(receipt) : false;
}
