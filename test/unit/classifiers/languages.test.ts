/**
 * Reports in every language with a glossary (locales/<code>.understanding.json) reach the right category, and
 * their place phrases the right place, on the sentences of test/fixtures/languages/ (written for this; see
 * test/bench/language-scores.ts). `npm run eval:languages` prints the same figures.
 */
import { loadClassifier } from '../../../classifiers/index';
import type { Language } from '../../../src/domain/classifier';
import { loadGeoData } from '../../../src/geo/create-geocoder';
import { LocalGeocoder } from '../../../src/geo/local-geocoder';
import { loadUnderstandings } from '../../../src/understanding/files';
import { languageFixtures, scoreLanguage } from '../../bench/language-scores';

const classifier = loadClassifier();
const geocoder = new LocalGeocoder(loadGeoData());
/** The classifier takes any locale code (the domain's Language type is being widened to one). */
const suggest = (text: string, language: string) => classifier.classify(text, { language: language as Language });
const top = (text: string, language: string) => suggest(text, language)[0]?.service_code;

describe('understanding reports in other languages', () => {
  const fixtures = languageFixtures();

  it('has a fixture for English and for every language with an understanding file', () => {
    expect(fixtures.map((f) => f.language).sort()).toEqual(['en', ...loadUnderstandings().keys()].sort());
  });

  it.each(fixtures.map((f) => [f.language, f] as const))(
    '%s: the category is first for most reports and among the top 3 for nearly all; places land where their English form does',
    (_, fixture) => {
      const score = scoreLanguage(fixture, classifier, geocoder);
      const why = score.misses.join('\n');
      expect({ top1: score.tuning.top1 >= 0.8, top3: score.tuning.top3 >= 0.9, why }).toEqual({ top1: true, top3: true, why });
      expect({ top1: score.heldOut.top1 >= 0.75, top3: score.heldOut.top3 >= 0.85, why }).toEqual({ top1: true, top3: true, why });
      if (fixture.language !== 'en') expect({ geocoded: score.geocoded >= 0.8, why }).toEqual({ geocoded: true, why });
      expect({ falsePlaces: score.falsePlaces <= 0.1, why }).toEqual({ falsePlaces: true, why });
      // A report filed without asking the resident to choose is filed right.
      expect({ rightWhenConfident: score.heldOut.rightWhenConfident >= 0.9, why }).toEqual({ rightWhenConfident: true, why });
    },
  );

  it('reads Vietnamese with or without its diacritics', () => {
    expect(top('có ổ gà rất lớn trước nhà tôi', 'vi')).toBe('pothole');
    expect(top('co o ga rat lon truoc nha toi', 'vi')).toBe('pothole');
    expect(top('đèn đường không sáng', 'vi')).toBe('streetlight');
    expect(top('den duong khong sang', 'vi')).toBe('streetlight');
  });

  it('cuts Chinese, written without spaces, into words, in both scripts', () => {
    expect(top('门口有个大坑', 'zh-Hans')).toBe('pothole');
    expect(top('門口的路燈不亮', 'zh-Hant')).toBe('streetlight');
    expect(top('邻居的音乐太吵了', 'zh-Hans')).toBe('noise');
  });

  it('knows Haitian Creole spelling variants, Russian word endings and Arabic glued prefixes', () => {
    expect(top('limyè lari a pa limen', 'ht')).toBe('streetlight');
    expect(top('limye lari a pa limen', 'ht')).toBe('streetlight');
    expect(top('гора мусора, не вывезли', 'ru')).toBe('trash-collection');
    expect(top('на улице много ям', 'ru')).toBe('pothole');
    expect(top('والقمامة لم يجمعوا', 'ar')).toBe('trash-collection');
    // A hyphenated glossary phrase matches however the report hyphenates it.
    expect(top('un gros nid-de-poule devant chez moi', 'fr')).toBe('pothole');
    expect(top('un gros nid de poule devant chez moi', 'fr')).toBe('pothole');
  });

  it('without the glossary the same reports are mostly missed (the glossary is what reads them)', () => {
    const vietnamese = fixtures.find((f) => f.language === 'vi')!;
    const asEnglish = vietnamese.reports.filter((r) => top(r.text, 'en') === r.category).length / vietnamese.reports.length;
    const asVietnamese = vietnamese.reports.filter((r) => top(r.text, 'vi') === r.category).length / vietnamese.reports.length;
    expect(asEnglish).toBeLessThan(0.4);
    expect(asVietnamese).toBeGreaterThan(0.8);
  });

  it('reads a language it has no glossary for as English', () => {
    const text = 'huge pothole in front of my house';
    expect(suggest(text, 'xx')).toEqual(suggest(text, 'en'));
  });
});
