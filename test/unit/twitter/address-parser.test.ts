import { parseAddress } from '../../../channels/twitter/address-parser';
import { cleanTweetText } from '../../../channels/twitter/clean-text';

/** Real tweets to @BOS311 (shared/data/tweets-bos311-2019.csv) and the place a dispatcher would read from them. */
const CASES: [string, string | undefined][] = [
  ['@BOS311 streetlight out on Beacon St near Charles, been dark 3 nights', 'Beacon St near Charles'],
  ['@BOS311 one of the lights at the corner of St. Paul and Comm Ave is currently not angled properly.', 'St. Paul & Comm Ave'],
  ['@BOS311 Street sign needs to be secured. In front of 176 H Street, South Boston 02127-4111 -Thank you', '176 H Street'],
  [
    "This puddle/ice is ALWAYS here. I think it's a small @BOSTON_WATER leak. Corner of Cummins Hwy and Shelden Street, Roslindale. @BOS311 @universalhub",
    'Cummins Hwy & Shelden Street',
  ],
  [
    '@BOS311 the traffic signal at Comm Ave and Amory Street (Boston Brookline line, but signal in Boston) has been blinking red for at least a week.',
    'Comm Ave & Amory Street',
  ],
  ['Hey @BOS311 someone left a mattress on the sidewalk on west 4th street near Broadway. This obstructs the path', 'west 4th street near Broadway'],
  ['@BOS311 Missing bricks = toddler trips on the Freedom Trail at 60 state st', '60 state st'],
  ['@BOS311 this sidewalk on Cook St in Charlestown borders a city-owned park.', 'Cook St'],
  ['Hey geniuses you put the no turn sign pointing the wrong direction. Corner of Sullivan / Russell @BostonBTD @BOS311', 'Sullivan & Russell'],
  [
    'Here’s a driver illegally parked in the bike lane. #VisionZero @BOS311 – at MBTA Bus Stop | Massachusetts Ave. & Beacon St.',
    'Massachusetts Ave & Beacon St',
  ],
  ['@BOS311 you rock', undefined],
  ["@BOS311 please send salt. It's pretty treacherous along the Charles near the bathhouse. Thank you.", undefined],
];

describe('parseAddress on real tweets', () => {
  it.each(CASES)('%s', (tweet, expected) => {
    expect(parseAddress(cleanTweetText(tweet))).toBe(expected);
  });

  it('falls back to a check-in place name', () => {
    expect(parseAddress('mattress dumped on the bridge – at 4th Street Bridge')).toBe('4th Street Bridge');
  });
});

describe('cleanTweetText', () => {
  it('drops the addressing mentions and links, keeps hashtags as words and mentions inside the sentence', () => {
    expect(
      cleanTweetText('.@BOS311 @BostonPWD pothole on #Dorchester Ave, thanks @marty_walsh for asking https://t.co/abc123 @universalhub @WalkBoston'),
    ).toBe('pothole on Dorchester Ave, thanks @marty_walsh for asking');
  });

  it('decodes the entities v1.1 webhooks escape', () => {
    expect(cleanTweetText('@BOS311 Mass Ave &amp; Beacon St')).toBe('Mass Ave & Beacon St');
  });
});
