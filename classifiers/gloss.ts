/**
 * An English word-by-word gloss of a report written in another language, for staff who do not read it: the English
 * words its glossary (locales/<code>.understanding.json) matched, in the text's order, each once, with numbers and
 * names written in Latin letters (street names) kept as written. It is not a translation: words the glossary lacks
 * are left out, and nothing is put in English order.
 */
import { foldText } from '../src/understanding/files';
import { type Glossary, glossaryFor, matchWords, readHan } from './glossary';

/** Chinese runs; runs of other letters (with their marks and apostrophes); numbers ("12", "12-14"). */
const TOKEN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{M}'’‘])+)|(\p{Nd}+(?:[-/]\p{Nd}+)*)/gu;
const LATIN_WORD = /^[\p{Script=Latin}\p{M}'’‘]+$/u;
/** Text before a token that ends a sentence (or nothing at all): a capital there says nothing about a name. */
const SENTENCE_START = /(?:^|[.!?。！？\n])\s*$/u;
/** Stands for a number or Chinese run in the word list: it never matches a glossary word, so phrases do not span it. */
const GAP = '\u0000';

interface Token {
  text: string;
  kind: 'han' | 'word' | 'number';
  start: number;
  end: number;
}

const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

/**
 * The gloss's items: English words, and names or numbers as written (a run of them, "12 Main St", is one item),
 * in the text's order, each once (compared without case). Empty when the glossary matched no word: names alone
 * tell staff nothing new.
 */
export function glossItems(g: Glossary, text: string): string[] {
  const tokens: Token[] = [...text.matchAll(TOKEN)].map((m) => ({
    text: m[0],
    kind: m[1] ? 'han' : m[2] ? 'word' : 'number',
    start: m.index,
    end: m.index + m[0].length,
  }));
  const folded = tokens.map((t) => (t.kind === 'word' ? foldText(t.text) : GAP));
  // In a text written mostly in Chinese, Cyrillic or Arabic letters, a Latin word is a name ("Main街"). In a Latin
  // script, a name is a capitalised word, except at a sentence's start, unless a second one follows ("Main St có").
  const latinText = count(text, /\p{Script=Latin}/gu) * 2 >= count(text, /\p{L}/gu);
  const caseTells = /\p{Ll}/u.test(text);
  const capitalised = (i: number) =>
    tokens[i]?.kind === 'word' && LATIN_WORD.test(tokens[i].text) && /^\p{Lu}/u.test(tokens[i].text) && !matchWords(g, folded, i);
  const isName = (i: number) => {
    if (!LATIN_WORD.test(tokens[i].text)) return false;
    if (!latinText) return true;
    if (!caseTells || !capitalised(i)) return false;
    return !SENTENCE_START.test(text.slice(0, tokens[i].start)) || capitalised(i + 1);
  };

  const items: string[] = [];
  let run: string[] = [];
  let english = false;
  const close = () => {
    if (run.length) items.push(run.join(' '));
    run = [];
  };
  const addEnglish = (words: string) => {
    close();
    english = true;
    items.push(...words.split(/\s+/).filter(Boolean));
  };
  const addName = (i: number) => {
    // A run continues only across spaces: "Main St, 12" is two items.
    if (run.length && !/^[ \t]+$/.test(text.slice(tokens[i - 1].end, tokens[i].start))) close();
    run.push(tokens[i].text);
  };
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i];
    if (t.kind === 'han') {
      const out: string[] = [];
      readHan(g, foldText(t.text), out);
      close();
      for (const words of out) addEnglish(words);
    } else if (t.kind === 'word') {
      const match = matchWords(g, folded, i);
      if (match) {
        addEnglish(match.english);
        i += match.length;
        continue;
      }
      if (isName(i)) addName(i);
      else close();
    } else addName(i);
    i++;
  }
  close();
  if (!english) return [];
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The English gloss of a report in `language` (a locale code), as staff read it ("pothole, deep, Main St"), or
 * undefined for English, a language without a glossary, or a text the glossary matched no word of. Give it the
 * masked text: what it keeps as written must not be a phone number.
 */
export function englishGloss(text: string, language: string, dir?: string): string | undefined {
  if (language === 'en') return undefined;
  const g = glossaryFor(language, dir);
  const items = g ? glossItems(g, text) : [];
  return items.length ? items.join(', ') : undefined;
}
