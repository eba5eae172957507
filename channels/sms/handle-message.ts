import type { ChannelContext } from '../../src/channels/channel';
import type {
  CategoryAdvice,
  CategoryAdvisor,
  InboundAction,
  InboundDecision,
  InboundOutcome,
  InboundView,
  Place,
  PlacesPort,
} from '../../src/channels/port';
import type { Language } from '../../src/domain/classifier';
import type { Locales } from '../../src/domain/locale';
import { followText, statusText } from './commands';
import { advance, type ConversationDeps, type Decision, isThanks, prompt, type SmsState, start } from './conversation';
import { type InboundSms, toInboundReport } from './inbound';
import { isEmergency, type Keyword, normalize, parseKeyword } from './keywords';
import { findLocation } from './location';
import { messages } from './messages';

/**
 * What we answer one inbound message with, stored with it, so a redelivery gets the very same answer: texts known
 * before the core applied the decision, then one whose words depend on what the core did (the tracking number).
 */
export interface SmsAnswer {
  texts: string[];
  last?: { kind: 'report' | 'status' | 'follow' | 'comment' | 'private'; language: Language; caseId?: number; photo?: boolean };
}

const say = (...texts: Array<string | undefined>): SmsAnswer => ({ texts: texts.filter((t): t is string => Boolean(t)) });

/** Twilio's Advanced Opt-Out tells us when it handled a keyword itself; otherwise we read the words. */
function keywordOf(ctx: ChannelContext, sms: InboundSms): Keyword | undefined {
  if (sms.optOutType === 'STOP') return { kind: 'opt_out' };
  if (sms.optOutType === 'START') return { kind: 'opt_in', word: 'start' };
  if (sms.optOutType === 'HELP') return { kind: 'help', languages: [] };
  return parseKeyword(sms.body, ctx.locales);
}

/** Chinese, Russian or Arabic letters: even a two-word message says which language it is in. */
const TELLING_SCRIPT = /[\p{Script=Han}\p{Script=Cyrillic}\p{Script=Arabic}]{2}/u;

/**
 * A message in another enabled language switches the conversation to it; a short reply ("1", "ok") is too little
 * to judge by. The default language (English) never switches by detection: addresses and category names are
 * written in it whatever language the resident speaks.
 */
function writtenLanguage(ctx: ChannelContext, categories: CategoryAdvisor, text: string): Language | undefined {
  const t = normalize(text);
  if (t === 'si' && ctx.locales.has('es')) return 'es';
  if (t.split(' ').length < 3 && !TELLING_SCRIPT.test(text)) return undefined;
  const detected = categories.detectLanguage(text);
  return detected !== ctx.locales.fallback ? detected : undefined;
}

/**
 * The language a keyword is in: a switch word's own; a command word only when it is not the default language's
 * (HELP and STOP are what everyone is taught, so they say nothing), staying in the current language if it shares it.
 */
function keywordLanguage(ctx: ChannelContext, keyword: Keyword | undefined, current: Language | undefined): Language | undefined {
  if (!keyword) return undefined;
  if (keyword.kind === 'language') return keyword.language;
  if (!('languages' in keyword) || keyword.languages.length === 0 || keyword.languages.includes(ctx.locales.fallback)) return undefined;
  return current && keyword.languages.includes(current) ? current : keyword.languages[0];
}

/** The core's advice, asked at most once per text and language while one message is decided. */
function remembering(categories: CategoryAdvisor): CategoryAdvisor {
  const seen = new Map<string, CategoryAdvice>();
  return {
    detectLanguage: (text) => categories.detectLanguage(text),
    advise(text, language, options = {}) {
      const key = JSON.stringify([text, language]);
      let advice = seen.get(key);
      if (!advice) {
        advice = categories.advise(text, language);
        seen.set(key, advice);
      }
      const exclude = options.exclude ?? [];
      return exclude.includes(advice.confident ?? '') ? { suggestions: advice.suggestions } : advice;
    },
  };
}

/**
 * Handles one inbound text, exactly once per MessageSid, in two statements to the database (load, apply):
 * keywords first (opt-out, emergency, help, status, follow, reset, language), then the report conversation.
 * Returns the texts to answer with in TwiML.
 */
export async function handleInboundSms(ctx: ChannelContext, sms: InboundSms): Promise<{ replies: string[]; replayed: boolean }> {
  // Looked up before deciding: the decision stays pure, and a remote geocoder is never asked inside a retry loop.
  const place = await placeIn(ctx.port.places, sms.body, ctx.locales);
  const { reply, outcome, replayed } = await ctx.port.inbound.handle<SmsState, SmsAnswer>(
    { channel: 'sms', providerMessageId: sms.messageSid, raw: sms.raw, contactAddress: sms.from, conversationKey: sms.from },
    (view) => decide(ctx, sms, view, place),
  );
  return { replies: render(ctx, reply, outcome), replayed };
}

/** The answer's texts, with the one that depends on the core's outcome. */
function render(ctx: ChannelContext, answer: SmsAnswer, outcome: InboundOutcome): string[] {
  if (!answer.last) return answer.texts;
  const { language, caseId } = answer.last;
  const m = messages(ctx.locales, language, ctx.config.city);
  const name = (code: string) => ctx.catalog.name(code, language);
  let last: string;
  switch (answer.last.kind) {
    case 'report':
      if (outcome.kind !== 'created' && outcome.kind !== 'linked') return answer.texts;
      last = (outcome.kind === 'created' ? m.created : m.linked)(outcome.case.service_request_id, name(outcome.case.service_code));
      break;
    case 'comment': {
      const id = outcome.kind === 'commented' ? outcome.case.service_request_id : (caseId ?? 0);
      last = answer.last.photo ? m.photoAdded(id) : m.detailAdded(id);
      break;
    }
    case 'status':
      last = statusText(m, outcome, caseId, name);
      break;
    case 'follow':
      last = followText(m, outcome, caseId ?? 0, name);
      break;
    case 'private':
      last = outcome.kind === 'made_private' ? m.madePrivate(outcome.case.service_request_id) : m.privateHow;
      break;
  }
  return [...answer.texts, last];
}

function isExpired(ctx: ChannelContext, convo: InboundView<SmsState>['conversation']): boolean {
  if (!convo) return false;
  return Date.now() - convo.updatedAt.getTime() > ctx.config.conversationTimeoutMinutes * 60_000;
}

/** The decision for one message. Pure: everything it reads is in `view`. */
function decide(ctx: ChannelContext, sms: InboundSms, view: InboundView<SmsState>, place: Place | undefined): InboundDecision<SmsAnswer> {
  const phone = sms.from;
  const contact = view.contact;
  const keyword = keywordOf(ctx, sms);
  if (keyword?.kind === 'opt_out' && keyword.language) {
    // A locale's own stop word: Twilio does not block later texts for it, so we record the opt-out and say so.
    const m = messages(ctx.locales, keyword.language, ctx.config.city);
    return { reply: say(m.optedOut), contact: { optedOut: true, language: keyword.language }, conversation: null };
  }
  if (keyword?.kind === 'opt_out') {
    // Twilio confirms the opt-out itself and would block anything we sent, so we answer nothing.
    return { reply: say(), contact: { optedOut: true }, conversation: null };
  }
  const optedOut = contact?.optedOut ?? false;
  if (keyword?.kind === 'opt_in' && (keyword.word !== 'yes' || optedOut)) {
    return { reply: say(messages(ctx.locales, ctx.locales.resolve(contact?.language), ctx.config.city).optedIn), contact: { optedOut: false } };
  }
  // An opted-out phone is never messaged (Twilio would refuse anyway) until it texts START.
  if (optedOut) return { reply: say() };

  const categories = remembering(ctx.port.categories);
  const convo = view.conversation;
  const expired = isExpired(ctx, convo);
  const active = expired ? undefined : convo?.state;
  const written = keyword ? undefined : writtenLanguage(ctx, categories, sms.body);
  const previous = active?.language ?? contact?.language ?? undefined;
  const language: Language = ctx.locales.resolve(keywordLanguage(ctx, keyword, previous) ?? written ?? previous);
  const learned = written && written !== contact?.language ? { contact: { language: written } } : {};
  const m = messages(ctx.locales, language, ctx.config.city);
  const decision = (reply: SmsAnswer, rest: Omit<InboundDecision<SmsAnswer>, 'reply'> = {}): InboundDecision<SmsAnswer> => ({
    reply,
    ...learned,
    ...rest,
  });

  if (isEmergency(sms.body, ctx.locales)) return decision(say(m.emergency));
  const deps: ConversationDeps = { categories, catalog: ctx.catalog, city: ctx.config.city, locales: ctx.locales };
  switch (keyword?.kind) {
    case 'help':
      return decision(say(m.help));
    case 'status': {
      const action: InboundAction = { kind: 'status', caseId: keyword.caseId, asker: { channel: 'sms', address: phone } };
      const usable = keyword.caseId === undefined || validCase(keyword.caseId);
      return decision({ texts: [], last: { kind: 'status', language, caseId: keyword.caseId } }, { action: usable ? action : undefined });
    }
    case 'follow': {
      const action: InboundAction = { kind: 'follow', caseId: keyword.caseId, follower: { channel: 'sms', address: phone, language } };
      return decision(
        { texts: [], last: { kind: 'follow', language, caseId: keyword.caseId } },
        { action: validCase(keyword.caseId) ? action : undefined },
      );
    }
    case 'reset':
      return decision(say(m.reset), { conversation: null });
    case 'private': {
      if (active && active.step !== 'done') {
        const kept = { ...active, language, private: true };
        return decision(say(m.privateNoted, prompt(deps, kept)), { conversation: { state: kept } });
      }
      if (!active?.caseId) return decision(say(m.privateHow));
      const action: InboundAction = { kind: 'make_private', caseId: active.caseId, asker: { channel: 'sms', address: phone } };
      return decision({ texts: [], last: { kind: 'private', language, caseId: active.caseId } }, { action });
    }
    case 'language': {
      const set = { contact: { language } };
      if (!active || active.step === 'done') return decision(say(m.languageSet), set);
      const switched = { ...active, language };
      return decision(say(m.languageSet, prompt(deps, switched)), { ...set, conversation: { state: switched } });
    }
  }

  const turn = { text: sms.body, media: sms.media, place };
  // A thank-you with no report under way (after the closure text, say) is answered, never taken for a report.
  if (!active && !turn.media.length && isThanks(normalize(sms.body), ctx.locales)) return decision(say(m.welcome));
  const timedOut = expired && convo!.state.step !== 'done';
  if (timedOut && !turn.media.length && /^(\d{1,2}|yes|no|si|ok|y|n)$/.test(normalize(sms.body))) {
    // An answer to a question asked too long ago: we no longer know what it answers.
    return decision(say(m.timedOutAnswer), { conversation: null });
  }
  const next = active ? advance(deps, { ...active, language }, turn) : start(deps, language, turn);
  const applied = apply(sms, next);
  if (timedOut) applied.reply = { ...applied.reply, texts: [m.timedOut, ...applied.reply.texts] };
  return { ...learned, ...applied };
}

/** Answers that are never places ("1", "yes", "0"): not looked up, so a remote geocoder is not asked about them. */
const NOT_A_PLACE = /^(?:\d{1,2}|yes|no|si|ok|y|n|skip|stop|help|reset|borrar|ayuda|status|estado)$/;

/** A yes or no in any enabled language ("sim", "oui", "không"): an answer, never a place to look up. */
function isAnswerWord(locales: Locales, normalized: string): boolean {
  return locales.codes.some((c) => {
    const k = locales.meta(c).keywords;
    return [...k.yes, ...k.no].some((w) => normalize(w) === normalized);
  });
}

/** The place a message names: a map link or coordinates (the address there), else what its words name. */
export async function placeIn(places: PlacesPort, body: string, locales?: Locales): Promise<Place | undefined> {
  const found = findLocation(body);
  if (found.location) return places.locate(found.location);
  const t = normalize(body);
  if (t.length < 3 || NOT_A_PLACE.test(t) || (locales && isAnswerWord(locales, t))) return undefined;
  return places.locate(body);
}

/** Tracking numbers are positive whole numbers; anything else cannot be a case (and needs no lookup). */
function validCase(id: number): boolean {
  return Number.isSafeInteger(id) && id > 0;
}

/** The conversation's move as a decision for the core. */
function apply(sms: InboundSms, d: Decision): InboundDecision<SmsAnswer> {
  switch (d.kind) {
    case 'ask':
      return { reply: say(d.reply), conversation: { state: d.state } };
    case 'refuse':
      return { reply: say(d.reply), conversation: null };
    case 'attach': {
      const language = d.state.language;
      return {
        reply: { texts: [], last: { kind: 'comment', language, caseId: d.caseId, photo: d.media.length > 0 } },
        action: { kind: 'comment', caseId: d.caseId, text: d.text, media: d.media },
        // Saved again so the window for adding photos runs from this message.
        conversation: { state: d.state },
      };
    }
    case 'submit': {
      const s = d.state;
      const report = toInboundReport(sms, {
        text: s.text,
        media: s.media,
        location: s.place ? { lat: s.place.lat, lon: s.place.lon } : s.location,
        address: s.place?.address ?? s.address,
        place: s.place,
        language: s.language,
        serviceCode: s.serviceCode,
        suggestions: d.suggestions,
        public: !s.private,
      });
      // What the case is about and where, so a follow-up can tell a detail of it from a new report.
      const done: SmsState = {
        step: 'done',
        language: s.language,
        text: '',
        media: [],
        serviceCode: s.serviceCode,
        address: s.place?.address ?? s.address,
      };
      return {
        reply: { texts: [], last: { kind: 'report', language: s.language } },
        action: { kind: 'report', report, options: { acknowledgedInline: true } },
        conversation: { state: done, caseIdField: 'caseId' },
      };
    }
  }
}
