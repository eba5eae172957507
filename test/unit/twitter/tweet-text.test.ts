import { fitTweet, publicSafe } from '../../../channels/twitter/tweet-text';
import { tweetLength } from '../../../vendors/x/tweet-length';

describe('fitTweet', () => {
  it('leaves a short post alone', () => {
    expect(fitTweet('Case #100001 is closed. https://x.org/cases/100001')).toBe('Case #100001 is closed. https://x.org/cases/100001');
  });

  it('shortens the words, never the link, to 280', () => {
    const link = `https://311.example.org/cases/100001?${'q'.repeat(200)}`;
    const out = fitTweet(`Closed #100001: ${'the lamp was replaced '.repeat(30)}${link}`);
    expect(tweetLength(out)).toBeLessThanOrEqual(280);
    expect(out).toContain(link);
    expect(out).toContain('#100001');
    expect(out).toContain('…');
  });
});

describe('publicSafe', () => {
  it("removes handles, emails, phone numbers and the reporter's own details", () => {
    const out = publicSafe('Pothole at 12 Elm St via @jdoe, call Jane Doe 617-555-0123 or jane@example.com', {
      reporter: { handle: 'jdoe', name: 'Jane Doe' },
    });
    expect(out).not.toMatch(/@|jdoe|Jane|617|example\.com/);
    expect(out).toContain('Pothole at 12 Elm St');
  });
});
