import type { TextBudget } from '../../src/outbound/text-budget';

/**
 * How X counts a post (its "counting characters" rules, as in twitter-text): a link counts 23 whatever its
 * length (t.co wraps it); code points in Latin, Greek, Cyrillic and the like and common punctuation count 1;
 * everything else (CJK, most other scripts, emoji) counts 2. A post may weigh at most 280.
 * X counts an emoji sequence (a skin tone, a flag, a joined family) as one emoji; we count each of its code
 * points, on purpose: over-counting only makes a post shorter, while a sequence X's tables do not know yet
 * would be counted by code points there too, and a post X finds too long is refused outright.
 */
export const TWEET_MAX_LENGTH = 280;
/** What X counts any link as. */
export const TWEET_URL_LENGTH = 23;

/**
 * Links as X finds them: with a scheme, or a bare domain such as `boston.gov/trash` (not the domain of an
 * email address). X wraps the ones it recognises, which needs its list of top-level domains; we do not keep
 * that list, so a bare domain counts the larger of 23 and its own length, whichever way X sees it.
 * Punctuation closing a sentence after a link is not part of it, for X either.
 */
const URL_PATTERN = /https?:\/\/\S*[^\s.,;:!?'")\]}]|(?<![\w@.-])(?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/\S*[^\s.,;:!?'")\]}])?/gi;
const SCHEME = /^https?:\/\//i;

/** A stretch of post text: a link, or the words between links. */
export interface TweetPart {
  text: string;
  url: boolean;
}

/** The post cut into links and the text between them, in order; joined again they give `text`. */
export function tweetParts(text: string): TweetPart[] {
  const parts: TweetPart[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    const at = m.index ?? 0;
    if (at > last) parts.push({ text: text.slice(last, at), url: false });
    parts.push({ text: m[0], url: true });
    last = at + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), url: false });
  return parts;
}

function codePointWeight(codePoint: number): number {
  const light =
    codePoint <= 0x10ff ||
    (codePoint >= 0x2000 && codePoint <= 0x200d) ||
    (codePoint >= 0x2010 && codePoint <= 0x201f) ||
    (codePoint >= 0x2032 && codePoint <= 0x2037);
  return light ? 1 : 2;
}

/** The weight of text with no links in it. */
function wordsLength(text: string): number {
  let length = 0;
  for (const ch of text) length += codePointWeight(ch.codePointAt(0) as number);
  return length;
}

function linkLength(link: string): number {
  return SCHEME.test(link) ? TWEET_URL_LENGTH : Math.max(TWEET_URL_LENGTH, wordsLength(link));
}

/** The length X counts for a post. */
export function tweetLength(text: string): number {
  return tweetParts(text).reduce((sum, part) => sum + (part.url ? linkLength(part.text) : wordsLength(part.text)), 0);
}

/** The budget of one post: X's weighted length, at most `maxLength` (280). */
export function tweetTextBudget(maxLength = TWEET_MAX_LENGTH): TextBudget {
  return { prepare: (text) => text, fits: (text) => tweetLength(text) <= maxLength };
}
