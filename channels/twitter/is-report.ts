import type { Catalog } from '../../src/channels/channel';
import type { CategoryAdvisor } from '../../src/channels/port';
import type { Language } from '../../src/domain/classifier';
import { reportFeatures } from './report-features';
import { REPORT_MODEL, type ReportModel, reportProbability } from './report-model';
import {
  ABOUT_REPORTS,
  broadcastPattern,
  CHATTER_OPENING,
  CONTRAST,
  COURTESY,
  DEFECT,
  INFO_QUESTION,
  LOCATIVE,
  PERSISTENCE,
  PRAISE,
  PUBLIC_THINGS,
  REQUEST,
  RESOLVED,
  SARCASM,
  SERVICE_INFO,
} from './report-signals';

/** Why a tweet was not taken as a report; kept with the inbound message for staff. */
export type NotReportReason =
  | 'empty'
  | 'thanks'
  | 'praise'
  | 'city announcement'
  | 'question'
  | 'sarcasm'
  | 'about earlier reports'
  | 'chatter'
  | 'no problem named'
  /** The rules would take it, but the model trained on real tweets finds it unlike the reports it saw. */
  | 'unlike a report';

export interface ReportVerdict {
  report: boolean;
  reason?: NotReportReason;
}

export interface MentionSignals {
  hasPhotos: boolean;
  /** The words name a place (an address, a crossing, a landmark). */
  hasAddress: boolean;
  language: Language;
}

/** What the judge needs besides the tweet: the classifier's advice and the city's catalog and account. */
export interface ReportJudge {
  categories: Pick<CategoryAdvisor, 'advise'>;
  /** The city's problem nouns (catalog names and keywords), any and by category: see `problemWords`. */
  problemWords: ProblemWords;
  /** The city's X handle without @: "report it to @handle" is the city's kind of post. */
  cityHandle: string;
  /** The trained model that weighs the signals and words (default: the shipped one); null judges by the rules alone. */
  model?: ReportModel | null;
}

/** The city's problem nouns: whether a text names any, and which categories' nouns it names. */
export interface ProblemWords {
  test(text: string): boolean;
  /** The service codes whose names or keywords the text names, in catalog order. */
  kinds(text: string): string[];
}

/**
 * The city's problem nouns, from its catalog: every service's names and keywords except the catch-all's,
 * matched as whole words (plural s allowed). Another city's catalog brings its own words.
 */
export function problemWords(catalog: Pick<Catalog, 'services' | 'defaultServiceCode' | 'names'>): ProblemWords {
  const byKind: [string, RegExp][] = [];
  const all = new Set<string>();
  for (const s of catalog.services) {
    if (s.service_code === catalog.defaultServiceCode) continue;
    const words = new Set<string>();
    // Its names in every enabled language, and its keywords.
    for (const w of [...catalog.names(s.service_code), ...(s.keywords ?? [])]) if (w && [...w.trim()].length > 1) words.add(w.trim().toLowerCase());
    for (const w of words) all.add(w);
    if (words.size) byKind.push([s.service_code, wordsPattern(words)]);
  }
  const any = all.size ? wordsPattern(all) : /$^/;
  return { test: (text) => any.test(text), kinds: (text) => byKind.filter(([, p]) => p.test(text)).map(([code]) => code) };
}

/** Whole words in spaced scripts (plural s allowed); Chinese, written without spaces, anywhere in running text. */
function wordsPattern(words: Iterable<string>): RegExp {
  const pattern = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]+');
  const sorted = [...words].sort((a, b) => b.length - a.length);
  const unspaced = sorted.filter((w) => /\p{Script=Han}/u.test(w)).map(pattern);
  const spaced = sorted.filter((w) => !/\p{Script=Han}/u.test(w) && w.length > 2).map(pattern);
  const parts = [
    ...(spaced.length ? [`(?<![\\p{L}\\p{N}])(?:${spaced.join('|')})(?:e?s|ed|ing)?(?![\\p{L}\\p{N}])`] : []),
    ...(unspaced.length ? [`(?:${unspaced.join('|')})`] : []),
  ];
  return parts.length ? new RegExp(parts.join('|'), 'iu') : /$^/;
}

/** The languages of the tweets the model was trained on. */
const MODEL_LANGUAGES: ReadonlySet<string> = new Set(['en', 'es']);

/** Rule verdicts the model never overrides: nothing said, only thanks, or the city's own kind of post. */
const FINAL: ReadonlySet<NotReportReason | undefined> = new Set(['empty', 'thanks', 'city announcement']);

/**
 * Whether a mention reports a problem the city should open a case for. The hand rules below decide first; a tweet
 * that is only thanks, empty or the city's kind of post stops there, and so does one with photos (the model was
 * trained on words alone), and one in a language other than English or Spanish (the 2019 tweets it learned from
 * were in those two: its words mean nothing in Haitian Creole or Chinese). Any other is scored by the trained model (report-model.ts) over the rules' signals, their
 * verdict and the words, trained and cross-validated on hand-labelled real tweets (see `npm run eval:channels`).
 */
export function judgeMention(text: string, raw: string, signals: MentionSignals, judge: ReportJudge): ReportVerdict {
  const rules = ruleVerdict(text, raw, signals, judge);
  const model = judge.model === undefined ? REPORT_MODEL : judge.model;
  if (!model || FINAL.has(rules.reason) || signals.hasPhotos || !MODEL_LANGUAGES.has(signals.language)) return rules;
  if (reportProbability(mentionFeatures(text, raw, signals, judge, rules), model) >= model.threshold) return { report: true };
  return rules.report ? { report: false, reason: 'unlike a report' } : rules;
}

/** The features the model scores a mention on, given the rules' verdict for it. */
export function mentionFeatures(text: string, raw: string, signals: MentionSignals, judge: ReportJudge, rules: ReportVerdict): string[] {
  const advice = wordsOf(text).length > 0 ? judge.categories.advise(text, signals.language) : { suggestions: [] };
  const [top, second] = advice.suggestions;
  return reportFeatures(
    text,
    raw,
    { hasAddress: signals.hasAddress, confident: advice.confident !== undefined, top, second, ruleReport: rules.report },
    judge,
  );
}

/**
 * The hand rules. The city's account gets its own crews'
 * news, "report it to us" posts, questions about hours and permits, thanks, praise and sarcasm; none of those is a
 * case. A case needs a problem (a catalog noun, a confident classifier or a defect) plus one more piece of
 * evidence: a defect, a request to act, a place, or a photo. Thanks at the end of a request do not undo it.
 * `text` is the cleaned tweet (`cleanTweetText`); `raw` the tweet as written, for "report it to @city".
 */
export function ruleVerdict(text: string, raw: string, signals: MentionSignals, judge: ReportJudge): ReportVerdict {
  const words = wordsOf(text);
  if (words.length === 0 && !signals.hasPhotos) return { report: false, reason: 'empty' };
  const beyondCourtesy = wordsOf(text.replace(COURTESY, ' ').replace(/@\w+/g, ' '));
  const defect = DEFECT.test(text);
  const request = REQUEST.test(text);
  if (beyondCourtesy.length <= 2 && !defect && !signals.hasPhotos) return { report: false, reason: 'thanks' };
  const place = signals.hasAddress || LOCATIVE.test(text);
  const named =
    judge.problemWords.test(text) ||
    PUBLIC_THINGS.test(text) ||
    (words.length > 0 && judge.categories.advise(text, signals.language).confident !== undefined);
  // A problem at a named place stays a report whatever courtesy or question words come with it.
  const locatedProblem = place && (defect || named);
  const unaddressed = text.replace(/@\w+[\s,:]*/g, '');
  if (broadcastPattern(judge.cityHandle).test(raw)) return { report: false, reason: 'city announcement' };
  if (SARCASM.test(text) && !request) return { report: false, reason: 'sarcasm' };
  if (RESOLVED.test(text) && !request && !CONTRAST.test(text)) return { report: false, reason: 'praise' };
  if (PRAISE.test(text.replace(COURTESY, ' ')) && !request && !locatedProblem && !(defect && CONTRAST.test(text)))
    return { report: false, reason: 'praise' };
  if (SERVICE_INFO.test(text) && !(place && defect)) return { report: false, reason: 'question' };
  if (INFO_QUESTION.test(unaddressed) && !defect) return { report: false, reason: 'question' };
  if (ABOUT_REPORTS.test(text) && !request) return { report: false, reason: 'about earlier reports' };
  if (CHATTER_OPENING.test(unaddressed) && !request) return { report: false, reason: 'chatter' };
  const support = [defect, request, place, signals.hasPhotos, PERSISTENCE.test(text)].filter(Boolean).length;
  // A photo shows the problem: with nothing above against it, it is evidence enough on its own.
  if ((named || defect || signals.hasPhotos) && support >= 1) return { report: true };
  return { report: false, reason: 'no problem named' };
}

function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
}
