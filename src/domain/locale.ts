/**
 * Languages as data: what a locale file (locales/<code>.json) holds, and the pure lookup over the loaded files.
 * Channels get a `Locales` through their context; the core loads the files (src/i18n). Nothing here reads disk.
 */

/** A locale code as the files are named: `en`, `es`, `ht`, `pt`, `zh-Hans`, `zh-Hant`, `vi`, `ru`, `ar`, `fr`... */
export type LocaleCode = string;

/** Whole-message words a resident may text in this language (compared without case or accents). */
export interface LocaleKeywords {
  /** Opt-out words beyond Twilio's own (STOP, CANCEL... stay Twilio's, in every language). */
  stop: string[];
  help: string[];
  status: string[];
  follow: string[];
  yes: string[];
  no: string[];
  reset: string[];
  private: string[];
  /** Words a thank-you is made of ("mèsi anpil", "谢谢"): a message of only these is never a report. */
  thanks: string[];
  /**
   * Words that mean someone may be in danger now ("dife", "着火"), matched as written (with accents) anywhere in a
   * message: the resident is told to call 911 first. English and Spanish have the SMS channel's own patterns.
   */
  emergency: string[];
}

/** How a language is spoken on calls. */
export interface LocaleVoice {
  /** Google Speech-to-Text language code (e.g. `es-US`, `ht-HT`, `cmn-Hans-CN`). */
  speech: string;
  /** Twilio `<Say>` voice and language, or null where Twilio has none (pre-recorded prompts, or a clear fallback). */
  say: { voice: string; language: string } | null;
}

export interface LocaleMeta {
  /** The language's name in itself ("Español", "Kreyòl ayisyen", "中文（简体）"). */
  name: string;
  /** Its English name, for staff and logs. */
  english: string;
  /** Where it comes when LANGUAGES is unset (lower first; English always first). */
  rank?: number;
  dir: 'ltr' | 'rtl';
  /** ISO 15924 script (Latn, Hans, Hant, Cyrl, Arab). */
  script: string;
  /** The BCP 47 tag dates and numbers are formatted with (`es-US`, `zh-Hant-TW`). */
  intl: string;
  voice: LocaleVoice;
  /** Messages that switch the conversation to this language ("español", "kreyòl", "中文", "tiếng việt"). */
  switch: string[];
  keywords: LocaleKeywords;
  /** Detection hints: franc's ISO 639-3 code and common short words of the language. */
  detect: { franc?: string; cues: string[] };
}

/** A namespace of strings: `{placeholders}` are filled at use. */
export interface Texts {
  [key: string]: string | Texts;
}

export interface LocaleFile {
  code: LocaleCode;
  meta: LocaleMeta;
  texts: Texts;
}

export type Values = Record<string, string | number>;

/** Fills `{name}` placeholders; an unknown one is left as written, so a mistake shows rather than vanishes. */
export function fill(template: string, values: Values = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** The placeholders a template uses, sorted. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

function lookup(texts: Texts, key: string): string | Texts | undefined {
  let node: string | Texts | undefined = texts;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return node;
}

/**
 * The enabled locales (LANGUAGES), the first one the default. Every lookup falls back to the default's text, so a
 * city's new locale missing a string still says something (the locale test keeps the shipped ones complete).
 */
export class Locales {
  private readonly byCode: Map<LocaleCode, LocaleFile>;
  readonly codes: readonly LocaleCode[];
  readonly fallback: LocaleCode;

  constructor(readonly files: readonly LocaleFile[]) {
    if (files.length === 0) throw new Error('locales: no language is enabled');
    this.byCode = new Map(files.map((f) => [f.code, f]));
    this.codes = files.map((f) => f.code);
    this.fallback = files[0].code;
  }

  has(code: string | null | undefined): code is LocaleCode {
    return typeof code === 'string' && this.byCode.has(code);
  }

  /** An enabled code, else the default: a stored language a city has since turned off reads as the default. */
  resolve(code: string | null | undefined): LocaleCode {
    return this.has(code) ? code : this.fallback;
  }

  meta(code: string | null | undefined): LocaleMeta {
    return this.file(code).meta;
  }

  /** The string at `key` ("sms.created") in `code`, filled with `values`. */
  text(code: string | null | undefined, key: string, values?: Values): string {
    const own = lookup(this.file(code).texts, key);
    const found = typeof own === 'string' ? own : lookup(this.file(this.fallback).texts, key);
    return typeof found === 'string' ? fill(found, values) : key;
  }

  /** The string at `key` if this very locale has it (catalog names: the city's catalog may name it instead). */
  own(code: string | null | undefined, key: string): string | undefined {
    if (!this.has(code)) return undefined;
    const found = lookup(this.file(code).texts, key);
    return typeof found === 'string' ? found : undefined;
  }

  /** A bound lookup for one language and namespace: `t('created', { id })`. */
  in(code: string | null | undefined, namespace: string): (key: string, values?: Values) => string {
    const lang = this.resolve(code);
    return (key, values) => this.text(lang, `${namespace}.${key}`, values);
  }

  private file(code: string | null | undefined): LocaleFile {
    return this.byCode.get(this.resolve(code))!;
  }
}
