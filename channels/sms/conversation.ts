import type { Catalog } from '../../src/channels/channel';
import type { CategoryAdvisor, Place } from '../../src/channels/port';
import type { Language, Suggestion } from '../../src/domain/classifier';
import type { Locales } from '../../src/domain/locale';
import type { GeoPoint, Media } from '../../src/domain/types';
import { isLocationCard, isPhoto } from './inbound';
import { normalize } from './keywords';
import { findLocation } from './location';
import { type CityWords, messages } from './messages';

/** A report being put together by text, saved in the conversations table between messages. */
export interface SmsState {
  /** What we last asked: the next message is read as the answer to it. */
  step: 'describe' | 'confirm' | 'choose' | 'location' | 'place' | 'photo' | 'done';
  language: Language;
  text: string;
  media: Media[];
  location?: GeoPoint;
  address?: string;
  /** The place the geocoder found in the resident's words or point; kept once given, never asked again. */
  place?: Place;
  /** The resident said YES to the place, or sent the right one. */
  placeConfirmed?: boolean;
  /** How many answers to "where is it?" named no place; after two, the words are taken as written. */
  placeMisses?: number;
  /** The category we proposed (step confirm). */
  suggested?: string;
  /** The numbered categories we offered (step choose); the last is the catalog's catch-all. */
  choices?: string[];
  /** Categories the resident said it is not. */
  rejected?: string[];
  serviceCode?: string;
  photoOffered?: boolean;
  /** The case this conversation made (step done): a photo or a detail sent next is added to it. */
  caseId?: number;
  /** The resident texted PRIVATE: the case stays off the public map and feeds. */
  private?: boolean;
}

/** What to do with one message. */
export type Decision =
  | { kind: 'ask'; state: SmsState /** Empty: nothing to say. */; reply: string }
  /** `suggestions`: the classifier's, when this very message's text was classified (intake need not again). */
  | { kind: 'submit'; state: SmsState; suggestions?: Suggestion[] }
  | { kind: 'attach'; state: SmsState; caseId: number; media: Media[]; text: string }
  /** The place is outside the city: we say so and drop the report. */
  | { kind: 'refuse'; reply: string };

export interface ConversationDeps {
  /** The core's category advice; the caller makes it remember its answers for one message. */
  categories: CategoryAdvisor;
  catalog: Catalog;
  /** CITY_NAME and CITY_PHONE, for the texts that name them. */
  city: CityWords;
  /** The enabled languages: their texts, and their words for yes and no. */
  locales: Locales;
}

/** One message of a conversation: the text (keywords already handled), any MMS media, and the place it names. */
export interface Turn {
  text: string;
  media: Media[];
  /** What `port.places` found in this message (looked up before deciding, so the decision stays pure). */
  place?: Place;
}

const YES = ['1', 'yes', 'y', 'si', 's', 'ok', 'correct', 'correcto', 'right', 'yep', 'sure'];
const NO = ['2', 'no', 'n', 'nope', 'wrong', 'otro', 'otra', 'other', 'something else', 'otra cosa'];
const SKIP = ['0', 'no', 'skip', 'none', 'no photo', 'done', 'send', 'omitir', 'sin foto', 'listo', 'enviar', 'nada'];
/** Yes or no in English, Spanish (the words residents mix in), or any enabled language's own words. */
function isYes(deps: ConversationDeps, answer: string): boolean {
  return YES.includes(answer) || deps.locales.codes.some((c) => deps.locales.meta(c).keywords.yes.some((w) => normalize(w) === answer));
}
function isNo(deps: ConversationDeps, answer: string): boolean {
  return NO.includes(answer) || deps.locales.codes.some((c) => deps.locales.meta(c).keywords.no.some((w) => normalize(w) === answer));
}

/** Words a thank-you or an acknowledgement is made of ("ok thanks", "thank you so much!", "muchas gracias"). */
const THANKS_WORDS = new Set(
  'ok okay k kk thanks thank thanks! thx ty tysm you u so very much great cool perfect awesome appreciate appreciated it got noted sounds good gracias muchas mil vale bien perfecto listo genial entendido de nada 👍 🙏 ❤️ 😊'.split(
    ' ',
  ),
);

const thanksOf = new WeakMap<Locales, Set<string>>();

/** True for a message that only thanks or acknowledges, in English, Spanish or an enabled language: it is never a report. */
export function isThanks(normalized: string, locales: Locales): boolean {
  let extra = thanksOf.get(locales);
  if (!extra) {
    extra = new Set(locales.codes.flatMap((c) => locales.meta(c).keywords.thanks.flatMap((w) => normalize(w).split(' '))));
    thanksOf.set(locales, extra);
  }
  const words = normalized.split(/[\s,!.。！，]+/).filter(Boolean);
  return words.length > 0 && words.length <= 8 && words.every((w) => THANKS_WORDS.has(w) || extra.has(w));
}
/** How many real categories a numbered choice lists before "other". */
const CHOICES = 3;

/** The question for the step a conversation is at, in its language (re-asked on a language switch or a bad answer). */
export function prompt(deps: ConversationDeps, s: SmsState, retry = false): string {
  const m = messages(deps.locales, s.language, deps.city);
  const name = (code: string) => deps.catalog.name(code, s.language);
  switch (s.step) {
    case 'describe':
      return m.describe;
    case 'confirm':
      return retry ? m.confirmRetry(name(s.suggested!)) : m.confirm(name(s.suggested!));
    case 'choose':
      return retry ? m.chooseRetry(s.choices!.map(name)) : m.choose(s.choices!.map(name));
    case 'location':
      return retry ? m.notAPlace : m.askLocation;
    case 'place':
      return retry ? m.confirmPlaceRetry(shortAddress(s.place!)) : m.confirmPlace(shortAddress(s.place!));
    case 'photo':
      return m.offerPhoto;
    case 'done':
      return m.describe;
  }
}

/** An address short enough for a text: "12 Elm St, Dorchester" (the ZIP adds nothing a resident would check). */
export function shortAddress(place: Place): string {
  return place.address.replace(/\s+\d{5}(?:-\d{4})?$/, '');
}

/**
 * Takes what a message carries besides its answer: photos, the place it names, a shared location card or a short
 * map link we cannot read offline (kept as written for staff). A place already given is kept: never asked twice.
 */
function absorb(s: SmsState, turn: Turn): SmsState {
  const next = { ...s, media: [...s.media, ...turn.media] };
  if (turn.place && !next.place) next.place = turn.place;
  if (turn.media.some(isLocationCard) && !hasLocation(next)) next.address = 'shared location (see attached card)';
  if (!hasLocation(next)) {
    const link = findLocation(turn.text).address;
    if (link && /^https?:/.test(link)) next.address = link;
  }
  return next;
}

function hasLocation(s: SmsState): boolean {
  return Boolean(s.place || s.location || s.address);
}

/** A place found in the resident's words is read back once; a GPS point is what their phone said, so it is not. */
function needsPlaceConfirmation(s: SmsState): boolean {
  return Boolean(s.place && s.place.source === 'geocoded' && !s.placeConfirmed);
}

function choicesFor(deps: ConversationDeps, s: SmsState): string[] {
  const fallback = deps.catalog.defaultServiceCode;
  const skip = new Set([fallback, ...(s.rejected ?? [])]);
  const picked: string[] = [];
  const add = (code: string) => {
    if (picked.length < CHOICES && !skip.has(code) && !picked.includes(code) && deps.catalog.has(code)) picked.push(code);
  };
  for (const x of deps.categories.advise(s.text, s.language).suggestions) add(x.service_code);
  // A classifier with nothing to say still leaves the resident a short list, from the catalog's order.
  for (const code of deps.catalog.codes()) add(code);
  return [...picked, fallback];
}

/** Decides what to ask next once the message's content is absorbed: category, then location, then photo. */
function next(deps: ConversationDeps, s: SmsState): Decision {
  // A place the city does not serve ends the report at once, whatever else is missing.
  if (s.place && !s.place.inside) return { kind: 'refuse', reply: messages(deps.locales, s.language, deps.city).outsideCity };
  if (!s.text.trim()) return { kind: 'ask', state: { ...s, step: 'describe' }, reply: messages(deps.locales, s.language, deps.city).describe };
  if (!s.serviceCode) {
    const advice = deps.categories.advise(s.text, s.language, { exclude: s.rejected });
    const top = advice.confident;
    if (top && hasLocation(s)) {
      // Complete in one go (what and where): at most the one question, the place we understood. No photo is asked
      // for (one sent later is added to the case), and the category is the one the tracking-number text names.
      const complete: SmsState = { ...s, serviceCode: top, photoOffered: true };
      if (needsPlaceConfirmation(complete)) return askPlace(deps, complete);
      return { kind: 'submit', state: complete, suggestions: advice.suggestions };
    }
    const asked: SmsState = top ? { ...s, step: 'confirm', suggested: top } : { ...s, step: 'choose', choices: choicesFor(deps, s) };
    return { kind: 'ask', state: asked, reply: prompt(deps, asked) };
  }
  if (!hasLocation(s)) {
    const asked: SmsState = { ...s, step: 'location' };
    return { kind: 'ask', state: asked, reply: prompt(deps, asked) };
  }
  if (needsPlaceConfirmation(s)) return askPlace(deps, s);
  if (!s.media.some(isPhoto) && !s.photoOffered) {
    const asked: SmsState = { ...s, step: 'photo', photoOffered: true };
    return { kind: 'ask', state: asked, reply: prompt(deps, asked) };
  }
  return { kind: 'submit', state: s };
}

function askPlace(deps: ConversationDeps, s: SmsState): Decision {
  const asked: SmsState = { ...s, step: 'place' };
  return { kind: 'ask', state: asked, reply: prompt(deps, asked) };
}

function retry(deps: ConversationDeps, s: SmsState): Decision {
  return { kind: 'ask', state: s, reply: prompt(deps, s, true) };
}

/** A fresh conversation from a first message. */
export function start(deps: ConversationDeps, language: Language, turn: Turn): Decision {
  return next(deps, absorb({ step: 'describe', language, text: turn.text.trim(), media: [] }, turn));
}

/**
 * Right after a report (within the conversation timeout), a photo or a detail ("it's in front of the church")
 * belongs to it, and a thank-you needs no answer. A message that names another problem, or another place, is a
 * new report.
 */
function afterReport(deps: ConversationDeps, current: SmsState, turn: Turn, answer: string): Decision {
  const attach: Decision = { kind: 'attach', state: current, caseId: current.caseId!, media: turn.media, text: turn.text.trim() };
  if (turn.media.length && answer.split(' ').filter(Boolean).length <= 6) return attach;
  if (!turn.media.length && isThanks(answer, deps.locales)) return { kind: 'ask', state: current, reply: '' };
  const elsewhere = Boolean(turn.place && turn.place.address !== current.address);
  const otherProblem = deps.categories.advise(turn.text, current.language).confident;
  if (!elsewhere && (!otherProblem || otherProblem === current.serviceCode)) return attach;
  return start(deps, current.language, turn);
}

/**
 * The conversation's next move for one message. Pure: storage, keywords and timeouts are the caller's.
 * Whatever step it is at, a photo, a map link or an address in the message is kept.
 */
export function advance(deps: ConversationDeps, current: SmsState | undefined, turn: Turn): Decision {
  if (!current) throw new Error('sms: advance needs a conversation; use start for a first message');
  const answer = normalize(turn.text);
  if (current.step === 'done') return afterReport(deps, current, turn, answer);
  const s = absorb(current, turn);
  switch (current.step) {
    case 'describe':
      return next(deps, { ...s, text: turn.text.trim() });
    case 'confirm':
      if (isYes(deps, answer)) return next(deps, { ...s, serviceCode: s.suggested });
      if (isNo(deps, answer)) {
        const asked: SmsState = { ...s, step: 'choose', rejected: [...(s.rejected ?? []), s.suggested!], suggested: undefined };
        asked.choices = choicesFor(deps, asked);
        return { kind: 'ask', state: asked, reply: prompt(deps, asked) };
      }
      return retry(deps, s);
    case 'choose': {
      const choices = s.choices!;
      const n = /^\d{1,2}$/.test(answer) ? Number(answer) : choices.findIndex((c) => normalize(deps.catalog.name(c, s.language)) === answer) + 1;
      if (n >= 1 && n <= choices.length) return next(deps, { ...s, serviceCode: choices[n - 1], choices: undefined });
      return retry(deps, s);
    }
    case 'location': {
      if (hasLocation(s)) return next(deps, s);
      // Not a place we know ("idk", "my house"): asked again twice, then the words are kept as written for staff,
      // so a real place missing from the city's data never blocks a report.
      const misses = (s.placeMisses ?? 0) + 1;
      if (misses > 2 && answer.length >= 3 && !/^\d+$/.test(answer)) return next(deps, { ...s, address: turn.text.trim().slice(0, 200) });
      return retry(deps, { ...s, placeMisses: misses });
    }
    case 'place': {
      if (isYes(deps, answer)) return next(deps, { ...s, placeConfirmed: true });
      // The right place, sent instead: taken as given, not read back again.
      if (turn.place) return next(deps, { ...s, place: turn.place, placeConfirmed: true });
      if (isNo(deps, answer)) {
        const asked: SmsState = { ...s, step: 'location', place: undefined };
        return { kind: 'ask', state: asked, reply: prompt(deps, asked) };
      }
      return retry(deps, s);
    }
    case 'photo': {
      const extra = SKIP.includes(answer) || turn.media.length ? '' : turn.text.trim();
      return { kind: 'submit', state: { ...s, text: extra ? `${s.text}\n${extra}` : s.text } };
    }
  }
}
