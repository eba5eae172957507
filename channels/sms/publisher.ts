import type { OutboundMessage, Publisher, SendResult } from '../../src/channels/channel';
import { createTwilioClient, type LiveTwilioConfig, type TwilioClient } from '../../vendors/twilio/client';
import { toSendError } from '../../vendors/twilio/errors';

/**
 * Sends notifications as SMS/MMS through Twilio's Messages API, asking Twilio to report delivery to
 * /channels/sms/status. Errors come out typed (permanent, transient, rate-limited); it never retries itself.
 */
export function twilioPublisher(config: LiveTwilioConfig, publicBaseUrl: string, client: TwilioClient = createTwilioClient(config)): Publisher {
  const statusCallback = `${publicBaseUrl}/channels/sms/status`;
  return {
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
