import type { Language } from '../domain/classifier';
import { cleanText } from '../domain/clean-text';
import { isPublicUrl } from '../domain/public-url';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** A character esc changes: markup, or one cleanText drops or replaces (XML's forbidden controls, any surrogate half). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the controls XML forbids are what this looks for.
const NEEDS_ESCAPING = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

/**
 * Escapes text for HTML and XML element content and attribute values. Characters XML cannot carry at all
 * are dropped, so one stored control character cannot make a feed unreadable.
 */
export function esc(value: unknown): string {
  const text = String(value ?? '');
  // Most values (ids, dates, plain words) need nothing: one scan says so, instead of the three the work takes.
  if (!NEEDS_ESCAPING.test(text)) return text;
  return cleanText(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

/** JSON safe to embed in a `<script type="application/json">` block (no `</script>` breakout). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * Only http(s) URLs to public hosts become links and images; anything else (javascript:, data:, the
 * cloud metadata address, a private network) is dropped, even when such a URL was stored before it was refused.
 */
export function safeUrl(url: string | null | undefined): string | undefined {
  return isPublicUrl(url) ? url : undefined;
}

/** The page shell: responsive, the stylesheet, Leaflet only where a map is drawn, and `foot` (plain text: how to reach the city). */
export function layout(opts: {
  lang: Language;
  /** The language's direction: `rtl` for Arabic. */
  dir: 'ltr' | 'rtl';
  title: string;
  body: string;
  map?: boolean;
  script?: boolean;
  foot?: string;
}): string {
  return `<!doctype html>
<html lang="${opts.lang}" dir="${opts.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title)}</title>
<link rel="alternate" type="application/atom+xml" href="/feed.atom?lang=${opts.lang}">
${opts.map ? '<link rel="stylesheet" href="/assets/leaflet/leaflet.css">' : ''}
<link rel="stylesheet" href="/assets/site.css">
</head>
<body>
${opts.body}
${opts.foot ? `<footer class="foot"><p>${esc(opts.foot)}</p></footer>` : ''}
${opts.map ? '<script src="/assets/leaflet/leaflet.js"></script>' : ''}
${opts.script ? '<script src="/assets/site.js"></script>' : ''}
</body>
</html>
`;
}
