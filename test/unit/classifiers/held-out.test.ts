/**
 * The shipped model on resident phrasings written for this test only (test/fixtures/classifier/
 * held-out-phrasings.csv: two per code per language, none in the seed corpus or the training export).
 * They share the seed corpus's author, so they are easier than real other-city reports: the thresholds
 * check that wording the model was never shown still lands, and that "confident" can be trusted.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { confidenceFigures, scoreExamples } from '../../../classifiers/calibration';
import { DEFAULT_CONFIDENCE_RULE } from '../../../classifiers/confidence-rule';
import { parseCsv } from '../../../classifiers/csv';
import { loadClassifier } from '../../../classifiers/index';

const file = path.join(__dirname, '../../fixtures/classifier/held-out-phrasings.csv');
const [, ...records] = parseCsv(fs.readFileSync(file, 'utf8'), file);
const phrasings = records.map(({ fields: [text, category, language] }) => ({ text, category, city: '', language }));
const seedTexts = new Set(
  ['seed-en.csv', 'seed-es.csv'].flatMap((f) =>
    parseCsv(fs.readFileSync(path.join(__dirname, '../../../classifiers/seed', f), 'utf8')).map((r) => r.fields[0].toLowerCase()),
  ),
);
const classifier = loadClassifier();
const codes = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../src/catalog/boston.json'), 'utf8')).services.map(
  (s: { service_code: string }) => s.service_code,
);

describe('held-out phrasings', () => {
  it('covers every catalog code in English and Spanish and none is copied from the seed corpus', () => {
    for (const language of ['en', 'es']) {
      const covered = new Set(phrasings.filter((p) => p.language === language).map((p) => p.category));
      expect([...codes].filter((c: string) => !covered.has(c))).toEqual([]);
    }
    expect(phrasings.filter((p) => seedTexts.has(p.text.toLowerCase())).map((p) => p.text)).toEqual([]);
  });

  it.each(['en', 'es'])('puts at least 90%% of the %s phrasings on the right code, detecting the language', (language) => {
    const own = phrasings.filter((p) => p.language === language);
    expect(own.filter((p) => classifier.detectLanguage(p.text) !== language).map((p) => p.text)).toEqual([]);
    const misses = own
      .map((p) => ({ p, got: classifier.classify(p.text)[0].service_code }))
      .filter(({ p, got }) => got !== p.category)
      .map(({ p, got }) => `${p.text} -> ${got} (expected ${p.category})`);
    if (misses.length > own.length * 0.1) expect(misses).toEqual([]);
  });

  it('is right at least 95% of the time it is confident, and confident on most plain reports', () => {
    const figures = confidenceFigures(scoreExamples(classifier, phrasings, codes), DEFAULT_CONFIDENCE_RULE);
    expect(figures.precision).toBeGreaterThanOrEqual(0.95);
    expect(figures.coverage).toBeGreaterThanOrEqual(0.6);
  });

  it('is confident about the issue example and asks about a bare greeting', () => {
    const pothole = classifier.classify('theres a huge hole on tremont st by the T stop, almost lost a tire');
    expect(pothole[0].service_code).toBe('pothole');
    expect(classifier.isConfident(pothole)).toBe(true);
    expect(classifier.isConfident(classifier.classify('hi is anyone there'))).toBe(false);
  });
});
