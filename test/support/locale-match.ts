/** Which of a locale's templates a text was filled from: how a test tells "the answer is in Haitian Creole". */
import type { Locales } from '../../src/domain/locale';

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The key under `namespace` whose template (placeholders filled with anything) is exactly `text`, if any. */
export function templateOf(locales: Locales, code: string, namespace: string, text: string): string | undefined {
  const file = locales.files.find((f) => f.code === code);
  const section = file?.texts[namespace];
  if (!section || typeof section === 'string') return undefined;
  for (const [key, template] of Object.entries(section)) {
    if (typeof template !== 'string') continue;
    const pattern = new RegExp(
      `^${template
        .split(/\{\w+\}/)
        .map(literal)
        .join('[\\s\\S]+?')}$`,
    );
    if (pattern.test(text)) return key;
  }
  return undefined;
}

/** How X tags a tweet in each language (its `lang` field). */
export const X_LANG: Record<string, string> = {
  en: 'en',
  es: 'es',
  ht: 'ht',
  pt: 'pt',
  'zh-Hans': 'zh',
  'zh-Hant': 'zh',
  vi: 'vi',
  ru: 'ru',
  ar: 'ar',
  fr: 'fr',
};

/** A resident's first message in each shipped language: a pothole in front of 12 Elm St (our own words). */
export const POTHOLE_REPORTS: Record<string, string> = {
  en: 'big pothole in the road outside 12 Elm St',
  es: 'hay un bache enorme en la calle frente al 12 Elm St',
  ht: 'gen yon gwo twou nan lari a devan 12 Elm St',
  pt: 'tem um buraco na rua enorme em frente ao 12 Elm St',
  'zh-Hans': '12 Elm St 门前有路面坑洞，很大，请尽快修理',
  'zh-Hant': '12 Elm St 門前有路面坑洞，很大，請儘快修理',
  vi: 'có một ổ gà rất lớn trên đường trước nhà 12 Elm St',
  ru: 'большая яма на дороге у дома 12 Elm St',
  ar: 'حفرة في الطريق كبيرة جدا أمام 12 Elm St',
  fr: 'il y a un gros nid de poule dans la rue devant le 12 Elm St',
};
