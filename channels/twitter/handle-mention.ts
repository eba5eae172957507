import type { AppContext } from '../../src/context';
import type { Language } from '../../src/domain/classifier';
import { cleanTweetText } from './clean-text';
import { judgeMention } from './is-report';
import type { Mention } from './mention';
import { mentionLanguage, toInboundReport } from './normalise';
import { caseOfTweet, isOurTweet } from './twitter-posts-repo';
import { parseAddress } from './address-parser';

/** What became of one mention. Stored with the inbound message, so a redelivery gets the same answer. */
export type MentionOutcome =
  | { kind: 'ignored'; reason: 'own post' | 'retweet' | 'quote of our post' | 'no author' | 'too many mentions from this author' }
  | { kind: 'not a report'; reason: string }
  | { kind: 'comment' | 'followed'; caseId: number }
  | { kind: 'created' | 'linked'; caseId: number };

/**
 * "follow" / "seguir" (alone, or nearly) on a case's thread: the author wants its updates. The word says
 * which language to confirm in; X's own guess at a one-word tweet is unreliable.
 */
const FOLLOW = /^(?:(follow|following|subscribe|updates?)|(seguir|sigo|suscribir(?:me)?))\b[\s\p{P}\p{Emoji_Presentation}]*$/iu;

function followLanguage(text: string): Language | undefined {
  const words = FOLLOW.exec(text);
  if (!words) return undefined;
  return words[2] ? 'es' : 'en';
}

/**
 * The one path both intake routes (mentions polling, Account Activity webhook) take for a tweet.
 * Our own posts, retweets and quotes of our posts are dropped before anything is stored; a reply in a
 * thread of one of our cases comments on it (or follows it); chatter is recorded but opens no case;
 * anything else is a report, idempotent on the tweet id.
 */
export async function handleMention(ctx: AppContext, m: Mention): Promise<MentionOutcome> {
  const ignored = await ignoreReason(ctx, m);
  if (ignored) return { kind: 'ignored', reason: ignored };
  // A flood from one author is dropped unanswered: replying would spend the city's X posting budget on it.
  if (!(await ctx.limits.hit('mentions', m.authorId)).allowed) return { kind: 'ignored', reason: 'too many mentions from this author' };

  const text = cleanTweetText(m.text);
  const language = mentionLanguage(m, text, ctx.classifier);
  const threadCase = await findThreadCase(ctx, m);
  if (threadCase !== undefined) {
    const { result } = await ctx.intake.once<MentionOutcome>('twitter', m.id, m.raw, async (uow) => {
      const followIn = followLanguage(text);
      if (followIn) {
        // X cannot answer inline, so the confirmation goes through the outbox, as a reply under this very tweet.
        const who = { channel: 'twitter' as const, address: m.authorId, language: followIn, threadId: m.id };
        const followed = await ctx.cases.follow(uow, threadCase, who, { confirm: true });
        const caseId = followed.service_request_id;
        return { result: { kind: 'followed', caseId }, caseId };
      }
      const media = m.photos.map((p) => ({ url: p.url, content_type: p.contentType }));
      await ctx.cases.comment(uow, threadCase, 'twitter', text, media);
      return { result: { kind: 'comment', caseId: threadCase }, caseId: threadCase };
    });
    return result;
  }

  const verdict = judgeMention(text, { hasPhotos: m.photos.length > 0, hasAddress: Boolean(parseAddress(text)), language }, ctx.classifier);
  if (!verdict.report) {
    const { result } = await ctx.intake.once<MentionOutcome>('twitter', m.id, m.raw, async () => ({
      result: { kind: 'not a report', reason: verdict.reason ?? 'not a report' },
    }));
    return result;
  }

  const outcome = await ctx.intake.submit(toInboundReport(m, ctx.classifier), { threadId: m.id });
  return { kind: outcome.kind, caseId: outcome.case.service_request_id };
}

async function ignoreReason(ctx: AppContext, m: Mention): Promise<Extract<MentionOutcome, { kind: 'ignored' }>['reason'] | undefined> {
  const ourId = ctx.config.twitter.userId;
  if (!m.authorId) return 'no author';
  if (m.authorId === ourId || (await isOurTweet(ctx.db, m.id))) return 'own post';
  if (m.retweetOfId) return 'retweet';
  if (m.quoted && (m.quoted.authorId === ourId || (await isOurTweet(ctx.db, m.quoted.id)))) return 'quote of our post';
  return undefined;
}

/** A reply under one of our case threads: the tweet it answers, else the conversation's first tweet. */
async function findThreadCase(ctx: AppContext, m: Mention): Promise<number | undefined> {
  if (!m.inReplyToId) return undefined;
  for (const id of [m.inReplyToId, m.conversationId]) {
    if (!id || id === m.id) continue;
    const caseId = await caseOfTweet(ctx.db, id);
    if (caseId !== undefined) return caseId;
  }
  return undefined;
}
