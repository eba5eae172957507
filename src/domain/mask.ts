/**
 * Residents write their own contact details into reports ("call me at 617 555 0100", "jane at example dot com").
 * Every public output (pages, Atom, the live stream, Open311, the city's X posts) and every log line passes text
 * through here, so none of it is published. One function, so every output masks the same ways.
 *
 * Detection runs on a folded copy of the text (full-width digits to ASCII, every dash to '-', zero-width characters
 * dropped, a letter O beside digits read as zero), and what it finds is masked in the original text.
 */

/** The replacement shown where something personal was removed. */
export const MASK = '[…]';

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/;
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/;
const DIGIT_WORDS = new Set('zero oh o one two three four five six seven eight nine cero uno dos tres cuatro cinco seis siete ocho nueve'.split(' '));

const PATTERNS: RegExp[] = [
  // Email, plain or spelled out: jane@example.com, jane(at)example.com, jane at example dot com, jane [at] example [dot] org.
  /[A-Za-z0-9._%+-]+\s*(?:@|\(\s*at\s*\)|\[\s*at\s*\]|\{\s*at\s*\}|\s+at\s+)\s*[A-Za-z0-9-]+(?:\s*(?:\.|\(\s*dot\s*\)|\[\s*dot\s*\]|\s+dot\s+)\s*[A-Za-z0-9-]+)*\s*(?:\.|\(\s*dot\s*\)|\[\s*dot\s*\]|\s+dot\s+)\s*(?:com|org|net|edu|gov|us|io|co|info|me|biz|[a-z]{2})\b/gi,
  // Links to a profile: twitter.com/jane, x.com/jane, instagram.com/jane...
  /(?:https?:\/\/)?(?:www\.|mobile\.)?(?:twitter|x|instagram|facebook|fb|tiktok|threads|linkedin)\.(?:com|net)\/[@\w.\-/]+/gi,
  // @handles.
  /(^|[^\w@])@\w{1,15}\b/g,
];
// A run of digits with the separators people type in phone numbers; judged by its digit count.
const DIGIT_RUN = /\+?\(?\d[\d\s().\-/_]{5,}\d/g;
// A 7-digit local number written with a separator ("555-0123"); bare 7-digit numbers may be tracking numbers.
const LOCAL_NUMBER = /\b\d{3}[-.\s/_]\d{4}\b/g;

/** The folded copy and, for each of its characters, the index of the original character it came from. */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ZERO_WIDTH.test(ch)) continue;
    const code = ch.charCodeAt(0);
    let out = ch;
    if (code >= 0xff10 && code <= 0xff19) out = String.fromCharCode(code - 0xff10 + 48);
    else if (DASHES.test(ch) || ch === '\u2011') out = '-';
    else if (ch === '\u00a0' || ch === '\u202f' || ch === '\u3000') out = ' ';
    folded += out;
    origin.push(i);
  }
  // A letter O standing for zero, in a run of digits that touches no other letter ("617 555 O1OO", not "Boston").
  folded = folded.replace(/(?<![A-Za-z])[\dOo]*\d[\dOo]*(?![A-Za-z])/g, (run) => run.replace(/[Oo]/g, '0'));
  return { folded, origin };
}

/** Spans [start, end) of the folded text that hold contact details. */
function findSpans(folded: string): Array<[number, number, string]> {
  const spans: Array<[number, number, string]> = [];
  const add = (start: number, end: number, keep = '') => spans.push([start, end, keep]);
  for (const pattern of PATTERNS) {
    for (const m of folded.matchAll(pattern)) {
      const lead = m[1] ?? '';
      add(m.index! + lead.length, m.index! + m[0].length);
    }
  }
  for (const m of folded.matchAll(DIGIT_RUN)) if (m[0].replace(/\D/g, '').length >= 10) add(m.index!, m.index! + m[0].length);
  for (const m of folded.matchAll(LOCAL_NUMBER)) add(m.index!, m.index! + m[0].length);
  // Numbers spelled out, in words or mixed with digits: seven or more digits' worth ("six one seven, five five five...").
  const words = [...folded.matchAll(/[A-Za-z]+|\d+/g)];
  for (let i = 0; i < words.length; ) {
    let j = i;
    let digits = 0;
    while (j < words.length && (DIGIT_WORDS.has(words[j][0].toLowerCase()) || /^\d+$/.test(words[j][0]))) {
      const gap = j > i ? folded.slice(words[j - 1].index! + words[j - 1][0].length, words[j].index!) : '';
      if (j > i && !/^[\s,.\-/()]*$/.test(gap)) break;
      digits += /^\d+$/.test(words[j][0]) ? words[j][0].length : 1;
      j++;
    }
    const spelled = words.slice(i, j).some((w) => !/^\d+$/.test(w[0]));
    if (j > i && spelled && digits >= 7) add(words[i].index!, words[j - 1].index! + words[j - 1][0].length);
    i = Math.max(j, i + 1);
  }
  return spans;
}

/** Masks phone numbers, email addresses, @handles and profile links in text a resident wrote; other text is unchanged. */
export function maskPersonalData(text: string): string {
  if (!text) return text;
  // A tweet's leading @mentions are addressing, not content: dropped rather than masked.
  text = text.replace(/^(?:\s*@\w{1,15})+\s*/, '');
  const { folded, origin } = fold(text);
  const spans = findSpans(folded)
    .map(([s, e]) => [origin[s], origin[e - 1] + 1] as const)
    .sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    if (end <= at) continue;
    out += text.slice(at, Math.max(start, at)) + (start >= at ? MASK : '');
    at = end;
  }
  return out + text.slice(at);
}
