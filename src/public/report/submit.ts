import type { Follower, InboundOutcome } from '../../channels/port';
import type { AppContext } from '../../context';
import type { Language } from '../../domain/classifier';
import type { Place } from '../../domain/place';
import { SITE_CHANNEL } from '../../domain/types';
import type { Contact, Draft } from './draft';

/** The confirmation channels the reporter gave, kept as the stored answer so a replay says the same. */
export interface SentReply {
  confirmations: Array<'sms' | 'email'>;
}

/** Every address the resident gave, as followers in the page's language: SMS first, then email. */
export function followersOf(contact: Contact, language: Language): Follower[] {
  const out: Follower[] = [];
  if (contact.phone) out.push({ channel: 'sms', address: contact.phone, language });
  if (contact.email) out.push({ channel: 'email', address: contact.email, language });
  return out;
}

export interface WebReport {
  draft: Draft;
  language: Language;
  place: Place;
  /** The category the resident kept or chose on the review page. */
  serviceCode: string;
  /** The answers to the category's questions, checked against the catalog. */
  attributes: Record<string, string | string[]>;
  contact: Contact;
  /** The staged photo under DATA_DIR, with its type. */
  photo?: { file: string; contentType: string };
  /** The resident saw the open cases nearby and said theirs is not one of them. */
  confirmedNew: boolean;
}

/**
 * Files the report through the one intake path, exactly once per form: the form's id is the message id, so a second
 * submit (a double click, a reload) gets the stored answer instead of a second case. The resident's contact
 * details are on the case for staff and subscribed for notifications; they are not in the kept raw payload.
 */
export async function sendReport(ctx: AppContext, r: WebReport): Promise<{ outcome: InboundOutcome; reply: SentReply; replayed: boolean }> {
  const [first, ...more] = followersOf(r.contact, r.language);
  const reply: SentReply = {
    confirmations: [r.contact.phone ? 'sms' : undefined, r.contact.email ? 'email' : undefined].filter(Boolean) as SentReply['confirmations'],
  };
  const result = await ctx.port.inbound.handle<unknown, SentReply>(
    {
      channel: SITE_CHANNEL,
      providerMessageId: `report:${r.draft.form}`,
      raw: { form: 'report', address: r.draft.address, lat: r.draft.lat, lon: r.draft.lon, service_code: r.serviceCode, private: r.draft.private },
    },
    () => ({
      reply,
      action: {
        kind: 'report',
        report: {
          channel: SITE_CHANNEL,
          providerMessageId: `report:${r.draft.form}`,
          reporter: { ...(r.contact.phone ? { phone: r.contact.phone } : {}), ...(r.contact.email ? { email: r.contact.email } : {}) },
          text: r.draft.description,
          media: [],
          address: r.draft.address || undefined,
          place: r.place,
          location: r.place.source === 'gps' ? { lat: r.place.lat, lon: r.place.lon } : undefined,
          language: r.language,
          serviceCode: r.serviceCode,
          attributes: r.attributes,
          public: !r.draft.private,
          details: r.photo ? { open311_upload: { file: r.photo.file, content_type: r.photo.contentType } } : {},
          raw: {},
        },
        options: { subscriber: first ?? null, alsoSubscribers: more, noDuplicateCheck: r.confirmedNew },
      },
    }),
  );
  return { outcome: result.outcome, reply: result.reply, replayed: result.replayed };
}

/**
 * Subscribes each address the resident gave to a case, with a confirmation through the outbox. `key` makes it
 * exactly once per form: submitting the same follow again changes nothing and answers the same.
 */
export async function followCase(ctx: AppContext, caseId: number, contact: Contact, language: Language, key: string): Promise<InboundOutcome> {
  let outcome: InboundOutcome = { kind: 'unknown_case', caseId };
  for (const follower of followersOf(contact, language)) {
    const result = await ctx.port.inbound.handle(
      { channel: SITE_CHANNEL, providerMessageId: `follow:${key}:${caseId}:${follower.channel}`, raw: { form: 'follow', case_id: caseId } },
      () => ({ reply: null, action: { kind: 'follow', caseId, follower, confirm: true } }),
    );
    outcome = result.outcome;
    if (outcome.kind === 'unknown_case') break;
  }
  return outcome;
}
