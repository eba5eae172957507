/**
 * The words around a place name, in English and in every language with a `locales/<code>.understanding.json`:
 * "calle Main 45", "45 rua Main", "kwen Main ak Elm", "góc đường Main và Elm", "угол Main и Elm", "coin de la rue
 * Main et Elm". Boston's street names stay English; only the words around them change, so every language's words
 * are read in every text (a resident may mix languages, and SMS does not know the language of a first message).
 *
 * Chinese is written without spaces and puts the street type and the number after the name ("Main街45号"); the
 * Chinese words are rewritten into the English order before the text is cut into tokens (`rewriteForeignPlaces`).
 */
import { foldText, type GeocoderUnderstanding, HAN, loadUnderstandings } from '../understanding/files';

export interface PlaceWords {
  /** Word before a street name -> the suffix it stands for ("calle" -> "st", "улица" -> "st"). */
  streetBefore: Map<string, string>;
  /** Words joining two streets into a crossing. */
  and: Set<string>;
  /** Words before a crossing that say streets are meant. */
  corner: Set<string>;
  between: Set<string>;
  /** Words before a house number ("numero", "дом"). */
  number: Set<string>;
  /** Small words the reader steps over ("de", "la", "da"). */
  skip: Set<string>;
  /** Words before a street name that say a street is meant ("on", "en", "на"). */
  on: Set<string>;
  /** Glued prefixes (Arabic "و", "ب") to split off a known place word. */
  prefixes: string[];
  /** Chinese place words and the English tokens they are rewritten to, longest first. */
  han: HanWord[];
}

const ENGLISH = {
  and: ['and', '&', 'at', '@', '/', '+', 'n'],
  corner: ['corner', 'corners', 'intersection', 'intersections', 'crossing'],
  between: ['between'],
  number: ['number', '#'],
  on: ['on', 'along', 'down', 'up', 'off'],
};

/** A Chinese place word; a street type counts only right after a name in Latin letters ("Tremont街", not "整条街"). */
interface HanWord {
  word: string;
  english: string;
  /** For a street type: the word where a Latin name ends right before it. */
  afterName?: RegExp;
}

/** The Chinese words' English stand-ins: the suffix for a street type, or the English word. */
function hanWords(g: GeocoderUnderstanding): HanWord[] {
  const out: HanWord[] = [];
  const han = (w: string) => HAN.test(w);
  const add = (list: string[] | undefined, english: string) => {
    for (const w of (list ?? []).filter(han)) out.push({ word: foldText(w), english });
  };
  for (const [w, suffix] of Object.entries(g.streetAfter ?? {}))
    if (han(w)) out.push({ word: foldText(w), english: ` ${suffix} `, afterName: new RegExp(`(?<=[A-Za-z0-9.'] ?)${foldText(w)}`, 'g') });
  add(g.and, ' and ');
  add(g.corner, ' corner ');
  add(g.between, ' between ');
  add(g.number, ' number ');
  add(g.skip, ' ');
  return out;
}

let cached: PlaceWords | undefined;

/** English words plus every understanding file's, folded as tokens are. */
export function placeWords(dir?: string): PlaceWords {
  if (cached && dir === undefined) return cached;
  const words: PlaceWords = {
    streetBefore: new Map(),
    and: new Set(ENGLISH.and),
    corner: new Set(ENGLISH.corner),
    between: new Set(ENGLISH.between),
    number: new Set(ENGLISH.number),
    skip: new Set(),
    on: new Set(ENGLISH.on),
    prefixes: [],
    han: [],
  };
  const add = (set: Set<string>, list: string[] | undefined) => {
    for (const w of list ?? []) if (!HAN.test(w)) set.add(foldText(w));
  };
  for (const { geocoder: g, classifier } of loadUnderstandings(dir).values()) {
    for (const [w, suffix] of Object.entries(g.streetBefore ?? {})) words.streetBefore.set(foldText(w), suffix);
    add(words.and, g.and);
    add(words.corner, g.corner);
    add(words.between, g.between);
    add(words.number, g.number);
    add(words.skip, g.skip);
    add(words.on, g.on);
    words.prefixes.push(...(classifier.prefixes ?? []).map(foldText));
    words.han.push(...hanWords(g));
  }
  words.han.sort((a, b) => b.word.length - a.word.length);
  if (dir === undefined) cached = words;
  return words;
}

const ASCII = /^\p{ASCII}*$/u;
/** A name in Latin letters (and digits) standing right before a Chinese street word: "Blue Hill" in "Blue Hill大道". */
const HAN_ADDRESS = /([A-Za-z][A-Za-z0-9'.\- ]*?) (st|street|ave|avenue|rd|road|blvd|sq|pl|ln|dr|way|pkwy|hwy|ct|ter) +(\d{1,5}[A-Za-z]?) +number /gi;
/** "Main and Elm corner" (Chinese puts the corner word last): "corner of Main and Elm". */
const HAN_CORNER = /([A-Za-z][A-Za-z0-9'. ]*? +and +[A-Za-z][A-Za-z0-9'. ]*?) +(?:\S+ +)?corner /gi;

/** Chinese place words in English order: "在Main街45号" -> "在 45 Main st", "Main和Elm路口" -> "corner of Main and Elm". */
function rewriteHan(text: string, words: PlaceWords): string {
  let out = text.normalize('NFKC');
  for (const { word, english, afterName } of words.han) out = afterName ? out.replace(afterName, english) : out.split(word).join(english);
  out = ` ${out.replace(/(\p{Script=Han}+)/gu, ' $1 ').replace(/[，。、；：！？]/g, ' , ')} `.replace(/ {2,}/g, ' ');
  return out.replace(HAN_ADDRESS, '$3 $1 $2 ').replace(HAN_CORNER, 'corner of $1 ');
}

/** Splits a glued prefix off a known place word ("وElm", "بشارع"), so the reader sees two words. */
function splitGlued(text: string, words: PlaceWords): string {
  return text.replace(/[\p{L}\p{M}]+/gu, (word) => {
    const folded = foldText(word);
    for (const p of words.prefixes) {
      if (!folded.startsWith(p) || folded.length === p.length) continue;
      const rest = folded.slice(p.length);
      // A prefix in another script glued to a Latin name ("وElm"), or to a place word of its own language ("بشارع").
      const latinName = /^[a-z]/.test(rest) && !/[a-z]/.test(p);
      if (latinName || words.streetBefore.has(rest) || words.corner.has(rest) || words.number.has(rest)) return `${p} ${word.slice(p.length)}`;
    }
    return word;
  });
}

/** The text with other scripts' place phrases put the way the reader expects them; plain ASCII text is returned as is. */
export function rewriteForeignPlaces(text: string, words: PlaceWords = placeWords()): string {
  if (ASCII.test(text)) return text;
  let out = text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => c.normalize('NFKC')).replace(/[٠-٩۰-۹]/g, (d) => foldText(d));
  if (words.prefixes.length) out = splitGlued(out, words);
  if (HAN.test(out)) out = rewriteHan(out, words);
  return out;
}
