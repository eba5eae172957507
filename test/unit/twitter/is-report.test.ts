import { cleanTweetText } from '../../../channels/twitter/clean-text';
import { judgeMention, problemWords } from '../../../channels/twitter/is-report';
import { loadClassifier } from '../../../classifiers/index';
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

describe('judgeMention with the model trained on real tweets (real classifier)', () => {
  const real = { categories: categoryAdvisor(catalog, loadClassifier()), problemWords: problemWords(catalog), cityHandle: 'BOS311' };
  const signals = { hasPhotos: false, hasAddress: false, language: 'en' as const };
  const verdicts = (tweet: string) => ({
    judge: judgeMention(cleanTweetText(tweet), tweet, signals, real).report,
    rulesAlone: judgeMention(cleanTweetText(tweet), tweet, signals, { ...real, model: null }).report,
  });

  it('opens no case for a grumble about parking that the rules alone would take', () => {
    expect(verdicts("@BOS311 what's up with closing half the parking spots in the South End this week? Hard enough to park as is.")).toEqual({
      judge: false,
      rulesAlone: true,
    });
  });

  it('opens a case for a request put as a question that the rules alone would drop', () => {
    expect(verdicts('@BOS311 our recycling bin got stolen, how do we get a new one?')).toEqual({ judge: true, rulesAlone: false });
  });

  it("never lets the model take thanks alone or the city account's kind of post", () => {
    expect(verdicts('@BOS311 thank you so much!')).toEqual({ judge: false, rulesAlone: false });
    expect(verdicts('See a pothole on your street? Report it to @BOS311 and we will send a crew.')).toEqual({ judge: false, rulesAlone: false });
  });
});
