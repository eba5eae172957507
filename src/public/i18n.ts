import type { Request } from 'express';
import type { Language } from '../domain/classifier';
import type { Locales, Texts } from '../domain/locale';
import type { CaseStatus } from '../domain/types';
import { loadLocales } from '../i18n/load-locales';
import { esc } from './html';

/** The `public` section of the default locale file: every key the site uses, in English. */
type PublicTexts = typeof import('../../locales/en.json')['public'];

/** The public site's words in one language (the `public` section of its locale file), with how to write it. */
export type Strings = Omit<PublicTexts, 'via' | 'statuses' | 'events'> & {
  lang: Language;
  /** `rtl` for Arabic: the page's `dir`. */
  dir: 'ltr' | 'rtl';
  /** The BCP 47 tag dates are formatted with. */
  intl: string;
  via: Record<string, string>;
  statuses: Record<CaseStatus, string>;
  events: Record<string, string>;
};

let shipped: Locales | undefined;
/** Every shipped locale, for callers without the process's own (LANGUAGES) at hand. */
function shippedLocales(): Locales {
  shipped ??= loadLocales();
  return shipped;
}

/** Every string under `texts`, looked up in `lang` (the default language's where it has none). */
function lookupAll(locales: Locales, lang: Language, prefix: string, shape: Texts): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(shape)) {
    out[key] = typeof value === 'string' ? locales.text(lang, `${prefix}.${key}`) : lookupAll(locales, lang, `${prefix}.${key}`, value);
  }
  return out;
}

/** The site's words in a language (an unknown or disabled one: the default language's). */
export function strings(language: string | undefined, locales: Locales = shippedLocales()): Strings {
  const lang = locales.resolve(language);
  const meta = locales.meta(lang);
  const shape = (locales.files.find((f) => f.code === locales.fallback)?.texts.public ?? {}) as Texts;
  return { ...lookupAll(locales, lang, 'public', shape), lang, dir: meta.dir, intl: meta.intl } as unknown as Strings;
}

/** Fills `{name}` placeholders. */
export { fill } from '../domain/locale';

/** Accept-Language tags for Chinese that name a region rather than a script. */
const CHINESE_REGIONS: Record<string, string> = { tw: 'zh-Hant', hk: 'zh-Hant', mo: 'zh-Hant', cn: 'zh-Hans', sg: 'zh-Hans' };

/** An enabled locale for a tag such as `es`, `es_US`, `zh-TW`, `zh-Hant`; undefined when none fits. */
function localeOf(locales: Locales, raw: string): Language | undefined {
  const tag = raw.trim().replace(/_/g, '-');
  const exact = locales.codes.find((c) => c.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const [base, second] = tag.toLowerCase().split('-');
  if (base === 'zh') {
    const script = second === 'hant' || second === 'hans' ? `zh-${second[0].toUpperCase()}${second.slice(1)}` : CHINESE_REGIONS[second ?? 'cn'];
    return script && locales.has(script) ? script : undefined;
  }
  return locales.has(base) ? base : undefined;
}

/**
 * The page or answer language: `?lang=`, or Open311's `locale` (query or form field), when an enabled locale fits;
 * then Accept-Language; then the default language.
 */
export function pickLanguage(req: Request, locales: Locales = shippedLocales()): Language {
  const body = (req.body ?? {}) as Record<string, unknown>;
  for (const asked of [req.query.lang, req.query.locale, body.locale]) {
    const found = typeof asked === 'string' ? localeOf(locales, asked) : undefined;
    if (found) return found;
  }
  for (const tag of req.acceptsLanguages()) {
    const found = localeOf(locales, tag);
    if (found) return found;
  }
  return locales.fallback;
}

/**
 * The language switcher: every enabled language by its own name, each link marked with its `lang` (and `dir`), the
 * page's own marked current. `href` gives the same page in another language.
 */
export function languageSwitcher(locales: Locales, t: Strings, href: (lang: Language) => string): string {
  const links = locales.codes.map((code) => {
    const meta = locales.meta(code);
    const current = code === t.lang ? ' aria-current="page"' : '';
    return `<li><a href="${esc(href(code))}" hreflang="${code}" lang="${code}" dir="${meta.dir}"${current}>${esc(meta.name)}</a></li>`;
  });
  return `<nav class="lang" aria-label="${esc(t.languages)}"><ul>${links.join('')}</ul></nav>`;
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (a home page of 50 cases spent over a
// quarter of its CPU building them): one per language and zone, kept for the process's life.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A date as residents read it, in the page's language (`intl`, its BCP 47 tag) and the city's time zone (TIME_ZONE; unset: the server's). */
export function formatDate(d: Date, intl: string, timeZone?: string): string {
  const key = `${intl} ${timeZone ?? ''}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    formatters.set(key, format);
  }
  return format.format(d);
}

let serverZone: string | undefined;

/** The zone public pages show times in; the browser is told it too, so cases added live read the same. */
export function displayTimeZone(configured?: string): string {
  serverZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return configured ?? serverZone;
}
