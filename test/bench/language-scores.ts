/**
 * Scores the classifier and the geocoder on the sentences of test/fixtures/languages/<code>.json, written for this
 * purpose (no resident's text): per language, how often the right category is first (top-1) or among the first
 * three (top-3), and how often a place phrase in the language's own grammar ("esquina de Tremont y Boylston",
 * "Tremont街120号") lands where its English form ("corner of Tremont St and Boylston St") does. Shared by
 * `npm run eval:languages` and test/unit/classifiers/languages.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Classifier, Language } from '../../src/domain/classifier';
import { distanceMeters } from '../../src/geo/geometry';
import type { LocalGeocoder } from '../../src/geo/local-geocoder';

/** The fixtures, from the sources (jest runs test/ directly) or from the build (dist/test/bench). */
const FIXTURE_DIR = [
  path.resolve(__dirname, '..', 'fixtures', 'languages'),
  path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'languages'),
].find((d) => fs.existsSync(d))!;

/** A place phrase counts as found when its best candidate is this close to the English phrase's best candidate. */
export const SAME_PLACE_M = 60;

type Report = { text: string; category: string };

export interface LanguageFixture {
  language: string;
  /** Reports written with the glossaries, which were then corrected on their misses. */
  reports: Report[];
  /** Reports written after that, never used to change a glossary: the honest figure. */
  held_out: Report[];
  places: Array<{ text: string; same_as: string }>;
}

export interface CategoryScore {
  reports: number;
  top1: number;
  top3: number;
  /** Share filed without asking (the confidence rule passed), and of those the share filed right. */
  confident: number;
  rightWhenConfident: number;
}

export interface LanguageScore {
  language: string;
  tuning: CategoryScore;
  heldOut: CategoryScore;
  places: number;
  /** Share of place phrases found where their English form is; NaN when the fixture has no places. */
  geocoded: number;
  /** Share of the reports (which name no place) for which the geocoder still finds one. */
  falsePlaces: number;
  misses: string[];
}

/** Every fixture, English first. */
export function languageFixtures(): LanguageFixture[] {
  return fs
    .readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, f), 'utf8')) as LanguageFixture)
    .sort((a, b) => (a.language === 'en' ? -1 : b.language === 'en' ? 1 : a.language.localeCompare(b.language)));
}

function scoreReports(reports: Report[], language: string, classifier: Classifier, misses: string[]): CategoryScore {
  let top1 = 0;
  let top3 = 0;
  let confident = 0;
  let right = 0;
  for (const { text, category } of reports) {
    // The language is what the conversation knows; the classifier's own detector is not under test here.
    const suggestions = classifier.classify(text, { language: language as Language });
    const codes = suggestions.map((s) => s.service_code);
    if (codes[0] === category) top1++;
    else misses.push(`classify ${category} -> ${codes.slice(0, 3).join(',')}: ${text}`);
    if (codes.slice(0, 3).includes(category)) top3++;
    if (classifier.isConfident(suggestions)) {
      confident++;
      if (codes[0] === category) right++;
    }
  }
  const n = reports.length;
  return { reports: n, top1: top1 / n, top3: top3 / n, confident: confident / n, rightWhenConfident: confident ? right / confident : Number.NaN };
}

export function scoreLanguage(fixture: LanguageFixture, classifier: Classifier, geocoder: LocalGeocoder): LanguageScore {
  const { language } = fixture;
  const misses: string[] = [];
  const tuning = scoreReports(fixture.reports, language, classifier, misses);
  const heldOut = scoreReports(fixture.held_out, language, classifier, misses);
  let found = 0;
  for (const { text, same_as } of fixture.places) {
    const [expected] = geocoder.forwardSync(same_as);
    const [got] = geocoder.forwardSync(text, { language });
    if (!expected) throw new Error(`${language}: the English place "${same_as}" is not found; fix the fixture`);
    if (got && distanceMeters(got, expected) <= SAME_PLACE_M) found++;
    else misses.push(`geocode "${text}" -> ${got ? got.address : 'nothing'} (expected ${expected.address})`);
  }
  const reports = [...fixture.reports, ...fixture.held_out];
  const placed = reports.filter(({ text }) => {
    const [got] = geocoder.forwardSync(text, { language });
    if (got) misses.push(`geocode found ${got.address} in a report that names no place: ${text}`);
    return got !== undefined;
  });
  return {
    language,
    falsePlaces: placed.length / reports.length,
    tuning,
    heldOut,
    places: fixture.places.length,
    geocoded: fixture.places.length ? found / fixture.places.length : Number.NaN,
    misses,
  };
}
