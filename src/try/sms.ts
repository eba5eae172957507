import type { ProviderClient } from './provider-client';
import { checkReply } from './simulator-error';
import { messageOf, parseTwiml } from './twiml';
import { smsWebhookFields, type SmsInput } from './twilio-fields';

/** One message the service texted back. */
export interface TextReply {
  text: string;
  media: string[];
}

/** Sends a text message as the resident's phone would and returns the `<Message>` replies of the TwiML answer. */
export async function sendSms(client: ProviderClient, input: SmsInput): Promise<TextReply[]> {
  const reply = checkReply('sms', await client.postTwilio('/channels/sms', smsWebhookFields(input)));
  if (!reply.body.trim()) return [];
  return parseTwiml(reply.body)
    .children.filter((c) => c.name === 'Message')
    .map(messageOf);
}
