/**
 * Residents write phone numbers, emails and @handles into their descriptions ("call me at 617 555 0100").
 * Public text (pages, feeds, the Open311 GET API) passes through here so none of it is published.
 */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// A run of digits with the separators people type in phone numbers; judged by its digit count below.
const DIGIT_RUN = /\+?\(?\d[\d\s().-]{5,}\d/g;
// A 7-digit local number written with a separator ("555-0123"); bare 7-digit numbers may be tracking numbers.
const LOCAL_NUMBER = /\b\d{3}[-.\s]\d{4}\b/g;
const LEADING_MENTIONS = /^(?:\s*@\w{1,15})+\s*/;
const MENTION = /(^|[^\w@])@\w{1,15}\b/g;

/** The replacement shown where something personal was removed. */
export const MASK = '[…]';

/** Masks phone numbers, email addresses and @handles in text a resident wrote; other text is unchanged. */
export function maskPersonalData(text: string): string {
  return text
    .replace(EMAIL, MASK)
    .replace(DIGIT_RUN, (run) => (run.replace(/\D/g, '').length >= 10 ? MASK : run))
    .replace(LOCAL_NUMBER, MASK)
    .replace(LEADING_MENTIONS, '')
    .replace(MENTION, `$1${MASK}`);
}
