/**
 * How well reports in each language are understood: npm run eval:languages (after npm run build).
 * Per language: classifier top-1 and top-3 accuracy on the fixture's reports (the tuning set the glossaries were
 * corrected on, and the held-out set written afterwards; on the held-out set also the share filed without asking the
 * resident to choose, and how many of those were right), and the share of its place phrases
 * the geocoder finds where their English form is, and of its reports (which name no place) it finds a place in
 * (test/bench/language-scores.ts). English is the comparison.
 * --show-misses prints each miss.
 */
import { loadClassifier } from '../../classifiers/index';
import { loadGeoData } from '../../src/geo/create-geocoder';
import { LocalGeocoder } from '../../src/geo/local-geocoder';
import { type CategoryScore, languageFixtures, scoreLanguage } from './language-scores';

const SHOW_MISSES = process.argv.includes('--show-misses');

function main(): void {
  const classifier = loadClassifier();
  const geocoder = new LocalGeocoder(loadGeoData());
  const pct = (v: number) => (Number.isNaN(v) ? '   —' : `${(100 * v).toFixed(0).padStart(3)}%`);
  console.log('language  tuning: n  top-1  top-3   held out: n  top-1  top-3  confident  right   places  geocoded  false places');
  for (const fixture of languageFixtures()) {
    const s = scoreLanguage(fixture, classifier, geocoder);
    const cells = (c: CategoryScore) => `${String(c.reports).padStart(9)}  ${pct(c.top1)}   ${pct(c.top3)}`;
    const asked = `${pct(s.heldOut.confident).padStart(9)}  ${pct(s.heldOut.rightWhenConfident)}`;
    console.log(
      `${s.language.padEnd(8)}  ${cells(s.tuning)}   ${cells(s.heldOut)}  ${asked}   ${String(s.places).padStart(6)}  ${pct(s.geocoded)}  ${pct(s.falsePlaces).padStart(12)}`,
    );
    if (SHOW_MISSES) for (const m of s.misses) console.log(`    ${m}`);
  }
}

main();
