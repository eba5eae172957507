import { cleanTweetText } from '../../../channels/twitter/clean-text';
import { judgeMention, problemWords } from '../../../channels/twitter/is-report';
import { loadCatalog } from '../../../src/catalog/catalog';
import { categoryAdvisor } from '../../../src/intake/category-advisor';
import { KeywordClassifier } from '../../support/keyword-classifier';

const catalog = loadCatalog();
const reportJudge = { categories: categoryAdvisor(catalog, new KeywordClassifier()), problemWords: problemWords(catalog), cityHandle: 'BOS311' };
const judge = (tweet: string, hasPhotos = false) =>
  judgeMention(cleanTweetText(tweet), tweet, { hasPhotos, hasAddress: false, language: 'en' }, reportJudge);

describe('judgeMention', () => {
  it.each([
    '@BOS311 thanks!',
    '@BOS311 you rock',
    '@BOS311 gracias!!',
    'Good news everyone: street lights are back on and Dot Ave. is a little less creepy. @BOS311 @universalhub',
    '@BOS311 hello?',
    '@BOS311',
  ])('opens no case for chatter: %s', (tweet) => {
    expect(judge(tweet).report).toBe(false);
  });

  it.each([
    '@BOS311 streetlight out on Beacon St near Charles, been dark 3 nights',
    '@BOS311 thanks for the reply but the pothole is still there',
    '@BOS311 someone dumped a couch and two mattresses behind the library again',
  ])('takes a report: %s', (tweet) => {
    expect(judge(tweet).report).toBe(true);
  });

  it('takes a photo with few words as a report', () => {
    expect(judge('@BOS311 look', true).report).toBe(true);
  });
});
