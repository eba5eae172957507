import { choicesFor, type PendingChoice, questionText, readChoice } from '../../../channels/twitter/category-choice';
import { loadCatalog } from '../../../src/catalog/catalog';
import { locales } from '../../support/locales';

const catalog = loadCatalog();
const pending: PendingChoice = {
  tweetId: '1',
  language: 'en',
  choices: ['water-sewer', 'pothole', 'street-sidewalk', 'other'],
  askedAt: '',
  asks: 1,
};

describe('the category question in an X thread', () => {
  it('offers the classifier’s best real categories, then the catch-all last', () => {
    const advice = {
      suggestions: [
        { service_code: 'other', confidence: 0.4 },
        { service_code: 'water-sewer', confidence: 0.3 },
      ],
    };
    expect(choicesFor(advice, catalog)).toEqual(['water-sewer', 'pothole', 'streetlight', 'other']);
  });

  it('fits one tweet in either language', () => {
    const long = 'water is pouring out of the hydrant at the corner of Elm St and Main St and it has been going all night';
    expect(questionText(catalog, pending.choices, 'en', long, locales)).toMatch(
      /^Thanks\. “water is pouring out of the hydrant at…”: which fits best\? 1 .+, 4 Something else\. Reply with the number\.$/,
    );
    expect(questionText(catalog, pending.choices, 'es', 'sale agua del hidrante', locales)).toMatch(
      /^Gracias\. “sale agua del hidrante”: ¿cuál lo describe mejor\? 1 .+ Responda con el número\.$/,
    );
    // Two residents with the same choices get different posts (X refuses a repeated one).
    expect(questionText(catalog, pending.choices, 'en', 'a', locales)).not.toBe(questionText(catalog, pending.choices, 'en', 'b', locales));
  });

  it.each([
    ['2', 'pothole'],
    ['#2', 'pothole'],
    ['2.', 'pothole'],
    ['number 1 please', 'water-sewer'],
    ['Pothole', 'pothole'],
    ['the sidewalk one', 'street-sidewalk'],
    ['4', 'other'],
  ])('reads "%s" as %s', (answer, code) => {
    expect(readChoice(answer, pending, catalog)).toBe(code);
  });

  it.each(['9', '2 cars parked in the bike lane on Elm St', 'it is still flooding on Pine St and getting worse by the hour, come soon', 'thanks'])(
    'does not read "%s" as a choice',
    (answer) => {
      expect(readChoice(answer, pending, catalog)).toBeUndefined();
    },
  );
});
