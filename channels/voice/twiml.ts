import twilio from 'twilio';
import type { Language } from '../../src/domain/classifier';
import type { Locales } from '../../src/domain/locale';
import { digitByDigit, type Prompts, prompts } from './prompts';
import { Speaker } from './speaker';

type VoiceResponse = twilio.twiml.VoiceResponse;

/** The call's later steps: Twilio posts each to PUBLIC_BASE_URL + path, where the signature is checked. */
export const VOICE_PATHS = {
  incoming: '/channels/voice',
  language: '/channels/voice/language',
  recorded: '/channels/voice/recorded',
  described: '/channels/voice/described',
  address: '/channels/voice/address',
  street: '/channels/voice/street',
  addressConfirm: '/channels/voice/address-confirm',
  category: '/channels/voice/category',
  categoryChoice: '/channels/voice/category-choice',
  updates: '/channels/voice/updates',
  recording: '/channels/voice/recording',
  status: '/channels/voice/status',
} as const;

export type VoicePath = keyof typeof VOICE_PATHS;

/** One key per language on the greeting's menu: 1 to 9. */
const MENU_KEYS = 9;

/** The greeting's language menu: which key picks which language, and the languages only served by text. */
export interface LanguageMenu {
  keys: Array<{ digit: string; language: Language }>;
  byTextOnly: Language[];
}

/** How long Twilio waits for a key press or speech before moving on (seconds). */
const INPUT_TIMEOUT_S = 6;
/** The longest description a caller may record (seconds). */
export const MAX_RECORDING_S = 120;

/** Builds the TwiML documents of one call, in the caller's language, with absolute callback URLs. */
export class Screens {
  private readonly speaker: Speaker;
  readonly menu: LanguageMenu;

  /**
   * `cityName` is CITY_NAME, which the greeting says; `locales` the enabled languages; `promptsUrl`
   * VOICE_PROMPTS_URL, the city's recordings for languages Twilio cannot speak.
   */
  constructor(
    private readonly baseUrl: string,
    private readonly cityName: string,
    private readonly locales: Locales,
    promptsUrl?: string,
  ) {
    this.speaker = new Speaker(locales, promptsUrl);
    const spoken = locales.codes.filter((c) => this.speaker.canSpeak(c)).slice(0, MENU_KEYS);
    this.menu = {
      keys: spoken.map((language, i) => ({ digit: String(i + 1), language })),
      byTextOnly: locales.codes.filter((c) => !spoken.includes(c)),
    };
  }

  /** The language a key of the greeting's menu picks, if it picks one. */
  languageOfKey(digits: string): Language | undefined {
    return this.menu.keys.find((k) => k.digit === digits)?.language;
  }

  private p(lang: Language): Prompts {
    return prompts(this.locales, lang);
  }

  url(path: VoicePath): string {
    return this.baseUrl + VOICE_PATHS[path];
  }

  /**
   * The greeting with the 911 warning in the default language, then one key per language, each offered in its own
   * language and voice; a language no one can speak on the line is said (in the default language) to be served by text.
   */
  greeting(): string {
    const r = new twilio.twiml.VoiceResponse();
    const g = r.gather({
      input: ['dtmf'],
      numDigits: 1,
      timeout: INPUT_TIMEOUT_S,
      action: this.url('language'),
      method: 'POST',
      actionOnEmptyResult: true,
    });
    const home = this.locales.fallback;
    this.speaker.say(g, home, this.locales.text(home, 'voice.greeting', { city: this.cityName }));
    for (const { digit, language } of this.menu.keys) this.speaker.say(g, language, this.locales.text(language, 'voice.pressFor', { digit }));
    for (const language of this.menu.byTextOnly) {
      this.speaker.say(g, home, this.locales.text(home, 'voice.byText', { language: this.locales.meta(language).english }));
    }
    return r.toString();
  }

  /**
   * Asks for the description. With `record`, a `<Record>` whose audio goes to Speech-to-Text (the
   * Redirect after it runs only when Twilio heard nothing, as Twilio skips the action then); otherwise
   * Twilio's own speech recognition in a `<Gather>`.
   */
  describe(lang: Language, how: 'record' | 'speech', preface: string[] = [], hints: string[] = []): string {
    const r = this.start(lang, preface);
    if (how === 'record') {
      this.say(r, lang, this.p(lang).describe);
      this.record(r);
    } else {
      const g = r.gather({
        input: ['speech', 'dtmf'],
        finishOnKey: '#',
        language: this.speaker.recognitionLanguage(lang) as never,
        speechModel: 'phone_call',
        enhanced: true,
        speechTimeout: 'auto',
        timeout: INPUT_TIMEOUT_S,
        action: this.url('described'),
        method: 'POST',
        actionOnEmptyResult: true,
        ...(hints.length ? { hints: hints.join(', ') } : {}),
      });
      this.speaker.say(g, lang, this.p(lang).describeNoTone);
    }
    return r.toString();
  }

  /** After two silent attempts: a last chance to leave a message that staff will file. */
  offerMessage(lang: Language, preface: string[] = []): string {
    const r = this.start(lang, preface);
    this.say(r, lang, this.p(lang).offerMessage);
    this.record(r);
    return r.toString();
  }

  askAddress(lang: Language, preface: string[] = []): string {
    return this.speechOrKeys(lang, preface, this.p(lang).askAddress, 'address', true);
  }

  askStreet(lang: Language): string {
    return this.speechOrKeys(lang, [], this.p(lang).askStreet, 'street', false);
  }

  confirmAddress(lang: Language, address: string): string {
    return this.keyMenu(lang, [], [this.p(lang).heardAddress(address)], 'addressConfirm');
  }

  /** Transcription is still running: a short pause, then Twilio asks again. */
  wait(lang: Language, firstTime: boolean): string {
    const r = new twilio.twiml.VoiceResponse();
    if (firstTime) this.say(r, lang, this.p(lang).oneMoment);
    r.pause({ length: 2 });
    r.redirect({ method: 'POST' }, this.url('category'));
    return r.toString();
  }

  /** The suggested category (when the classifier is sure) or a short choice, plus "something else". */
  categoryMenu(lang: Language, names: string[], confident: boolean, preface: string[] = []): string {
    const p = this.p(lang);
    const lines = confident
      ? [p.suggested(names[0]), ...names.slice(1).map((n, i) => p.option(n, i + 2))]
      : [p.choose, ...names.map((n, i) => p.option(n, i + 1))];
    return this.keyMenu(lang, preface, [...lines, p.somethingElse], 'categoryChoice');
  }

  /**
   * The tracking number, digit by digit and twice, then the offer of SMS updates (for a caller we can text) and of
   * keeping the report off the public map.
   */
  tracking(lang: Language, caseId: number, offerUpdates: boolean, preface: string[] = []): string {
    const p = this.p(lang);
    const digits = digitByDigit(caseId);
    const lines = [p.trackingNumber(digits), p.trackingAgain(digits)];
    const r = this.start(lang, [...preface, ...lines]);
    const g = r.gather({ input: ['dtmf'], numDigits: 1, timeout: INPUT_TIMEOUT_S, action: this.url('updates'), method: 'POST' });
    if (offerUpdates) this.speaker.say(g, lang, p.offerUpdates);
    this.speaker.say(g, lang, p.offerPrivate);
    this.say(r, lang, p.goodbye);
    r.hangup();
    return r.toString();
  }

  /** Says the lines and hangs up. */
  goodbye(lang: Language, lines: string[]): string {
    const r = this.start(lang, lines);
    r.hangup();
    return r.toString();
  }

  /** One line from the prompts, in the caller's language or, before they chose one, in both; then hang up. */
  sayAndHangUp(line: 'tryLater' | 'tooManyCalls', lang?: Language): string {
    const r = new twilio.twiml.VoiceResponse();
    for (const l of lang ? [lang] : this.menu.keys.map((k) => k.language)) this.say(r, l, this.p(l)[line]);
    r.hangup();
    return r.toString();
  }

  /** An empty document: for callbacks whose answer Twilio ignores. */
  static empty(): string {
    return new twilio.twiml.VoiceResponse().toString();
  }

  private start(lang: Language, lines: string[]): VoiceResponse {
    const r = new twilio.twiml.VoiceResponse();
    for (const line of lines) this.say(r, lang, line);
    return r;
  }

  // Lines can carry what the caller said (the address heard); the TwiML builder throws on characters XML forbids.
  private say(r: VoiceResponse, lang: Language, text: string): void {
    this.speaker.say(r, lang, text);
  }

  private record(r: VoiceResponse): void {
    r.record({
      action: this.url('recorded'),
      method: 'POST',
      maxLength: MAX_RECORDING_S,
      finishOnKey: '#',
      playBeep: true,
      timeout: 5,
      trim: 'trim-silence',
      recordingStatusCallback: this.url('recording'),
      recordingStatusCallbackMethod: 'POST',
      recordingStatusCallbackEvent: ['completed', 'absent'],
    });
    r.redirect({ method: 'POST' }, this.url('recorded'));
  }

  private keyMenu(lang: Language, preface: string[], lines: string[], action: VoicePath): string {
    const r = this.start(lang, preface);
    const g = r.gather({
      input: ['dtmf'],
      numDigits: 1,
      timeout: INPUT_TIMEOUT_S,
      action: this.url(action),
      method: 'POST',
      actionOnEmptyResult: true,
    });
    for (const line of lines) this.speaker.say(g, lang, line);
    return r.toString();
  }

  private speechOrKeys(lang: Language, preface: string[], prompt: string, action: VoicePath, keys: boolean): string {
    const r = this.start(lang, preface);
    const g = r.gather({
      input: keys ? ['speech', 'dtmf'] : ['speech'],
      ...(keys ? { finishOnKey: '#' } : {}),
      language: this.speaker.recognitionLanguage(lang) as never,
      speechModel: 'phone_call',
      enhanced: true,
      speechTimeout: 'auto',
      timeout: INPUT_TIMEOUT_S,
      action: this.url(action),
      method: 'POST',
      actionOnEmptyResult: true,
    });
    this.speaker.say(g, lang, prompt);
    return r.toString();
  }
}
