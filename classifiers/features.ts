/**
 * Features the model sees: stemmed words and adjacent-word pairs after stop words are removed, using
 * natural's tokenizer and its English (Porter) or Spanish stemmer. Bigrams carry what single words
 * miss ("dead rat" vs "rat", "light out" vs "light"). Reports in other languages are translated into
 * English words first (glossary.ts).
 */
// natural's submodules, not its index: the index loads redis, mongoose and dotenv (which prints to stdout) and takes ~1 s.
/* eslint-disable @typescript-eslint/no-require-imports */
const PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer') as { stem(word: string): string };
const PorterStemmerEs = require('natural/lib/natural/stemmers/porter_stemmer_es') as { stem(word: string): string };
const { WordTokenizer } = require('natural/lib/natural/tokenizers/regexp_tokenizer') as {
  WordTokenizer: new () => { tokenize(text: string): string[] };
};
const stopwords = (require('natural/lib/natural/util/stopwords') as { words: string[] }).words;

import { type Glossary, glossaryFor, translate, wordToEnglish } from './glossary';
import { normalizeText } from './normalize';

// natural ships the Spanish list but does not export it from its index.
const spanishStopwords = (require('natural/lib/natural/util/stopwords_es') as { words: string[] }).words;

/** Kept despite being stop words: negations and particles carry the problem ("light not working", "light out", "tree down"). */
const KEPT = new Set(['no', 'not', 'nor', 'without', 'sin', 'nunca', 'never', 'out', 'off', 'down', 'up', 'over']);
/** One list for both languages, so a mixed or misdetected message still drops its filler words. */
const STOPWORDS = new Set(
  [...stopwords, ...spanishStopwords, 'please', 'hi', 'hello', 'thanks', 'thank', 'por', 'favor', 'gracias', 'hola']
    .map((w) => w.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))
    .filter((w) => !KEPT.has(w)),
);

const tokenizer = new WordTokenizer();
/** The stemmers the model was trained with: Spanish for Spanish, English for English and every translation into it. */
type Stemming = 'en' | 'es';
const STEMMERS: Record<Stemming, { stem(token: string): string }> = { en: PorterStemmer, es: PorterStemmerEs };

/** Stemming dominates feature time, and residents reuse a small vocabulary: memoise, with a bound. */
const STEM_CACHE_LIMIT = 200_000;
const stemCache: Record<Stemming, Map<string, string>> = { en: new Map(), es: new Map() };

function stem(word: string, language: Stemming): string {
  const cache = stemCache[language];
  let stemmed = cache.get(word);
  if (stemmed === undefined) {
    stemmed = STEMMERS[language].stem(word);
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(word, stemmed);
  }
  return stemmed;
}

function wordFeatures(text: string, language: Stemming): { words: string[]; features: Set<string> } {
  const words = tokenizer.tokenize(normalizeText(text)).filter((w) => w.length > 1 && !STOPWORDS.has(w));
  const stems = words.map((w) => stem(w, language));
  const features = new Set(stems);
  for (let i = 1; i < stems.length; i++) features.add(`${stems[i - 1]}_${stems[i]}`);
  return { words, features };
}

/** Spanish keeps its own stems (the seed corpus trained them) and adds the English stems of its glossary words. */
function spanishFeatures(text: string, glossary: Glossary | undefined): Set<string> {
  const { words, features } = wordFeatures(text, 'es');
  if (glossary)
    for (const word of words) {
      const english = wordToEnglish(glossary, word);
      if (english !== undefined) for (const w of english.split(' ')) features.add(stem(w, 'en'));
    }
  return features;
}

/**
 * Distinct features of one report: unigram stems and `a_b` stem bigrams (stop words removed first).
 * `language` is a locale code; English, and a language without a glossary, are read as English. Spanish
 * reports also get English stems of glossary words; reports in other languages are translated word by word
 * into English first (glossary.ts), so English training data speaks for them.
 */
export function extractFeatures(text: string, language: string): string[] {
  if (language === 'en') return [...wordFeatures(text, 'en').features];
  const glossary = glossaryFor(language);
  if (language === 'es') return [...spanishFeatures(text, glossary)];
  return [...wordFeatures(glossary ? translate(glossary, text) : text, 'en').features];
}
