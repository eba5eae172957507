/**
 * Characters no XML 1.0 document may carry, even escaped: C0 controls other than tab, newline and carriage
 * return (NUL among them, which PostgreSQL also refuses in text and jsonb), U+FFFE and U+FFFF.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the control characters XML forbids is this regex's job.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** A surrogate half without its partner: not a character at all; PostgreSQL refuses it in jsonb. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const UNSAFE = new RegExp(`${NOT_XML.source}|${LONE_SURROGATE.source}`);

/**
 * Text safe to store and to put into any XML, HTML, TwiML or JSON we emit: controls XML forbids are
 * removed and broken surrogate halves become U+FFFD. One report with a U+0001 in it once made every
 * XML feed unreadable, and a NUL made PostgreSQL refuse the insert. Everything else is kept as sent.
 */
export function cleanText(text: string): string {
  return text.replace(NOT_XML, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** True when `cleanText` would change the text. */
export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE.test(text);
}

/** `cleanText` applied to every string (keys included) of a JSON-like value: for raw payloads, attributes and details. */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((v) => cleanDeep(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [cleanText(k), cleanDeep(v)])) as T;
  }
  return value;
}
