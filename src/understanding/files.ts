/**
 * How intake311 understands reports written in other languages, as data: one `locales/<code>.understanding.json`
 * per language, read by the classifier (its glossary into the English words the model knows) and the geocoder
 * (its words for streets, corners and numbers). Adding a language is adding a file.
 *
 * ```json
 * { "classifier": { "words": { "bache": "pothole", "luz apagada": "light out", "фонар*": "streetlight" } },
 *   "geocoder": { "streetBefore": { "calle": "st" }, "corner": ["esquina"], "and": ["y"] } }
 * ```
 */
import fs from 'node:fs';
import path from 'node:path';
import { LOCALES_DIR } from '../../classifiers/paths';

/** The classifier's part: words and phrases of the language, each mapped to English words the model knows. */
export interface ClassifierUnderstanding {
  /**
   * Word or phrase (words separated by spaces; Chinese without spaces) -> English words. Matching ignores case and
   * accents. A word ending in `*` matches every word it starts ("фонар*": фонарь, фонари, фонарей).
   */
  words: Record<string, string>;
  /** Prefixes glued to words (Arabic "و", "ال"): a word not found is looked up again without them. Default none. */
  prefixes?: string[];
}

/** The geocoder's part: how the language names a street, a corner and a house number around Boston's English names. */
export interface GeocoderUnderstanding {
  /** Street-type words written before the name ("calle Main", "rua Main", "улица Main") -> the suffix they stand for. */
  streetBefore?: Record<string, string>;
  /** Street-type words written after the name, glued or not ("Main街", "Main路") -> the suffix they stand for. */
  streetAfter?: Record<string, string>;
  /** Words joining two streets into a crossing ("y", "ak", "và", "和", "и", "و", "et"). */
  and?: string[];
  /** Words saying a crossing follows ("esquina", "kwen", "góc", "угол", "زاوية", "coin"), or, in Chinese, ends it ("路口"). */
  corner?: string[];
  /** Words for "between" ("entre", "giữa", "между"). */
  between?: string[];
  /** Words standing before a house number ("número", "số", "дом", "رقم"), or after it ("号"). */
  number?: string[];
  /** Small words between the parts of a place phrase that the geocoder can skip ("de", "la", "da", "do", "của"). */
  skip?: string[];
  /**
   * Words for "on" or "in" before a street ("en", "na", "sou", "trên", "на", "في"). Not one-letter Latin words
   * (Vietnamese "ở" folds to "o", as in "O'Callaghan Way"), nor words English uses otherwise ("No." is North).
   */
  on?: string[];
}

export interface Understanding {
  classifier: ClassifierUnderstanding;
  geocoder: GeocoderUnderstanding;
}

/**
 * The locales folder beside package.json, from the sources (jest) and from the build alike (the build's own
 * dist/locales holds only what the compiler copied, en.json).
 */
export const DEFAULT_LOCALES_DIR = LOCALES_DIR;

const SUFFIX = '.understanding.json';

function fail(file: string, message: string): never {
  throw new Error(`understanding: ${file}: ${message}; fix the file (see src/understanding/files.ts for its shape)`);
}

function stringList(file: string, field: string, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === ''))
    fail(file, `"${field}" must be a list of non-empty strings`);
  return value as string[];
}

function stringMap(file: string, field: string, value: unknown, required: boolean): Record<string, string> | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(file, `"${field}" must be an object of strings`);
  for (const [k, v] of Object.entries(value)) if (typeof v !== 'string' || k.trim() === '') fail(file, `"${field}.${k}" must be a string`);
  return value as Record<string, string>;
}

/** Checks one file's contents; the error names the file and the field. */
export function parseUnderstanding(file: string, text: string): Understanding {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    fail(file, `not JSON (${(err as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null) fail(file, 'must be an object with "classifier" and "geocoder"');
  const { classifier = {}, geocoder = {} } = raw as { classifier?: Record<string, unknown>; geocoder?: Record<string, unknown> };
  const g = geocoder;
  return {
    classifier: {
      words: stringMap(file, 'classifier.words', classifier.words ?? {}, true)!,
      prefixes: stringList(file, 'classifier.prefixes', classifier.prefixes),
    },
    geocoder: {
      streetBefore: stringMap(file, 'geocoder.streetBefore', g.streetBefore, false),
      streetAfter: stringMap(file, 'geocoder.streetAfter', g.streetAfter, false),
      and: stringList(file, 'geocoder.and', g.and),
      corner: stringList(file, 'geocoder.corner', g.corner),
      between: stringList(file, 'geocoder.between', g.between),
      number: stringList(file, 'geocoder.number', g.number),
      skip: stringList(file, 'geocoder.skip', g.skip),
      on: stringList(file, 'geocoder.on', g.on),
    },
  };
}

const cache = new Map<string, Map<string, Understanding>>();

/** Every language's understanding in a folder, by locale code ("zh-Hans"); read once per folder and process. */
export function loadUnderstandings(dir: string = DEFAULT_LOCALES_DIR): Map<string, Understanding> {
  const key = path.resolve(dir);
  let found = cache.get(key);
  if (!found) {
    found = new Map();
    const names = fs.existsSync(key) ? fs.readdirSync(key).filter((n) => n.endsWith(SUFFIX)) : [];
    for (const name of names.sort()) {
      const file = path.join(key, name);
      found.set(name.slice(0, -SUFFIX.length), parseUnderstanding(file, fs.readFileSync(file, 'utf8')));
    }
    cache.set(key, found);
  }
  return found;
}

const ASCII_ONLY = /^[\x20-\x7e]*$/;

/** Case, accents and the letter forms that vary in residents' typing folded away, the same way for keys and text. */
export function foldText(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/ё/g, 'е')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ـ/g, '')
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0))
    .replace(/[’‘]/g, "'");
}

/** Chinese and Japanese characters, written without spaces between words. */
export const HAN = /\p{Script=Han}/u;
