import { cleanText } from '../../src/domain/clean-text';
import { isPublicUrl } from '../../src/domain/public-url';
import type { InboundReport, Media } from '../../src/domain/types';
import { MAX_DESCRIPTION } from '../../src/domain/types';
import { InputError } from '../../src/errors';

/** One text message as Twilio delivered it to our webhook, checked and normalized. */
export interface InboundSms {
  messageSid: string;
  /** The resident's phone number (E.164). Private: never logged. */
  from: string;
  body: string;
  media: Media[];
  /** Set by Twilio's Advanced Opt-Out when the message was one of the account's opt-out/in/help words. */
  optOutType?: 'STOP' | 'START' | 'HELP';
  /** The form fields as received, kept for audit. */
  raw: Record<string, string>;
}

/** Twilio accepts at most 10 media items per message. */
const MAX_MEDIA = 10;
/** Twilio's sids are letters and digits; simulators may use their own, but never anything to escape. */
const SID = /^[A-Za-z0-9_-]{1,64}$/;

type Params = Record<string, unknown>;

function field(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new InputError(`sms: field ${name} must be given once, as text`, name);
  // Characters XML and PostgreSQL refuse never get past the edge: replies are TwiML, and everything is stored.
  return cleanText(value);
}

function required(params: Params, name: string): string {
  const value = field(params, name)?.trim();
  if (!value) throw new InputError(`sms: missing ${name} field; is this webhook configured as a Twilio Messaging webhook?`, name);
  return value;
}

/** Reads Twilio's Messaging webhook fields (From, Body, MessageSid, NumMedia, MediaUrlN...). Throws InputError naming a bad field. */
export function parseInboundSms(params: Params): InboundSms {
  const messageSid = field(params, 'MessageSid')?.trim() || required(params, 'SmsMessageSid');
  if (!SID.test(messageSid)) throw new InputError('sms: MessageSid is not a Twilio message id', 'MessageSid');
  const from = required(params, 'From');
  const body = (field(params, 'Body') ?? '').slice(0, MAX_DESCRIPTION);
  const numMedia = Number(field(params, 'NumMedia') ?? '0');
  if (!Number.isInteger(numMedia) || numMedia < 0) throw new InputError('sms: NumMedia must be a whole number', 'NumMedia');
  const media: Media[] = [];
  for (let i = 0; i < Math.min(numMedia, MAX_MEDIA); i++) {
    const url = field(params, `MediaUrl${i}`)?.trim();
    if (!isPublicUrl(url)) continue;
    const contentType = field(params, `MediaContentType${i}`)?.trim();
    media.push(contentType ? { url, content_type: contentType } : { url });
  }
  const optOut = field(params, 'OptOutType')?.trim().toUpperCase();
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string') raw[cleanText(k)] = cleanText(v);
  return {
    messageSid,
    from,
    body,
    media,
    optOutType: optOut === 'STOP' || optOut === 'START' || optOut === 'HELP' ? optOut : undefined,
    raw,
  };
}

/** True for media that is a picture or video of the problem (not a contact card or audio). */
export function isPhoto(m: Media): boolean {
  return /^(image|video)\//i.test(m.content_type ?? '');
}

/** True for a contact card: how iPhones share a location by text (it holds a maps link). */
export function isLocationCard(m: Media): boolean {
  return /^text\/(x-)?vcard/i.test(m.content_type ?? '');
}

/** The InboundReport for an SMS report: the resident's number as the private reporter address. */
export function toInboundReport(
  sms: InboundSms,
  fields: Pick<InboundReport, 'text' | 'media' | 'location' | 'address' | 'place' | 'language' | 'serviceCode' | 'suggestions' | 'public'>,
): InboundReport {
  return {
    channel: 'sms',
    providerMessageId: sms.messageSid,
    reporter: { address: sms.from, phone: sms.from },
    ...fields,
    text: fields.text.slice(0, MAX_DESCRIPTION),
    raw: sms.raw,
  };
}
