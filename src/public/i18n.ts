import type { Request } from 'express';
import type { Language } from '../domain/classifier';
import type { Locales, Texts } from '../domain/locale';
import type { CaseStatus } from '../domain/types';
import { esc } from './html';

/** The public site's words in one language (the `public` section of its locale file), with how to write it. */
export interface Strings {
  lang: Language;
  /** `rtl` for Arabic: the page's `dir`. */
  dir: 'ltr' | 'rtl';
  /** The BCP 47 tag dates are formatted with. */
  intl: string;
  siteTitle: string;
  recent: string;
  category: string;
  status: string;
  allCategories: string;
  allStatuses: string;
  filter: string;
  older: string;
  noCases: string;
  mapUnavailable: string;
  live: string;
  reported: string;
  updated: string;
  location: string;
  description: string;
  photos: string;
  history: string;
  closureNote: string;
  closurePhoto: string;
  duplicateOf: string;
  duplicates: string;
  reporters: string;
  followBySms: string;
  backToList: string;
  /** The label of the language switcher. */
  languages: string;
  /** The map's zoom buttons (Leaflet's own titles are English). */
  zoomIn: string;
  zoomOut: string;
  caseTitle: string;
  feedTitle: string;
  contact: string;
  feedOpened: string;
  feedClosed: string;
  via: Record<string, string>;
  statuses: Record<CaseStatus, string>;
  events: Record<string, string>;
}

const GROUPS = ['via', 'statuses', 'events'] as const;

/** The site's words in a language (an unknown or disabled one: the default language's). */
export function strings(locales: Locales, language: string | undefined): Strings {
  const lang = locales.resolve(language);
  const meta = locales.meta(lang);
  const shape = (locales.files.find((f) => f.code === locales.fallback)?.texts.public ?? {}) as Texts;
  const out: Record<string, unknown> = { lang, dir: meta.dir, intl: meta.intl };
  for (const [key, value] of Object.entries(shape)) {
    if (typeof value === 'string') out[key] = locales.text(lang, `public.${key}`);
    else if ((GROUPS as readonly string[]).includes(key)) {
      out[key] = Object.fromEntries(Object.keys(value).map((k) => [k, locales.text(lang, `public.${key}.${k}`)]));
    }
  }
  return out as unknown as Strings;
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
export function pickLanguage(req: Request, locales: Locales): Language {
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

/** A date as residents read it, in the page's language (`intl`, its BCP 47 tag) and the city's time zone (TIME_ZONE; unset: the server's). */
export function formatDate(d: Date, intl: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(d);
}

/** The zone public pages show times in; the browser is told it too, so cases added live read the same. */
export function displayTimeZone(configured?: string): string {
  return configured ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}
