import { twitterChannel } from '../../../../channels/twitter';
import { tweetLength, tweetParts, tweetTextBudget } from '../../../../vendors/x/tweet-length';

describe("X's weighted post length", () => {
  it('counts a link as 23 whatever its length, Latin as 1, and CJK or emoji as 2', () => {
    expect(tweetLength('see https://311.example.org/cases/100001/with/a/very/long/path')).toBe(4 + 23);
    expect(tweetLength(`see https://example.com/${'a'.repeat(100)}`)).toBe(4 + 23);
    expect(tweetLength('ok 👍')).toBe(5);
    expect(tweetLength('路灯')).toBe(4);
    expect(tweetLength('日本')).toBe(4);
    expect(tweetLength('Ñandú — “Cañón”')).toBe(15);
  });

  it('leaves the punctuation closing a sentence out of the link, as X does', () => {
    expect(tweetLength('see https://a.org/cases/1.')).toBe(4 + 23 + 1);
    expect(tweetLength('(https://a.org/x).')).toBe(1 + 23 + 2);
    expect(
      tweetParts('see https://a.org/cases/1, thanks')
        .filter((p) => p.url)
        .map((p) => p.text),
    ).toEqual(['https://a.org/cases/1']);
  });

  it('counts a bare domain as at least a link, never less than X may count it, and an email address by its characters', () => {
    expect(tweetLength('see boston.gov/trash.')).toBe(4 + 23 + 1);
    const long = `${'a'.repeat(40)}.example.org`;
    expect(tweetLength(long)).toBe(long.length);
    expect(tweetLength('mail me@example.com')).toBe(19);
  });

  it('keeps the text whole when cut into parts', () => {
    const text = 'Closed #1: see https://a.org/cases/1. Thanks, boston.gov';
    expect(
      tweetParts(text)
        .map((p) => p.text)
        .join(''),
    ).toBe(text);
  });

  it('is the budget the twitter channel fits notifications to: 280', () => {
    for (const budget of [tweetTextBudget(), twitterChannel.textBudget!]) {
      expect(budget.fits('a'.repeat(280))).toBe(true);
      expect(budget.fits('a'.repeat(281))).toBe(false);
      expect(budget.fits(`${'a'.repeat(256)} https://311.example.org/cases/100001/${'x'.repeat(100)}`)).toBe(true);
      expect(budget.fits('路'.repeat(141))).toBe(false);
    }
  });
});
