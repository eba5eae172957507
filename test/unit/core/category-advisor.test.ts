import { Catalog } from '../../../src/catalog/catalog';
import type { Classifier, Suggestion } from '../../../src/domain/classifier';
import type { InboundReport } from '../../../src/domain/types';
import { categoryAdvisor, confidentCategory } from '../../../src/intake/category-advisor';
import { buildIntakeInput } from '../../../src/intake/intake-input';

/** A classifier sure of one answer, whatever the city's catalog says. */
function sureOf(code: string): Classifier {
  return {
    version: 'test',
    classify: () => [
      { service_code: code, confidence: 0.95 },
      { service_code: 'pothole', confidence: 0.03 },
    ],
    detectLanguage: () => 'en',
    isConfident: (s: Suggestion[]) => (s[0]?.confidence ?? 0) >= 0.5,
  };
}

const name = (en: string) => ({ en, es: en });
/** A city whose catalog has no graffiti category. */
const city = new Catalog(
  'Smallville',
  [
    { service_code: 'pothole', name: name('Pothole'), department: 'Public Works', group: 'Streets', keywords: [], attributes: [] },
    { service_code: 'other', name: name('Something else'), department: '311', group: 'Other', keywords: [], attributes: [] },
  ],
  'other',
);

const report: InboundReport = { channel: 'sms', providerMessageId: 'SM1', reporter: {}, text: 'graffiti all over the wall', media: [], raw: {} };

describe('the one "confident enough" rule', () => {
  it('never proposes a category the city does not have, however sure the classifier is', () => {
    expect(confidentCategory(city, sureOf('graffiti'), sureOf('graffiti').classify(''))).toBeUndefined();
    expect(categoryAdvisor(city, sureOf('graffiti')).advise('graffiti', 'en')).toEqual({
      suggestions: [{ service_code: 'pothole', confidence: 0.03 }],
    });
  });

  it('files such a report under the catalog default, with no department of a missing category', () => {
    const input = buildIntakeInput(
      { catalog: city, classifier: sureOf('graffiti'), config: { duplicates: { radiusMeters: 50, windowHours: 72 } }, feedTargets: [] },
      report,
    );
    expect(input.service_code).toBe('other');
    expect(input.department).toBe('311');
    expect(input.classification?.suggestions.map((s) => s.service_code)).toEqual(['pothole']);
  });

  it('proposes a real category when confident, and not one the resident already rejected', () => {
    expect(confidentCategory(city, sureOf('pothole'), sureOf('pothole').classify(''))).toBe('pothole');
    expect(confidentCategory(city, sureOf('pothole'), sureOf('pothole').classify(''), ['pothole'])).toBeUndefined();
    expect(confidentCategory(city, sureOf('other'), sureOf('other').classify(''))).toBeUndefined();
  });
});
