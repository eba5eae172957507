import { maskPersonalData } from '../../src/channels/web';
import type { CaseRecord } from '../../src/domain/types';

/** X counts every link as 23 characters (t.co), whatever its length. */
const URL_WEIGHT = 23;
const URL_RE = /https?:\/\/\S+/g;
/** Posts are at most 280 weighted characters. */
export const TWEET_MAX = 280;

/** X's weighted length: Latin and common punctuation count 1, other scripts and emoji 2, links 23. */
export function tweetLength(text: string): number {
  let n = 0;
  for (const part of splitUrls(text)) n += part.url ? URL_WEIGHT : charsWeight(part.text);
  return n;
}

function charsWeight(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    const light = cp <= 0x10ff || (cp >= 0x2000 && cp <= 0x200d) || (cp >= 0x2010 && cp <= 0x201f) || (cp >= 0x2032 && cp <= 0x2037);
    n += light ? 1 : 2;
  }
  return n;
}

function splitUrls(text: string): { text: string; url: boolean }[] {
  const parts: { text: string; url: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    if ((m.index ?? 0) > last) parts.push({ text: text.slice(last, m.index), url: false });
    parts.push({ text: m[0], url: true });
    last = (m.index ?? 0) + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), url: false });
  return parts;
}

/**
 * Makes a post fit: links (the case page) are never cut; the longest stretch of words is shortened at a
 * word boundary with an ellipsis until the whole post is within `max`. The tracking number, a short
 * token, survives unless the words around it are all that is left.
 */
export function fitTweet(text: string, max = TWEET_MAX): string {
  const parts = splitUrls(text.trim());
  while (tweetLength(parts.map((p) => p.text).join('')) > max) {
    const longest = parts.filter((p) => !p.url && p.text.trim()).sort((a, b) => charsWeight(b.text) - charsWeight(a.text))[0];
    if (!longest) break;
    const over = tweetLength(parts.map((p) => p.text).join('')) - max;
    const chars = [...longest.text];
    const keep = Math.max(0, chars.length - over - 2);
    const cut = chars.slice(0, keep).join('');
    const atWord = cut.replace(/\s+\S*$/, '');
    const trailing = /\s$/.test(longest.text) ? ' ' : '';
    longest.text = keep === 0 ? '' : `${atWord && atWord.length > cut.length / 2 ? atWord : cut}…${trailing}`;
  }
  return parts.map((p) => p.text).join('').trim();
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
