import type twilio from 'twilio';
import type { Language } from '../../src/domain/classifier';
import { cleanText } from '../../src/domain/clean-text';
import type { Locales } from '../../src/domain/locale';

/** Anything TwiML can speak into: the response itself or a `<Gather>` inside it. */
type Speakable = Pick<twilio.twiml.VoiceResponse, 'say' | 'play'>;

interface Template {
  key: string;
  /** Matches a line filled from this template; its groups are the placeholders' values. */
  pattern: RegExp;
  /** Which stretches of words around the values are not empty (each is its own recording). */
  spoken: boolean[];
}

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * How a language is spoken on calls. With a Twilio voice, `<Say>` in it. Without one (Haitian Creole), a city
 * that recorded the locale's `voice` lines (VOICE_PROMPTS_URL) gets `<Play>` of `{url}/{code}/{key}.mp3`; a line
 * with values in it (a tracking number, the address heard) is recorded in pieces, `{key}.mp3` before the first
 * value, `{key}-2.mp3` after it and so on, and the values are said between them in the default voice; without
 * recordings, such a language is not offered on calls (the menu says, in the default language, that it is by text).
 */
export class Speaker {
  private readonly templates = new Map<Language, Template[]>();

  constructor(
    private readonly locales: Locales,
    private readonly promptsUrl?: string,
  ) {}

  /** Whether callers can be served in `lang`: a Twilio voice, or the city's recordings. */
  canSpeak(lang: Language): boolean {
    return Boolean(this.locales.meta(lang).voice.say || this.promptsUrl);
  }

  /** The `language` attribute for Twilio's own speech recognition (`<Gather input="speech">`). */
  recognitionLanguage(lang: Language): string {
    return this.locales.meta(lang).voice.speech;
  }

  say(into: Speakable, lang: Language, text: string): void {
    const voice = this.locales.meta(lang).voice.say;
    const line = cleanText(text);
    if (voice) {
      into.say(voice as Parameters<Speakable['say']>[0], line);
      return;
    }
    const fallback = this.locales.meta(this.locales.fallback).voice.say ?? undefined;
    const match = this.promptsUrl ? this.recorded(lang, line) : undefined;
    if (!match) {
      into.say((fallback ?? {}) as Parameters<Speakable['say']>[0], line);
      return;
    }
    const base = `${this.promptsUrl}/${encodeURIComponent(lang)}/${match.template.key}`;
    match.template.spoken.forEach((words, i) => {
      if (words) into.play({}, i === 0 ? `${base}.mp3` : `${base}-${i + 1}.mp3`);
      const value = match.values[i];
      if (value) into.say((fallback ?? {}) as Parameters<Speakable['say']>[0], value);
    });
  }

  /** The recorded prompt a line was filled from, and the values filled in. */
  private recorded(lang: Language, line: string): { template: Template; values: string[] } | undefined {
    for (const t of this.templatesOf(lang)) {
      const m = t.pattern.exec(line);
      if (m) return { template: t, values: m.slice(1) };
    }
    return undefined;
  }

  private templatesOf(lang: Language): Template[] {
    let list = this.templates.get(lang);
    if (list) return list;
    list = [];
    const keys = Object.keys(this.locales.files.find((f) => f.code === lang)?.texts.voice ?? {});
    for (const key of keys) {
      const template = cleanText(this.locales.text(lang, `voice.${key}`));
      const parts = template.split(/\{\w+\}/);
      list.push({ key, pattern: new RegExp(`^${parts.map(literal).join('(.+?)')}$`, 's'), spoken: parts.map((p) => /\p{L}/u.test(p)) });
    }
    this.templates.set(lang, list);
    return list;
  }
}
