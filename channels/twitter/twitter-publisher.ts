import type { TwitterApi } from 'twitter-api-v2';
import type { ChannelContext, OutboundMessage, Publisher, SendResult } from '../../src/channels/channel';
import { PermanentSendError, RateLimitedError } from '../../src/errors';
import { mapXError } from '../../vendors/x/errors';
import { uploadClosurePhoto } from './closure-photo';
import { fitTweet, publicSafe } from './tweet-text';
import { pacingWindows, recordPostedTweet, releasePostSlot, reservePostSlot } from './twitter-posts-repo';

/**
 * Posts for the city's X account: replies in the resident's thread (under the tweet they reported or
 * followed with), and public feed posts of opened and closed cases, with the closure photo when staff
 * added one. Paces itself under the configured post limits before X has to say 429; the feed gets at most
 * TWITTER_FEED_SHARE of each window, so a flood of feed posts never leaves a resident's reply without room.
 */
export function createTwitterPublisher(ctx: ChannelContext, client: TwitterApi): Publisher {
  const { per15Min, per3Hours, feedShare } = ctx.config.twitter.postLimits;
  const windows = pacingWindows(ctx.config.twitter.postLimits);
  return {
    async send(message: OutboundMessage): Promise<SendResult> {
      const n = message.notification;
      const isFeed = n.recipient === 'feed';
      const threadId = typeof n.params.thread_id === 'string' && n.params.thread_id ? n.params.thread_id : undefined;
      if (!isFeed && !threadId) {
        throw new PermanentSendError(
          `twitter: notification ${n.id} has no thread_id to reply under; a resident is only answered in their own thread`,
        );
      }
      const text = fitTweet(isFeed ? publicSafe(message.text, message.case) : message.text);
      if (!text) throw new PermanentSendError(`twitter: notification ${n.id} has no text to post`);
      // Our processed copy of the closure photo (rendered with the message), never the URL staff gave.
      const photoUrl = message.mediaUrl;

      const slot = await ctx.sql.transaction((tx) => reservePostSlot(tx, windows, { caseId: n.case_id, notificationId: n.id, feed: isFeed }));
      if ('retryAfterMs' in slot) {
        const limit = isFeed
          ? `feed share (${feedShare} of ${per15Min}/15 min, ${per3Hours}/3 h)`
          : `post limit (${per15Min}/15 min, ${per3Hours}/3 h)`;
        throw new RateLimitedError(`twitter: ${limit} reached; waiting`, slot.retryAfterMs);
      }
      try {
        const mediaId = photoUrl ? await uploadClosurePhoto(client, ctx.port.photos, photoUrl, ctx.log) : undefined;
        const posted = await client.v2
          .tweet({
            text,
            ...(threadId && !isFeed ? { reply: { in_reply_to_tweet_id: threadId } } : {}),
            ...(mediaId ? { media: { media_ids: [mediaId] as [string] } } : {}),
          })
          .catch((err: unknown) => {
            throw mapXError(err, isFeed ? 'posting to the feed' : 'replying in the thread');
          });
        await recordPostedTweet(ctx.sql, slot.slotId, posted.data.id);
        return { providerId: posted.data.id };
      } catch (err) {
        await releasePostSlot(ctx.sql, slot.slotId);
        throw err;
      }
    },
  };
}
