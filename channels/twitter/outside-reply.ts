import type { TwitterApi } from 'twitter-api-v2';
import type { ChannelContext, JobHandler } from '../../src/channels/channel';
import type { Language } from '../../src/domain/classifier';
import type { Locales } from '../../src/domain/locale';
import { RateLimitedError } from '../../src/errors';
import { mapXError } from '../../vendors/x/errors';
import { pacingWindows, recordPostedTweet, releasePostSlot, reservePostSlot } from './twitter-posts-repo';

/** Replies to reports of places outside the city: they open no case, so they cannot go through the case outbox. */
export const OUTSIDE_REPLY_QUEUE = 'twitter-outside-replies';

/** The polite answer to a report from outside the city, in the author's language. */
export function outsideReplyText(locales: Locales, language: Language): string {
  return locales.text(language, 'x.outside');
}

/**
 * Queues the answer under the author's tweet; the tweet id is the job id, so a redelivered mention adds nothing.
 * A simulated channel posts nothing: the answer is only logged (there is no X account to post from).
 */
export async function queueOutsideReply(ctx: ChannelContext, tweetId: string, language: Language): Promise<void> {
  if (ctx.config.twitter.mode !== 'live') {
    ctx.log.info({ tweet: tweetId }, 'twitter: report from outside the city; no case (simulated: reply not posted)');
    return;
  }
  await ctx.queue.add(OUTSIDE_REPLY_QUEUE, 'reply', { tweetId, language }, { jobId: `outside-${tweetId}` });
}

/** Posts one queued answer, paced with the city's other posts and recorded so a reply to it is never a new report. */
export function outsideReplyHandler(ctx: ChannelContext, client: TwitterApi): JobHandler {
  return async (job) => {
    const tweetId = String(job.data.tweetId ?? '');
    const language = ctx.locales.resolve(typeof job.data.language === 'string' ? job.data.language : undefined);
    const slot = await ctx.sql.transaction((tx) =>
      reservePostSlot(tx, pacingWindows(ctx.config.twitter.postLimits), { caseId: null, notificationId: null, feed: false }),
    );
    if ('retryAfterMs' in slot) throw new RateLimitedError('twitter: post limit reached; waiting', slot.retryAfterMs);
    try {
      const posted = await client.v2
        .tweet({ text: outsideReplyText(ctx.locales, language), reply: { in_reply_to_tweet_id: tweetId } })
        .catch((err: unknown) => {
          throw mapXError(err, 'replying in the thread');
        });
      await recordPostedTweet(ctx.sql, slot.slotId, posted.data.id);
    } catch (err) {
      await releasePostSlot(ctx.sql, slot.slotId);
      throw err;
    }
  };
}
