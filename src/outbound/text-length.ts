/**
 * How providers count text. SMS is billed per segment: GSM-7 text fits 160 characters in one segment and
 * 153 per segment when split; any character outside GSM-7 turns the whole message into UCS-2, 70 and 67.
 * X counts URLs as 23 characters whatever their length, and most non-Latin characters as 2.
 */

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** These take two septets (an escape and the character). */
const GSM7_EXTENDED = '^{}\\[~]|€\f';
const BASIC = new Set(GSM7_BASIC);
const EXTENDED = new Set(GSM7_EXTENDED);

export interface SmsSize {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

/** The encoding and segment count a carrier will use for `text`. */
export function smsSize(text: string): SmsSize {
  let septets = 0;
  for (const ch of text) {
    if (BASIC.has(ch)) septets += 1;
    else if (EXTENDED.has(ch)) septets += 2;
    else {
      const units = text.length;
      return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

/**
 * Swaps typographic punctuation (curly quotes, dashes, ellipsis, non-breaking space) that staff paste in
 * for plain equivalents, so one stray quote does not turn an English SMS into UCS-2 at twice the segments.
 */
export function smsFriendly(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[\u00A0\u2007\u202F]/g, ' ');
}

const URL_PATTERN = /https?:\/\/\S+/g;
/** X's own URL length (t.co wrapping). */
export const TWEET_URL_LENGTH = 23;

function tweetWeight(codePoint: number): number {
  const light =
    codePoint <= 0x10ff ||
    (codePoint >= 0x2000 && codePoint <= 0x200d) ||
    (codePoint >= 0x2010 && codePoint <= 0x201f) ||
    (codePoint >= 0x2032 && codePoint <= 0x2037);
  return light ? 1 : 2;
}

/** The length X counts for a post: each URL as 23, other characters 1 or 2 by script. */
export function tweetLength(text: string): number {
  const urls = text.match(URL_PATTERN) ?? [];
  let length = urls.length * TWEET_URL_LENGTH;
  for (const ch of text.replace(URL_PATTERN, '')) length += tweetWeight(ch.codePointAt(0) as number);
  return length;
}
