import crypto from 'node:crypto';

/** The account every simulated Twilio request claims to come from (there is no real account in simulated mode). */
export const SIMULATED_ACCOUNT_SID = `AC${'0'.repeat(29)}311`;

/** A Twilio-shaped id: two-letter prefix (`SM`, `CA`, `RE`, `MM`) and 32 hex digits. */
export function twilioSid(prefix: 'SM' | 'MM' | 'CA' | 'RE'): string {
  return prefix + crypto.randomBytes(16).toString('hex');
}

/** A text message as the resident's phone sends it. */
export interface SmsInput {
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
export function smsWebhookFields(input: SmsInput): Record<string, string> {
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

/** The form fields Twilio's Voice webhook sends with every request of one call. */
export function voiceCallFields(callSid: string, from: string, to: string, callStatus: 'ringing' | 'in-progress' | 'completed'): Record<string, string> {
  return {
    CallSid: callSid,
    AccountSid: SIMULATED_ACCOUNT_SID,
    From: from,
    To: to,
    Caller: from,
    Called: to,
    CallStatus: callStatus,
    Direction: 'inbound',
    ApiVersion: '2010-04-01',
  };
}
