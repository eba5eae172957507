import type { ChannelPort, DeliveryReceipt } from '../../src/channels/port';
import { isOptedOutCode } from '../../vendors/twilio/errors';
import { notificationStatusOf } from '../../vendors/twilio/message-status';

export interface DeliveryStatus {
  messageSid: string;
  messageStatus: string;
  errorCode?: string;
  /** Our notification id, from the StatusCallback URL we gave Twilio (`?n=`). */
  notificationId?: number;
}

/** Twilio's status callback in our words; undefined for a status word we do not know. */
export function toReceipt(update: DeliveryStatus): DeliveryReceipt | undefined {
  const providerStatus = update.messageStatus.toLowerCase();
  const status = notificationStatusOf(providerStatus);
  if (!status) return undefined;
  return {
    channel: 'sms',
    providerMessageId: update.messageSid,
    status,
    providerStatus,
    error: update.errorCode ? `twilio ${update.errorCode}: delivery ${providerStatus}` : undefined,
    recipientOptedOut: isOptedOutCode(update.errorCode),
    ...(update.notificationId !== undefined ? { notificationId: update.notificationId } : {}),
  };
}

/** Applies one Twilio status callback; false when the sid is not ours or the status word is unknown. */
export async function recordDeliveryStatus(port: ChannelPort, update: DeliveryStatus): Promise<boolean> {
  const receipt = toReceipt(update);
  return receipt ? port.deliveries.record(receipt) : false;
}
