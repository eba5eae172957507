import type { ConversationSimulator } from '../../src/channels/simulator';
import { checkReply } from '../../src/channels/simulator-error';
import { postAsTwilio, SIMULATED_ACCOUNT_SID, twilioSid } from '../../vendors/twilio/simulated-request';
import { messageOf, parseTwiml } from '../../vendors/twilio/twiml-reader';

/** A text message as the resident's phone sends it. */
interface SmsInput {
  from: string;
  to: string;
  body: string;
  /** Photo URLs attached to the message (an MMS). */
  mediaUrls?: string[];
}

function mediaType(url: string): string {
  if (/\.png(\?|$)/i.test(url)) return 'image/png';
  if (/\.gif(\?|$)/i.test(url)) return 'image/gif';
  return 'image/jpeg';
}

/** The form fields of Twilio's Messaging webhook for one incoming message (Twilio's "Messaging webhook" request parameters). */
function smsWebhookFields(input: SmsInput): Record<string, string> {
  const media = input.mediaUrls ?? [];
  const sid = twilioSid(media.length ? 'MM' : 'SM');
  const fields: Record<string, string> = {
    MessageSid: sid,
    SmsMessageSid: sid,
    SmsSid: sid,
    AccountSid: SIMULATED_ACCOUNT_SID,
    From: input.from,
    To: input.to,
    Body: input.body,
    NumMedia: String(media.length),
    NumSegments: String(Math.max(1, Math.ceil(input.body.length / 153))),
    SmsStatus: 'received',
    ApiVersion: '2010-04-01',
  };
  media.forEach((url, i) => {
    fields[`MediaUrl${i}`] = url;
    fields[`MediaContentType${i}`] = mediaType(url);
  });
  return fields;
}

/** A resident's phone texting the city's number: Twilio's signed webhook in, the `<Message>` replies of the TwiML answer out. */
export const smsSimulator: ConversationSimulator = {
  style: 'conversation',
  slug: 'sms',
  words: { title: 'Text message', nav: 'Text', doing: 'Texting', vendor: 'Twilio', device: 'phone', example: 'Big pothole in front of 12 Elm St' },
  // Twilio's limit for one message body.
  maxLength: 1600,
  profile: (config) => ({ live: config.twilio.mode === 'live', city: { address: config.twilio.phoneNumber } }),
  liveSecret: (config) => (config.twilio.mode === 'live' ? config.twilio.authToken : undefined),
  async send(link, city, message) {
    const fields = smsWebhookFields({ from: message.from, to: city.address, body: message.text, mediaUrls: message.mediaUrls });
    const reply = checkReply('sms', await postAsTwilio(link, '/channels/sms', fields));
    if (!reply.body.trim()) return [];
    return parseTwiml(reply.body)
      .children.filter((c) => c.name === 'Message')
      .map(messageOf);
  },
};
