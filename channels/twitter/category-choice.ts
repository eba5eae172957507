import type { Catalog } from '../../src/channels/channel';
import type { CategoryAdvice } from '../../src/channels/port';
import { maskPersonalData } from '../../src/channels/web';
import type { Language } from '../../src/domain/classifier';
import type { Locales } from '../../src/domain/locale';
import { fitTweet } from './tweet-text';

/** How many real categories the question offers before "something else". */
const CHOICES = 3;

/**
 * A report waiting for the resident to pick its category, kept as the X conversation's state (keyed by the
 * author). The report itself is rebuilt from the stored mention when the answer comes.
 */
export interface PendingChoice {
  /** The resident's tweet that reported the problem: the case is filed for it and answered under it. */
  tweetId: string;
  language: Language;
  /** The numbered categories we offered; the last is the catalog's catch-all. */
  choices: string[];
  askedAt: string;
  /** How many times we asked (a reply in words that still leaves us unsure asks again, once). */
  asks: number;
}

/** The report is filed at once when the advice is confident; otherwise the resident is asked. */
export type CategoryStep = { kind: 'file'; serviceCode: string } | { kind: 'ask'; choices: string[] };

export function categoryStep(advice: CategoryAdvice, catalog: Pick<Catalog, 'has' | 'codes' | 'defaultServiceCode'>): CategoryStep {
  if (advice.confident) return { kind: 'file', serviceCode: advice.confident };
  return { kind: 'ask', choices: choicesFor(advice, catalog) };
}

/** The classifier's best real categories, topped up from the catalog's order, then the catch-all last. */
export function choicesFor(advice: CategoryAdvice, catalog: Pick<Catalog, 'has' | 'codes' | 'defaultServiceCode'>): string[] {
  const fallback = catalog.defaultServiceCode;
  const picked: string[] = [];
  const add = (code: string) => {
    if (picked.length < CHOICES && code !== fallback && !picked.includes(code) && catalog.has(code)) picked.push(code);
  };
  for (const s of advice.suggestions) add(s.service_code);
  for (const code of catalog.codes()) add(code);
  return [...picked, fallback];
}

/** How much of the resident's own words the question quotes. */
const ABOUT_CHARS = 40;

/**
 * The question, one tweet long: `Thanks. “storm drain on Pine St is…”: which fits best? 1 Pothole, 2 Street light out,
 * 3 Graffiti, 4 Something else. Reply with the number.` It quotes the start of the report, so the resident knows
 * which report it asks about, and so two residents' questions differ: X refuses a post that repeats an earlier one.
 * Phone numbers and emails in the words are masked, as in every public post.
 */
export function questionText(catalog: Pick<Catalog, 'name'>, choices: string[], language: Language, report: string, locales: Locales): string {
  const list = choices.map((code, i) => `${i + 1} ${catalog.name(code, language)}`).join(', ');
  const words = maskPersonalData(report).replace(/\s+/g, ' ').replace(/[“”"]/g, '').trim();
  const about =
    [...words].length > ABOUT_CHARS
      ? `${[...words]
          .slice(0, ABOUT_CHARS)
          .join('')
          .replace(/\s+\S*$/, '')}…`
      : words;
  return fitTweet(locales.text(language, 'x.ask', { about, list }));
}

/** Lower case, no accents, no punctuation, single spaces: how a reply and a category name are compared. */
function plain(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The category a reply picks: a number ("2", "#2", "2."), or a category's name ("pothole", "the street light one").
 * Undefined when the reply is not an answer (the resident wrote something else).
 */
export function readChoice(text: string, pending: PendingChoice, catalog: Pick<Catalog, 'name'>): string | undefined {
  const answer = plain(text);
  // A number alone, or with a courtesy: "2 cars in the bike lane" is a new report, not an answer.
  const number = /^(?:(?:number|numero|option|opcion|no)\s*)?(\d{1,2})(?:\s+(?:please|pls|thanks?|thank you|ty|gracias|por favor))?$/.exec(answer);
  if (number) {
    const n = Number(number[1]);
    return n >= 1 && n <= pending.choices.length ? pending.choices[n - 1] : undefined;
  }
  // A name answers only in a short reply: "deep pothole on Elm St, please fix" is a new report, not a pick.
  if (answer.split(' ').length > 4) return undefined;
  const hits = pending.choices.filter((code) => {
    const name = plain(catalog.name(code, pending.language));
    return (
      answer === name || answer.includes(name) || (name.length > 3 && name.split(' ').some((w) => w.length > 3 && answer.split(' ').includes(w)))
    );
  });
  return hits.length === 1 ? hits[0] : undefined;
}
