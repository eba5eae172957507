import type { OutboundMessage, Publisher, SendResult } from '../../src/channels/channel';
import { createTwilioClient, type LiveTwilioConfig, type TwilioClient } from '../twilio/client';
import { toSendError } from './send-errors';

/** Two GSM segments: room for a closure note, without a resident paying for a long thread. */
export const SMS_MAX_LENGTH = 320;

/**
 * Sends notifications as SMS/MMS through Twilio's Messages API, asking Twilio to report delivery to
 * /channels/sms/status. Errors come out typed (permanent, transient, rate-limited); it never retries itself.
 */
export function twilioPublisher(config: LiveTwilioConfig, publicBaseUrl: string, client: TwilioClient = createTwilioClient(config)): Publisher {
  const statusCallback = `${publicBaseUrl}/channels/sms/status`;
  return {
    maxLength: SMS_MAX_LENGTH,
    async send(message: OutboundMessage): Promise<SendResult> {
      try {
        const sent = await client.messages.create({
          to: message.notification.recipient,
          from: config.phoneNumber,
          body: message.text,
          ...(message.mediaUrl ? { mediaUrl: [message.mediaUrl] } : {}),
          statusCallback,
        });
        return { providerId: sent.sid, status: sent.status };
      } catch (err) {
        throw toSendError(err);
      }
    },
  };
}
