import { cleanTweetText } from '../../../channels/twitter/clean-text';
import { problemWords } from '../../../channels/twitter/is-report';
import { reportFeatures } from '../../../channels/twitter/report-features';
import { loadCatalog } from '../../../src/catalog/catalog';

const catalog = loadCatalog();
const judge = { problemWords: problemWords(catalog), cityHandle: 'BOS311' };
const plain = { hasAddress: false, confident: false, ruleReport: false };

/** The features of a tweet as written, with no classifier advice unless given. */
const featuresOf = (tweet: string, signals: Partial<Parameters<typeof reportFeatures>[2]> = {}) =>
  reportFeatures(cleanTweetText(tweet), tweet, { ...plain, ...signals }, judge);

describe('reportFeatures: what the model reads besides the words', () => {
  it.each([
    ['a house number and a street', '@BOS311 broken glass all over the sidewalk in front of 12 Elm Street'],
    ['a named street in lower case', '@BOS311 huge puddle on Morton street again'],
    ['a crossing', '@BOS311 walk signal dead at Tremont and Upton'],
    ['a park', '@BOS311 the swings at Ringer Playground are snapped'],
    ['"corner of"', '@BOS311 cones knocked over at the corner of the two main roads'],
  ])('finds a place-like cue in the words (%s)', (_, tweet) => {
    expect(featuresOf(tweet)).toContain('s:streetCue');
  });

  it('finds no place-like cue in a tweet without one', () => {
    expect(featuresOf('@BOS311 thanks so much for the quick help today')).not.toContain('s:streetCue');
  });

  it('tells a request asked as a question from a question about the service', () => {
    const asked = featuresOf('@BOS311 who can I call to have the dead skunk by my driveway taken away?');
    expect(asked).toEqual(expect.arrayContaining(['s:howToGetItDone', 's:questionOnly', 's:problemQuestion']));
    const info = featuresOf('@BOS311 are the libraries open on the holiday?');
    expect(info).toContain('s:questionOnly');
    expect(info).not.toContain('s:howToGetItDone');
    expect(info).not.toContain('s:problemQuestion');
  });

  it('does not call a statement with a question at its end question-only', () => {
    const f = featuresOf('@BOS311 the streetlight outside my house has been dark all week. When will it be fixed?');
    expect(f).toContain('s:questionMark');
    expect(f).not.toContain('s:questionOnly');
  });

  it('marks a problem pointed at but not placed ("this pothole"), as a photo would show it', () => {
    expect(featuresOf('@BOS311 this pothole ate my front tire')).toEqual(expect.arrayContaining(['s:deictic', 's:problemShown']));
    expect(featuresOf('@BOS311 this pothole on Centre Street ate my front tire')).not.toContain('s:problemShown');
    expect(featuresOf('@BOS311 this morning was lovely')).not.toContain('s:deictic');
  });

  it('counts the other accounts named, a reply to someone else and a run of hashtags', () => {
    const f = featuresOf('@SomeNeighbour @BOS311 agreed, the bike lanes are a mess #bikeboston #saferstreets');
    expect(f).toEqual(expect.arrayContaining(['s:otherAccounts', 's:replyToOther', 's:hashtags']));
    const direct = featuresOf('@BOS311 overflowing trash can at the bus stop');
    expect(direct).not.toContain('s:otherAccounts');
    expect(direct).not.toContain('s:replyToOther');
    expect(direct).not.toContain('s:hashtags');
  });

  it("names the categories of the catalog's nouns the tweet uses", () => {
    const f = featuresOf('@BOS311 someone left a mattress next to the fallen tree branch');
    expect(f).toEqual(expect.arrayContaining(['k:litter-dumping', 'k:tree']));
    expect(f.filter((x) => x.startsWith('k:'))).toHaveLength(2);
  });

  it("pairs the signals and the rules' verdict, so a defect at a place weighs apart from either alone", () => {
    const f = reportFeatures(
      cleanTweetText('@BOS311 walk signal dead at Tremont and Upton'),
      '@BOS311 walk signal dead at Tremont and Upton',
      { ...plain, ruleReport: true },
      judge,
    );
    expect(f).toEqual(expect.arrayContaining(['s:defect', 's:streetCue', 'p:s:defect&s:streetCue', 'p:r:report&s:defect']));
    // Only the signals and the verdict are paired, never the words or the classifier's guesses.
    const pairs = f.filter((x) => x.startsWith('p:')).map((x) => x.slice(2).split('&'));
    expect(pairs.every((parts) => parts.length === 2 && parts.every((part) => /^[sr]:/.test(part)))).toBe(true);
  });

  it('reads "back on" as fixed, not as a problem come back', () => {
    expect(featuresOf('@BOS311 good news, the street lights are back on')).not.toContain('s:defect');
    expect(featuresOf('@BOS311 the rats are back behind the school')).toContain('s:defect');
  });

  it("keeps the classifier's second guess when it is a real contender", () => {
    const top = { service_code: 'tree', confidence: 0.55 };
    expect(featuresOf('@BOS311 branch down on the sidewalk', { top, second: { service_code: 'street-sidewalk', confidence: 0.3 } })).toContain(
      't2:street-sidewalk',
    );
    expect(featuresOf('@BOS311 branch down on the sidewalk', { top, second: { service_code: 'parks', confidence: 0.05 } })).not.toContain('t2:parks');
  });
});

describe('problemWords', () => {
  it("matches any catalog noun and tells which categories' nouns a text names", () => {
    const words = problemWords(catalog);
    expect(words.test('two mattresses dumped in the alley')).toBe(true);
    expect(words.kinds('two mattresses dumped in the alley')).toEqual(['litter-dumping']);
    expect(words.test('what a lovely morning')).toBe(false);
    expect(words.kinds('what a lovely morning')).toEqual([]);
  });
});
