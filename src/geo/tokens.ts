/**
 * Splits a resident's text into word and number tokens, keeping where each came from (capital letters are
 * evidence that a word is a name) and turning spoken numbers ("twelve", "cuarenta y cinco") into digits.
 */
import { foldText } from '../understanding/files';
import { readNumberWords } from './number-words';

export interface Token {
  /** The text as written. */
  raw: string;
  /** Folded (src/understanding/files.ts): lower case, accents removed, curly apostrophes straightened. */
  norm: string;
  /** Written with a leading capital in a text that is not all capitals, and not merely because it starts a sentence. */
  cap: boolean;
  /** A house number: digits with an optional letter ("12", "12a"), or a range ("10-14"). */
  number: boolean;
}

const TOKEN = /\d+(?:st|nd|rd|th)\b|\d+(?:\s?[-–]\s?\d+)?[a-z]?\b|\d+|[\p{L}\p{M}][\p{L}\p{M}'’]*|&|@|\/|\+/giu;

/** Tokens of a text, number words already read as digits. */
export function tokenize(text: string): Token[] {
  const shouting = text === text.toUpperCase();
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const norm = foldText(raw).replace(/\s|–/g, (c) => (c === '–' ? '-' : ''));
    const before = text.slice(Math.max(0, m.index - 8), m.index);
    const startsSentence = text.slice(0, m.index).trim() === '' || /[.!?:;\n]\s*$/.test(before);
    tokens.push({
      raw,
      norm,
      cap: !shouting && !startsSentence && /^\p{Lu}/u.test(raw),
      number: /^\d+[a-z]?$|^\d+-\d+$/.test(norm) && !/^\d+(st|nd|rd|th)$/.test(norm),
    });
  }
  return readNumberWords(tokens);
}

/** The integer a house number starts with: "12A" -> 12, "10-14" -> 10. */
export function houseNumberValue(label: string): number {
  return parseInt(label, 10);
}

/** The numbers a label covers: "10-14" -> [10, 14], "12A" -> [12, 12]. */
export function houseNumberRange(label: string): [number, number] {
  const m = /^(\d+)\D*?(?:-(\d+))?/.exec(label.trim());
  if (!m) return [NaN, NaN];
  const low = Number(m[1]);
  return [low, m[2] ? Number(m[2]) : low];
}
