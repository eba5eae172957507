/**
 * The translation step for reports in other languages: each language's 311 words and phrases (from its
 * `locales/<code>.understanding.json`) turned into the English words the model was trained on. The training
 * export is English, so a Vietnamese "ổ gà" must reach the model as "pothole". Words are compared folded (no
 * case, no accents), so "duong" and "đường" are one word; Chinese, written without spaces, is cut into the
 * glossary's words, longest first.
 */
import { foldText, HAN, loadUnderstandings } from '../src/understanding/files';

interface Entry {
  /** Folded words; a word ending in "*" matches any word it starts. */
  words: string[];
  english: string;
}

/** One language's glossary, indexed for the matcher. */
export interface Glossary {
  /** Entries by their first word's first letter, longest phrases first. */
  byInitial: Map<string, Entry[]>;
  /** Chinese keys (no spaces) -> English, and the longest key's length. */
  han: Map<string, string>;
  hanLongest: number;
  prefixes: string[];
}

/** Words and Chinese runs in folded text; everything else (digits, punctuation) separates them. */
const WORD = /\p{Script=Han}+|[\p{L}']+/gu;

function build(words: Record<string, string>, prefixes: string[]): Glossary {
  const byInitial = new Map<string, Entry[]>();
  const han = new Map<string, string>();
  let hanLongest = 0;
  for (const [key, english] of Object.entries(words)) {
    const folded = foldText(key).trim();
    if (HAN.test(folded) && !/\s/.test(folded)) {
      han.set(folded, english);
      hanLongest = Math.max(hanLongest, [...folded].length);
      continue;
    }
    // Split as the text is: "nid-de-poule" is three words in a report.
    const entry = { words: folded.split(/[^\p{L}'*]+/u).filter(Boolean), english };
    if (entry.words.length === 0) continue;
    const initial = entry.words[0][0];
    byInitial.set(initial, [...(byInitial.get(initial) ?? []), entry]);
  }
  for (const list of byInitial.values()) list.sort((a, b) => b.words.length - a.words.length || b.words[0].length - a.words[0].length);
  return { byInitial, han, hanLongest, prefixes: prefixes.map(foldText).sort((a, b) => b.length - a.length) };
}

function wordMatches(pattern: string, word: string): boolean {
  return pattern.endsWith('*') ? word.startsWith(pattern.slice(0, -1)) : word === pattern;
}

/** The entry that matches the words from `at` on, longest first. */
function matchAt(g: Glossary, words: string[], at: number): Entry | undefined {
  for (const entry of g.byInitial.get(words[at][0]) ?? [])
    if (entry.words.every((p, k) => at + k < words.length && wordMatches(p, words[at + k]))) return entry;
  return undefined;
}

/** A word not in the glossary may be one with a glued prefix ("والشارع"): the same word without it. */
function withoutPrefix(g: Glossary, word: string): string | undefined {
  for (const p of g.prefixes) if (word.startsWith(p) && word.length > p.length + 1) return word.slice(p.length);
  return undefined;
}

/** The glossary entry for the folded words from `at` on (longest first, then without a glued prefix), or undefined. */
export function matchWords(g: Glossary, words: string[], at: number): { english: string; length: number } | undefined {
  let entry = matchAt(g, words, at);
  if (!entry) {
    const bare = withoutPrefix(g, words[at]);
    if (bare !== undefined) entry = matchAt(g, [bare, ...words.slice(at + 1)], 0);
  }
  return entry && { english: entry.english, length: entry.words.length };
}

/** Cuts a run of Chinese characters into glossary words, longest first; characters no word covers are dropped. */
export function readHan(g: Glossary, run: string, out: string[]): void {
  const chars = [...run];
  for (let i = 0; i < chars.length; ) {
    let n = Math.min(g.hanLongest, chars.length - i);
    for (; n > 0; n--) {
      const english = g.han.get(chars.slice(i, i + n).join(''));
      if (english !== undefined) {
        out.push(english);
        break;
      }
    }
    i += Math.max(n, 1);
  }
}

/**
 * The English words of a report: glossary words and phrases translated, every other word dropped. (Keeping words
 * the glossary lacks, for the English loanwords among them, cost 6 to 25 points of held-out top-1 in French,
 * Haitian Creole, Portuguese and Vietnamese: their English stems are noise. Loanwords belong in the glossary.)
 */
export function translate(g: Glossary, text: string): string {
  const out: string[] = [];
  const words: string[] = [];
  const flush = () => {
    for (let i = 0; i < words.length; ) {
      const match = matchWords(g, words, i);
      if (match) out.push(match.english);
      i += match?.length ?? 1;
    }
    words.length = 0;
  };
  for (const [token] of foldText(text).matchAll(WORD)) {
    if (HAN.test(token)) {
      flush();
      readHan(g, token, out);
    } else words.push(token);
  }
  flush();
  return out.join(' ');
}

const glossaries = new Map<string, Glossary | null>();

/** The glossary of a language (a locale code such as "vi" or "zh-Hant"), or undefined when it has none. */
export function glossaryFor(language: string, dir?: string): Glossary | undefined {
  const key = `${dir ?? ''}\u0000${language}`;
  let g = glossaries.get(key);
  if (g === undefined) {
    const u = loadUnderstandings(dir).get(language);
    g = u && Object.keys(u.classifier.words).length > 0 ? build(u.classifier.words, u.classifier.prefixes ?? []) : null;
    glossaries.set(key, g);
  }
  return g ?? undefined;
}

/** The English of one glossary word, exactly as written (no phrases, no stems). */
export function wordToEnglish(g: Glossary, word: string): string | undefined {
  const entry = g.byInitial.get(word[0])?.find((e) => e.words.length === 1 && e.words[0] === word);
  return entry?.english;
}
