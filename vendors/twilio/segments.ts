import type { TextBudget } from '../../src/outbound/text-budget';

/**
 * How carriers (and so Twilio's billing) split an SMS. Text entirely in the GSM 03.38 alphabet is sent as
 * GSM-7: 160 septets in one segment, 153 per segment once split (the rest is the concatenation header).
 * One character outside it (á, í, ó, ú, an emoji) turns the whole message into UCS-2: 70 UTF-16 code units,
 * 67 per segment once split.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table: each takes two septets (an escape and the character). */
const GSM7_EXTENDED = '^{}\\[~]|€\f';
const BASIC = new Set(GSM7_BASIC);
const EXTENDED = new Set(GSM7_EXTENDED);

const LIMITS = {
  'GSM-7': { single: 160, split: 153 },
  'UCS-2': { single: 70, split: 67 },
} as const;

export interface SmsSize {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

/** Each character's size in its encoding's units, or undefined when one of them does not fit GSM-7. */
function gsm7Units(text: string): number[] | undefined {
  const units: number[] = [];
  for (const ch of text) {
    if (BASIC.has(ch)) units.push(1);
    else if (EXTENDED.has(ch)) units.push(2);
    else return undefined;
  }
  return units;
}

/**
 * Segments needed when split: a character is never cut in two across segments (an escaped GSM-7 character,
 * a UTF-16 surrogate pair), so one that would straddle the boundary starts the next segment.
 */
function splitSegments(units: number[], perSegment: number): number {
  let segments = 1;
  let used = 0;
  for (const size of units) {
    if (used + size > perSegment) {
      segments++;
      used = 0;
    }
    used += size;
  }
  return segments;
}

/** The encoding and segment count a carrier will use for `text`. */
export function smsSize(text: string): SmsSize {
  const gsm = gsm7Units(text);
  const encoding = gsm ? 'GSM-7' : 'UCS-2';
  const sizes = gsm ?? [...text].map((ch) => ch.length);
  const units = sizes.reduce((sum, n) => sum + n, 0);
  const { single, split } = LIMITS[encoding];
  return { encoding, units, segments: units <= single ? 1 : splitSegments(sizes, split) };
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

/** A text budget of at most `maxSegments` SMS segments, with typographic punctuation made plain first. */
export function smsTextBudget(maxSegments: number): TextBudget {
  return { prepare: smsFriendly, fits: (text) => smsSize(text).segments <= maxSegments };
}
