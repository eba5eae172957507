import type { TwitterApi } from 'twitter-api-v2';
import type { ChannelContext, JobHandler } from '../../src/channels/channel';
import { PermanentSendError, RateLimitedError } from '../../src/errors';
import { mapXError } from '../../vendors/x/errors';
import { recordQuestion } from './questions-repo';
import type { MentionReply } from './report-decision';
import { pacingWindows, recordPostedTweet, releasePostSlot, reservePostSlot } from './twitter-posts-repo';

export const QUESTION_QUEUE = 'twitter-questions';

/** The state key that marks a question as posted, so a retried job never asks twice. */
const postedKey = (tweetId: string) => `question_posted:${tweetId}`;

/**
 * Queues the category question for a mention. The tweet id is the job id, and the question itself is the mention's
 * stored answer, so a redelivered mention adds nothing and the job carries only the id. The question is recorded
 * first (twitter_questions), so one left unanswered is filed by the sweeper even if the job is lost. Simulated X has
 * no worker: the question is logged (without the resident's words) and stays in the webhook's answer.
 */
export async function enqueueQuestion(ctx: ChannelContext, tweetId: string, authorId: string): Promise<void> {
  if (ctx.config.twitter.mode !== 'live') {
    ctx.log.info({ tweet: tweetId }, 'twitter: category question not posted (X is simulated)');
    return;
  }
  await recordQuestion(ctx.sql, tweetId, authorId);
  await ctx.queue.add(QUESTION_QUEUE, 'ask', { tweetId }, { jobId: `ask-${tweetId}` });
}

/**
 * Posts a category question as a reply under the resident's tweet. It counts as a reply to a resident in the post
 * pacing (never the feed's share), and is recorded in twitter_posts like every post the account makes.
 */
export function questionHandler(ctx: ChannelContext, client: TwitterApi): JobHandler {
  const windows = pacingWindows(ctx.config.twitter.postLimits);
  return async (job) => {
    const tweetId = String(job.data.tweetId ?? '');
    const stored = await ctx.port.inbound.stored<MentionReply | null>('twitter', tweetId);
    const reply = stored?.reply;
    if (reply?.kind !== 'asked') return;
    if (await ctx.port.state.get('twitter', postedKey(tweetId))) return;
    const slot = await ctx.sql.transaction((tx) => reservePostSlot(tx, windows, { caseId: null, notificationId: null, feed: false }));
    if ('retryAfterMs' in slot) throw new RateLimitedError('twitter: post limit reached; the category question waits', slot.retryAfterMs);
    try {
      const posted = await client.v2.tweet({ text: reply.question, reply: { in_reply_to_tweet_id: reply.threadId } }).catch((err: unknown) => {
        throw mapXError(err, 'asking in the thread');
      });
      await recordPostedTweet(ctx.sql, slot.slotId, posted.data.id);
      await ctx.port.state.set('twitter', postedKey(tweetId), posted.data.id);
    } catch (err) {
      await releasePostSlot(ctx.sql, slot.slotId);
      if (err instanceof PermanentSendError) ctx.log.warn({ tweet: tweetId, err: err.message }, 'twitter: category question refused');
      throw err;
    }
  };
}
