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
    const pattern = new RegExp(`^${template.split(/\{\w+\}/).map(literal).join('[\\s\\S]+?')}$`);
    if (pattern.test(text)) return key;
  }
  return undefined;
}

/** A resident's first message in each shipped language: a pothole in front of 12 Elm St (our own words). */
export const POTHOLE_REPORTS: Record<string, string> = {
  en: 'big pothole in the road outside 12 Elm St',
  es: 'hay un bache enorme en la calle frente al 12 Elm St',
  ht: 'gen yon gwo twou nan lari a devan 12 Elm St',
  pt: 'tem um buraco enorme na rua em frente ao 12 Elm St',
  'zh-Hans': '12 Elm St 门前的路上有一个大坑，请尽快修理',
  'zh-Hant': '12 Elm St 門前的路上有一個大坑，請儘快修理',
  vi: 'có một ổ gà rất lớn trên đường trước nhà 12 Elm St',
  ru: 'большая яма на дороге у дома 12 Elm St',
  ar: 'توجد حفرة كبيرة في الشارع أمام 12 Elm St',
  fr: 'il y a un gros nid de poule dans la rue devant le 12 Elm St',
};
