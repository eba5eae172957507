import type { ReportJudge } from './is-report';
import {
  ABOUT_REPORTS,
  broadcastPattern,
  CHATTER_OPENING,
  CONTRAST,
  COURTESY,
  DEFECT,
  DEICTIC,
  HOW_TO_GET_IT_DONE,
  INFO_QUESTION,
  LOCATIVE,
  PERSISTENCE,
  PRAISE,
  PUBLIC_THINGS,
  REQUEST,
  RESOLVED,
  SARCASM,
  SERVICE_INFO,
  STREET_CUE,
} from './report-signals';

/** What the model reads besides the words: the same facts the rules see. */
export interface FeatureSignals {
  hasAddress: boolean;
  /** The classifier is confident of one category. */
  confident: boolean;
  /** The classifier's best guess and how sure it is (0-1). */
  top?: { service_code: string; confidence: number };
  /** Its second guess, when it has one. */
  second?: { service_code: string; confidence: number };
  /** The hand rules' verdict, one feature among the others. */
  ruleReport: boolean;
}

/**
 * The features "does this tweet open a case?" is scored on: each word signal of report-signals.ts as one binary
 * feature (s:...), the hand rules' verdict (r:report), each pair of those (p:...), and the tweet's words and word pairs (w:..., b:...), lower
 * case, handles and links dropped, numbers as <n>. The model (report-model.ts) weighs them; the trainer
 * (test/bench/x-judge-train.ts) learns the weights from hand-labelled real tweets.
 */
export function reportFeatures(
  text: string,
  raw: string,
  signals: FeatureSignals,
  judge: Pick<ReportJudge, 'problemWords' | 'cityHandle'>,
): string[] {
  const unaddressed = text.replace(/@\w+[\s,:]*/g, '');
  const city = judge.cityHandle.toLowerCase();
  const otherHandles = (raw.match(/@\w+/g) ?? []).filter((h) => h.slice(1).toLowerCase() !== city);
  const flags: Record<string, boolean> = {
    defect: DEFECT.test(text),
    request: REQUEST.test(text),
    question: INFO_QUESTION.test(unaddressed),
    serviceInfo: SERVICE_INFO.test(text),
    broadcast: broadcastPattern(judge.cityHandle).test(raw),
    praise: PRAISE.test(text.replace(COURTESY, ' ')),
    courtesy: new RegExp(COURTESY.source, 'iu').test(text),
    sarcasm: SARCASM.test(text),
    publicThing: PUBLIC_THINGS.test(text),
    problemWord: judge.problemWords.test(text),
    locative: LOCATIVE.test(text),
    address: signals.hasAddress,
    aboutReports: ABOUT_REPORTS.test(text),
    persistence: PERSISTENCE.test(text),
    resolved: RESOLVED.test(text),
    contrast: CONTRAST.test(text),
    chatter: CHATTER_OPENING.test(unaddressed),
    confident: signals.confident,
    startsWithCity: new RegExp(`^\\.?@${judge.cityHandle}\\b`, 'i').test(raw.trim()),
    questionMark: /\?/.test(text),
    manyHandles: (raw.match(/@\w+/g) ?? []).length >= 4,
    streetCue: STREET_CUE.test(text),
    howToGetItDone: HOW_TO_GET_IT_DONE.test(text),
    deictic: DEICTIC.test(text),
    questionOnly: isQuestionOnly(unaddressed),
    otherAccounts: otherHandles.length >= 1,
    replyToOther: otherHandles.length > 0 && new RegExp(`^\\.?@(?!${judge.cityHandle}\\b)\\w+`, 'i').test(raw.trim()),
    hashtags: (raw.match(/(?:^|\s)#\w+/g) ?? []).length >= 2,
  };
  // Pairs a linear model cannot form by itself: a problem asked about, a problem pointed at ("this pothole") but not placed.
  const problem = flags.problemWord || flags.publicThing || flags.defect;
  const placed = flags.address || flags.locative || flags.streetCue;
  flags.problemQuestion = problem && flags.questionMark;
  flags.problemShown = problem && flags.deictic && !placed;
  const features = Object.entries(flags)
    .filter(([, on]) => on)
    .map(([name]) => `s:${name}`);
  if (signals.ruleReport) features.push('r:report');
  // Every pair of the signals above (p:a&b): the rules' evidence read in combination (a defect with a place, a
  // question with a request), which a linear model over single signals cannot weigh. Rare pairs get no weight.
  const present = [...features].sort();
  for (let i = 0; i < present.length; i++) for (let j = i + 1; j < present.length; j++) features.push(`p:${present[i]}&${present[j]}`);
  if (signals.top) {
    const sure = Math.min(4, Math.floor(signals.top.confidence * 5));
    features.push(`c:${sure}`);
    if (sure >= 1) features.push(`t:${signals.top.service_code}`);
    if (signals.second && signals.second.confidence >= 0.15) features.push(`t2:${signals.second.service_code}`);
  }
  // The categories whose catalog nouns the tweet names: evidence of a problem that pools the nouns of one kind.
  for (const kind of judge.problemWords.kinds(text)) features.push(`k:${kind}`);
  const tokens = tokensOf(text);
  features.push(`n:${tokens.length < 6 ? 'short' : tokens.length > 30 ? 'long' : 'mid'}`);
  for (const t of new Set(tokens)) features.push(`w:${t}`);
  for (let i = 1; i < tokens.length; i++) features.push(`b:${tokens[i - 1]} ${tokens[i]}`);
  return [...new Set(features)];
}

/** Every sentence asks something: "Is this allowed? Who do I call?" (not "The light is out. When will it be fixed?"). */
function isQuestionOnly(text: string): boolean {
  const sentences = text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
  return sentences.length > 0 && sentences.every((s) => /\?[\s\p{So}\p{Sk}]*$/u.test(s));
}

/** Lower-case words without handles, links or punctuation; numbers become <n>. */
export function tokensOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/@\w+/g, ' ')
    .replace(/[’']/g, '')
    .split(/[^\p{L}\p{N}<>]+/u)
    .filter(Boolean)
    .map((w) => (/^\d/.test(w) ? '<n>' : w));
}
