import { Router } from 'express';
import type { ChannelModule } from '../../src/channels/channel';
import { createXClient } from '../../vendors/x/client';
import { tweetTextBudget } from '../../vendors/x/tweet-length';
import { twitterFeed } from './feed';
import { twitterMediaSource } from './media-source';
import { OUTSIDE_REPLY_QUEUE, outsideReplyHandler } from './outside-reply';
import { startMentionsPolling } from './poll-loop';
import { QUESTION_QUEUE, questionHandler } from './question-job';
import { tweetSimulator } from './simulate';
import { createTwitterPublisher } from './twitter-publisher';
import { startUnansweredSweeper } from './unanswered-sweeper';
import { twitterWebhookRoutes } from './webhook-routes';

/**
 * The Twitter (X) channel: mentions in (polled, or pushed by Account Activity webhooks), replies in the
 * resident's thread and a public feed of opened and closed cases out. With no credentials it is
 * simulated: the webhook takes simulator events, nothing polls, and the outbound layer records posts.
 */
export const twitterChannel: ChannelModule = {
  name: 'twitter',
  routes: (ctx) => Router().use(twitterWebhookRoutes(ctx)),
  textBudget: tweetTextBudget(),
  publisher(ctx) {
    const twitter = ctx.config.twitter;
    return twitter.mode === 'live' ? createTwitterPublisher(ctx, createXClient(twitter)) : undefined;
  },
  feed: (ctx) => twitterFeed(ctx.config),
  async startWorker(ctx) {
    const twitter = ctx.config.twitter;
    if (twitter.mode !== 'live') return async () => undefined;
    const client = createXClient(twitter);
    ctx.queue.work(OUTSIDE_REPLY_QUEUE, outsideReplyHandler(ctx, client));
    ctx.queue.work(QUESTION_QUEUE, questionHandler(ctx, client));
    const unanswered = startUnansweredSweeper(ctx);
    const stopPolling = startMentionsPolling(ctx, client);
    return async () => {
      await stopPolling();
      await unanswered.stop();
    };
  },
  mediaSource: (ctx) => twitterMediaSource(ctx.config),
  simulator: tweetSimulator,
};

declare module '../../src/domain/types' {
  interface ChannelNames {
    twitter: true;
  }
}
