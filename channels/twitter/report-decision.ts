import type { Catalog } from '../../src/channels/channel';
import type { CategoryAdvisor, InboundDecision, InboundView } from '../../src/channels/port';
import type { Locales } from '../../src/domain/locale';
import { type InboundReport, UNANSWERED_CATEGORY_DETAIL } from '../../src/domain/types';
import { categoryStep, type PendingChoice, questionText, readChoice } from './category-choice';
import { judgeMention, type ReportJudge } from './is-report';
import { COURTESY } from './report-signals';

/** A report held back while the resident picks its category; everything intake needs but the raw payload. */
export type HeldReport = Omit<InboundReport, 'raw' | 'receivedAt'>;

/** The X conversation's state: at most one report waiting for its category, per author. */
export interface XConversation {
  pending?: PendingChoice & { report: HeldReport };
}

/** The channel's own answer for a mention that made no case yet: not a report, or a question posted in the thread. */
export type MentionReply =
  | { kind: 'not a report'; reason: string }
  | { kind: 'asked'; question: string; threadId: string }
  /** A report of a place outside the city: no case (the author is told so in their thread). */
  | { kind: 'outside the city' };

export interface ReportDecisionDeps {
  categories: CategoryAdvisor;
  catalog: Catalog;
  judge: ReportJudge;
  /** The enabled languages: the category question is asked in the author's. */
  locales: Locales;
  /** A question unanswered this long is forgotten (CONVERSATION_TIMEOUT_MINUTES). */
  timeoutMs: number;
  now?: Date;
}

export interface MentionFacts {
  /** The report this mention would file (its cleaned text, photos, place). */
  report: HeldReport;
  /** The tweet as written, for "report it to @city". */
  raw: string;
  hasAddress: boolean;
  /** The tweet replies to another tweet (an answer is a reply in the thread). */
  isReply: boolean;
  /** The place it names or its geotag is outside the city's boundary: a report of it is answered, not filed. */
  outside?: boolean;
}

/**
 * What a mention that is not on a case's thread decides. With a question pending, a reply that picks a category
 * ("2", "pothole") files the held report in it; a reply that only adds words is read with the report and asked
 * again (once; a second miss files it as the resident's words left it). Without one, a report the classifier is
 * confident about is filed at once; any other report is held and the resident is asked, in the thread, to pick
 * from a short numbered list. Nothing is filed in the catch-all without asking.
 */
export function decideReport(deps: ReportDecisionDeps, view: InboundView<XConversation>, m: MentionFacts): InboundDecision<MentionReply | null> {
  const now = deps.now ?? new Date();
  const stored = view.conversation;
  const pending = stored?.state.pending && now.getTime() - stored.updatedAt.getTime() < deps.timeoutMs ? stored.state.pending : undefined;
  if (pending) {
    const picked = readChoice(m.report.text, pending, deps.catalog);
    if (picked) return file(pending.report, picked, pending.tweetId);
    // "ok thanks" under the question answers nothing: the question stays open, and nothing is said.
    if (
      m.isReply &&
      !m.report.media.length &&
      !m.report.text
        .replace(COURTESY, ' ')
        .replace(/@\w+/g, ' ')
        .replace(/[\s\p{P}\p{Emoji_Presentation}]|\b(?:ok|okay|k|will do|sure|sounds good|got it|vale|bien)\b/giu, '')
    ) {
      return { reply: { kind: 'not a report', reason: 'thanks' } };
    }
    if (m.isReply) return askAgain(deps, pending, m, now);
  }
  const verdict = judgeMention(
    m.report.text,
    m.raw,
    { hasPhotos: m.report.media.length > 0, hasAddress: m.hasAddress, language: m.report.language ?? 'en' },
    deps.judge,
  );
  if (!verdict.report) return { reply: { kind: 'not a report', reason: verdict.reason ?? 'not a report' } };
  if (m.outside) return { reply: { kind: 'outside the city' } };
  const advice = deps.categories.advise(m.report.text, m.report.language ?? 'en');
  const step = categoryStep(advice, deps.catalog);
  const report = { ...m.report, suggestions: advice.suggestions };
  // Another report, filed at once, leaves a question still waiting for its answer open.
  if (step.kind === 'file') return file(report, step.serviceCode, m.report.providerMessageId, !pending);
  return ask(deps, {
    tweetId: m.report.providerMessageId,
    language: m.report.language ?? 'en',
    choices: step.choices,
    askedAt: now.toISOString(),
    asks: 1,
    report,
  });
}

/**
 * A category question left unanswered for the conversation timeout (`tweetId`: the tweet it asked about): the held
 * report is filed in the classifier's best real category (the catch-all when it had none), answered under that
 * tweet, and the question is closed. Nothing happens when that question is no longer the one waiting: it was
 * answered, or asked again under a later reply.
 */
export function decideUnanswered(
  catalog: Pick<Catalog, 'has' | 'defaultServiceCode'>,
  view: InboundView<XConversation>,
  tweetId: string,
): InboundDecision<MentionReply | null> {
  const pending = view.conversation?.state.pending;
  if (pending?.tweetId !== tweetId) return { reply: { kind: 'not a report', reason: 'question already settled' } };
  const best = (pending.report.suggestions ?? []).find((s) => s.service_code !== catalog.defaultServiceCode && catalog.has(s.service_code));
  const report = { ...pending.report, details: { ...pending.report.details, [UNANSWERED_CATEGORY_DETAIL]: true } };
  return file(report, best?.service_code ?? catalog.defaultServiceCode, pending.tweetId);
}

/** `forget`: the report filed is the one the conversation held, so the question is closed. */
function file(report: HeldReport, serviceCode: string, threadId: string, forget = true): InboundDecision<null> {
  return {
    reply: null,
    ...(forget ? { conversation: null } : {}),
    action: { kind: 'report', report: { ...report, serviceCode, raw: null }, options: { threadId } },
  };
}

function ask(deps: ReportDecisionDeps, pending: PendingChoice & { report: HeldReport }): InboundDecision<MentionReply> {
  const question = questionText(deps.catalog, pending.choices, pending.language, pending.report.text, deps.locales);
  return { reply: { kind: 'asked', question, threadId: pending.tweetId }, conversation: { state: { pending } satisfies XConversation } };
}

/** The resident answered in words, not a choice: read them with the report; still unsure once more, file it. */
function askAgain(
  deps: ReportDecisionDeps,
  pending: PendingChoice & { report: HeldReport },
  m: MentionFacts,
  now: Date,
): InboundDecision<MentionReply | null> {
  const text = `${pending.report.text}\n${m.report.text}`.trim();
  const report = { ...pending.report, text, media: [...pending.report.media, ...m.report.media] };
  const advice = deps.categories.advise(text, pending.language);
  const step = categoryStep(advice, deps.catalog);
  if (step.kind === 'file') return file({ ...report, suggestions: advice.suggestions }, step.serviceCode, m.report.providerMessageId);
  if (pending.asks >= 2) {
    // Asked twice already: file it for staff to sort rather than ask a third time.
    return file({ ...report, suggestions: advice.suggestions }, deps.catalog.defaultServiceCode, m.report.providerMessageId);
  }
  return ask(deps, {
    ...pending,
    tweetId: m.report.providerMessageId,
    choices: step.choices,
    askedAt: now.toISOString(),
    asks: pending.asks + 1,
    report,
  });
}
