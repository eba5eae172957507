import twilio from 'twilio';
import type { Language } from '../../src/domain/classifier';
import { cleanText } from '../../src/domain/clean-text';
import { digitByDigit, greeting, PROMPTS } from './prompts';

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

/** Amazon Polly voices Twilio offers for each language we speak. */
const VOICES = {
  en: { voice: 'Polly.Joanna', language: 'en-US' },
  es: { voice: 'Polly.Lupe', language: 'es-US' },
} as const;

/** How long Twilio waits for a key press or speech before moving on (seconds). */
const INPUT_TIMEOUT_S = 6;
/** The longest description a caller may record (seconds). */
export const MAX_RECORDING_S = 120;

/** Builds the TwiML documents of one call, in the caller's language, with absolute callback URLs. */
export class Screens {
  /** `cityName` is CITY_NAME, which the greeting says. */
  constructor(
    private readonly baseUrl: string,
    private readonly cityName: string,
  ) {}

  url(path: VoicePath): string {
    return this.baseUrl + VOICE_PATHS[path];
  }

  /** The greeting with the 911 warning and the language choice, spoken in both languages. */
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
    const words = greeting(this.cityName);
    g.say(VOICES.en, words.en);
    g.say(VOICES.es, words.es);
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
      this.say(r, lang, PROMPTS[lang].describe);
      this.record(r);
    } else {
      const g = r.gather({
        input: ['speech', 'dtmf'],
        finishOnKey: '#',
        language: VOICES[lang].language,
        speechModel: 'phone_call',
        enhanced: true,
        speechTimeout: 'auto',
        timeout: INPUT_TIMEOUT_S,
        action: this.url('described'),
        method: 'POST',
        actionOnEmptyResult: true,
        ...(hints.length ? { hints: hints.join(', ') } : {}),
      });
      g.say(VOICES[lang], PROMPTS[lang].describeNoTone);
    }
    return r.toString();
  }

  /** After two silent attempts: a last chance to leave a message that staff will file. */
  offerMessage(lang: Language, preface: string[] = []): string {
    const r = this.start(lang, preface);
    this.say(r, lang, PROMPTS[lang].offerMessage);
    this.record(r);
    return r.toString();
  }

  askAddress(lang: Language, preface: string[] = []): string {
    return this.speechOrKeys(lang, preface, PROMPTS[lang].askAddress, 'address', true);
  }

  askStreet(lang: Language): string {
    return this.speechOrKeys(lang, [], PROMPTS[lang].askStreet, 'street', false);
  }

  confirmAddress(lang: Language, address: string): string {
    return this.keyMenu(lang, [], [PROMPTS[lang].heardAddress(address)], 'addressConfirm');
  }

  /** Transcription is still running: a short pause, then Twilio asks again. */
  wait(lang: Language, firstTime: boolean): string {
    const r = new twilio.twiml.VoiceResponse();
    if (firstTime) this.say(r, lang, PROMPTS[lang].oneMoment);
    r.pause({ length: 2 });
    r.redirect({ method: 'POST' }, this.url('category'));
    return r.toString();
  }

  /** The suggested category (when the classifier is sure) or a short choice, plus "something else". */
  categoryMenu(lang: Language, names: string[], confident: boolean, preface: string[] = []): string {
    const p = PROMPTS[lang];
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
    const p = PROMPTS[lang];
    const digits = digitByDigit(caseId);
    const lines = [p.trackingNumber(digits), p.trackingAgain(digits)];
    const r = this.start(lang, [...preface, ...lines]);
    const g = r.gather({ input: ['dtmf'], numDigits: 1, timeout: INPUT_TIMEOUT_S, action: this.url('updates'), method: 'POST' });
    if (offerUpdates) g.say(VOICES[lang], p.offerUpdates);
    g.say(VOICES[lang], p.offerPrivate);
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
    for (const l of lang ? [lang] : (['en', 'es'] as const)) this.say(r, l, PROMPTS[l][line]);
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
    r.say(VOICES[lang], cleanText(text));
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
    for (const line of lines) g.say(VOICES[lang], cleanText(line));
    return r.toString();
  }

  private speechOrKeys(lang: Language, preface: string[], prompt: string, action: VoicePath, keys: boolean): string {
    const r = this.start(lang, preface);
    const g = r.gather({
      input: keys ? ['speech', 'dtmf'] : ['speech'],
      ...(keys ? { finishOnKey: '#' } : {}),
      language: VOICES[lang].language,
      speechModel: 'phone_call',
      enhanced: true,
      speechTimeout: 'auto',
      timeout: INPUT_TIMEOUT_S,
      action: this.url(action),
      method: 'POST',
      actionOnEmptyResult: true,
    });
    g.say(VOICES[lang], prompt);
    return r.toString();
  }
}
