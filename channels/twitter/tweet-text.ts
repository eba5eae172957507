import { maskPersonalData } from '../../src/channels/web';
import type { CaseRecord } from '../../src/domain/types';
import { TWEET_MAX_LENGTH, tweetLength, tweetParts } from '../../vendors/x/tweet-length';

/**
 * Makes a post fit: links (the case page) are never cut; the longest stretch of words is shortened at a
 * word boundary with an ellipsis until the whole post is within `max`. The tracking number, a short
 * token, survives unless the words around it are all that is left.
 */
export function fitTweet(text: string, max = TWEET_MAX_LENGTH): string {
  const parts = tweetParts(text.trim());
  while (tweetLength(parts.map((p) => p.text).join('')) > max) {
    const longest = parts.filter((p) => !p.url && p.text.trim()).sort((a, b) => tweetLength(b.text) - tweetLength(a.text))[0];
    if (!longest) break;
    const over = tweetLength(parts.map((p) => p.text).join('')) - max;
    const chars = [...longest.text];
    const keep = Math.max(0, chars.length - over - 2);
    const cut = chars.slice(0, keep).join('');
    const atWord = cut.replace(/\s+\S*$/, '');
    const trailing = /\s$/.test(longest.text) ? ' ' : '';
    longest.text = keep === 0 ? '' : `${atWord && atWord.length > cut.length / 2 ? atWord : cut}…${trailing}`;
  }
  return parts
    .map((p) => p.text)
    .join('')
    .trim();
}

/**
 * A feed post is public: no @handles (not even the reporter's, which would also notify them), no
 * phone numbers or emails a template might have carried over from the description.
 */
export function publicSafe(text: string, c: Pick<CaseRecord, 'reporter'>): string {
  let out = maskPersonalData(text);
  for (const secret of [c.reporter.handle, c.reporter.name, c.reporter.email, c.reporter.phone]) {
    if (secret && secret.length > 2) out = out.split(secret).join('');
  }
  return out.replace(/[ \t]{2,}/g, ' ').trim();
}
