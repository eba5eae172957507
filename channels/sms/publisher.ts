import type { InterruptedSend, LookupResult, OutboundMessage, Publisher, SendResult } from '../../src/channels/channel';
import { createTwilioClient, type LiveTwilioConfig, type TwilioClient } from '../../vendors/twilio/client';
import { toSendError } from '../../vendors/twilio/errors';
import { notificationStatusOf } from '../../vendors/twilio/message-status';

/** Our clock and Twilio's may differ, and DateSent has whole seconds: look a little before the claim. */
const CLOCK_MARGIN_MS = 2 * 60_000;
/** Messages to one resident from our number since a claim: a handful; one page is plenty. */
const LOOKUP_LIMIT = 50;

/**
 * Sends notifications as SMS/MMS through Twilio's Messages API, asking Twilio to report delivery to
 * /channels/sms/status?n=<notification id>: the id rides in the URL (which Twilio signs), so a callback for a
 * message whose send answer was lost still finds its row. Errors come out typed (permanent, transient,
 * rate-limited); it never retries itself.
 */
export function twilioPublisher(config: LiveTwilioConfig, publicBaseUrl: string, client: TwilioClient = createTwilioClient(config)): Publisher {
  return {
    async send(message: OutboundMessage): Promise<SendResult> {
      try {
        const sent = await client.messages.create({
          to: message.notification.recipient,
          from: config.phoneNumber,
          body: message.text,
          ...(message.mediaUrl ? { mediaUrl: [message.mediaUrl] } : {}),
          statusCallback: `${publicBaseUrl}/channels/sms/status?n=${message.notification.id}`,
        });
        return { providerId: sent.sid, status: sent.status };
      } catch (err) {
        throw toSendError(err);
      }
    },

    /** Twilio's message list from our number to the resident, sent since the claim, matched on the text we stored. */
    async lookup(send: InterruptedSend): Promise<LookupResult> {
      if (!send.text) return { kind: 'unknown', reason: 'sms: the interrupted message has no stored text to match' };
      try {
        const messages = await client.messages.list({
          to: send.notification.recipient,
          from: config.phoneNumber,
          dateSentAfter: new Date(send.claimedAt.getTime() - CLOCK_MARGIN_MS),
          limit: LOOKUP_LIMIT,
        });
        // A trial account prefixes the body Twilio stores ("Sent from your Twilio trial account - ").
        const match = messages.find((m) => m.direction === 'outbound-api' && typeof m.body === 'string' && m.body.endsWith(send.text));
        if (!match) return { kind: 'not_found' };
        return { kind: 'found', providerId: match.sid, status: notificationStatusOf(match.status) ?? 'sent', providerStatus: match.status };
      } catch (err) {
        return { kind: 'unknown', reason: toSendError(err).message };
      }
    },
  };
}
