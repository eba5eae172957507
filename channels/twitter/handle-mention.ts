import type { ChannelContext } from '../../src/channels/channel';
import type { Language } from '../../src/domain/classifier';
import type { Locales } from '../../src/domain/locale';
import { MIN_UNCONFIRMED_CONFIDENCE } from '../../src/domain/place';
import { cleanTweetText } from './clean-text';
import { problemWords, type ReportJudge } from './is-report';
import type { Mention } from './mention';
import { placeInWords, type WordsPlace } from './mention-place';
import { mentionLanguage, mentionPoint, toInboundReport } from './normalise';
import { queueOutsideReply } from './outside-reply';
import { enqueueQuestion } from './question-job';
import { decideReport, type MentionReply, type XConversation } from './report-decision';
import { caseOfTweet, isOurTweet } from './twitter-posts-repo';

/** What became of one mention. Stored with the inbound message, so a redelivery gets the same answer. */
export type MentionOutcome =
  | { kind: 'ignored'; reason: 'own post' | 'retweet' | 'quote of our post' | 'no author' | 'too many mentions from this author' }
  | { kind: 'not a report'; reason: string }
  /** A report of a place outside the city: no case (the author is told so in their thread). */
  | { kind: 'outside the city' }
  /** Not sure of the category: the resident is asked in the thread, and their answer files the report. */
  | { kind: 'asked'; question: string }
  | { kind: 'comment' | 'followed'; caseId: number }
  | { kind: 'created' | 'linked'; caseId: number };

/**
 * "follow" / "seguir" / "swiv" / "关注" (alone, or nearly) on a case's thread: the author wants its updates. The
 * word says which language to confirm in (the enabled locales' FOLLOW words); X's own guess at a one-word tweet
 * is unreliable.
 */
function followLanguage(locales: Locales, text: string): Language | undefined {
  const plain = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[\p{P}\p{S}\p{Emoji_Presentation}]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  const said = plain(text);
  if (!said) return undefined;
  return locales.codes.find((code) => locales.meta(code).keywords.follow.some((w) => plain(w) === said));
}

/**
 * The one path both intake routes (mentions polling, Account Activity webhook) take for a tweet.
 * Our own posts, retweets and quotes of our posts are dropped before anything is stored; a reply in a
 * thread of one of our cases comments on it (or follows it); chatter is recorded but opens no case;
 * anything else is a report. Each is idempotent on the tweet id.
 */
export async function handleMention(ctx: ChannelContext, m: Mention): Promise<MentionOutcome> {
  const ignored = await ignoreReason(ctx, m);
  if (ignored) return { kind: 'ignored', reason: ignored };
  // A flood from one author is dropped unanswered: replying would spend the city's X posting budget on it.
  if (!(await ctx.limits.hit('mentions', m.authorId)).allowed) return { kind: 'ignored', reason: 'too many mentions from this author' };

  const text = cleanTweetText(m.text);
  const categories = ctx.port.categories;
  const threadCase = await findThreadCase(ctx, m);
  const language = mentionLanguage(m, text, categories);
  const where = threadCase === undefined ? await mentionPlace(ctx, m, text, language) : {};
  // One conversation per author: a question about one of their reports waits there for the answer.
  const message = { channel: 'twitter' as const, providerMessageId: m.id, raw: m.raw, conversationKey: `author:${m.authorId}` };
  const deps = {
    categories,
    catalog: ctx.catalog,
    locales: ctx.locales,
    judge: judgeFor(ctx),
    timeoutMs: ctx.config.conversationTimeoutMinutes * 60_000,
  };
  const { outcome, reply, replayed } = await ctx.port.inbound.handle<XConversation, MentionReply | null>(message, (view) => {
    if (threadCase !== undefined) {
      const followIn = followLanguage(ctx.locales, text);
      if (followIn) {
        // X cannot answer inline, so the confirmation goes through the outbox, as a reply under this very tweet.
        const follower = { channel: 'twitter' as const, address: m.authorId, language: followIn, threadId: m.id };
        return { reply: null, action: { kind: 'follow', caseId: threadCase, follower, confirm: true } };
      }
      const media = m.photos.map((p) => ({ url: p.url, content_type: p.contentType }));
      return { reply: null, action: { kind: 'comment', caseId: threadCase, text, media } };
    }
    const { raw: _raw, receivedAt: _at, ...report } = toInboundReport(m, categories, where);
    return decideReport(deps, view, {
      report,
      raw: m.text,
      hasAddress: Boolean(where.place || where.address || m.coordinates || m.place?.type === 'poi'),
      isReply: Boolean(m.inReplyToId),
      outside: Boolean(where.place && !where.place.inside),
    });
  });
  if (reply?.kind === 'outside the city' && !replayed) await queueOutsideReply(ctx, m.id, language);
  if (reply?.kind === 'asked') {
    await enqueueQuestion(ctx, m.id, m.authorId);
    return { kind: 'asked', question: reply.question };
  }
  if (reply) return reply;
  switch (outcome.kind) {
    case 'created':
    case 'linked':
      return { kind: outcome.kind, caseId: outcome.case.service_request_id };
    case 'followed':
      return { kind: 'followed', caseId: outcome.case.service_request_id };
    case 'commented':
      return { kind: 'comment', caseId: outcome.case.service_request_id };
    default:
      return { kind: 'not a report', reason: "its thread's case no longer exists" };
  }
}

/**
 * Where a mention is: its geotag (the address there), else the place its words name, else a tagged point of
 * interest ("Fenway Park"); and the words for it the geocoder knows. Looked up before deciding.
 */
async function mentionPlace(ctx: ChannelContext, m: Mention, text: string, language: Language): Promise<WordsPlace> {
  const words = await placeInWords(ctx.port.places, text, language);
  const point = mentionPoint(m);
  if (point) return { place: await ctx.port.places.locate(point), address: words.address };
  if (words.place || m.place?.type !== 'poi') return words;
  const poi = await ctx.port.places.locate(m.place.name, { language });
  return poi && poi.confidence >= MIN_UNCONFIRMED_CONFIDENCE ? { ...words, place: poi } : words;
}

const judges = new WeakMap<object, ReportJudge>();

/** The judge for this city: its catalog's problem nouns and its account's handle (built once per context). */
function judgeFor(ctx: ChannelContext): ReportJudge {
  let judge = judges.get(ctx.catalog);
  if (!judge) {
    judge = { categories: ctx.port.categories, problemWords: problemWords(ctx.catalog), cityHandle: ctx.config.twitter.handle };
    judges.set(ctx.catalog, judge);
  }
  return judge;
}

async function ignoreReason(ctx: ChannelContext, m: Mention): Promise<Extract<MentionOutcome, { kind: 'ignored' }>['reason'] | undefined> {
  const ourId = ctx.config.twitter.userId;
  if (!m.authorId) return 'no author';
  if (m.authorId === ourId || (await isOurTweet(ctx.sql, ctx.port, m.id))) return 'own post';
  if (m.retweetOfId) return 'retweet';
  if (m.quoted && (m.quoted.authorId === ourId || (await isOurTweet(ctx.sql, ctx.port, m.quoted.id)))) return 'quote of our post';
  return undefined;
}

/** A reply under one of our case threads: the tweet it answers, else the conversation's first tweet. */
async function findThreadCase(ctx: ChannelContext, m: Mention): Promise<number | undefined> {
  if (!m.inReplyToId) return undefined;
  for (const id of [m.inReplyToId, m.conversationId]) {
    if (!id || id === m.id) continue;
    const caseId = await caseOfTweet(ctx.sql, ctx.port, id);
    if (caseId !== undefined) return caseId;
  }
  return undefined;
}
