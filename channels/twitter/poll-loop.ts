import type { TwitterApi } from 'twitter-api-v2';
import type { ChannelContext, Stop } from '../../src/channels/channel';
import { pollDelayAfterError, pollMentionsOnce } from './mentions-poller';

/**
 * Polls the mentions timeline every TWITTER_POLL_SECONDS, one poll at a time; after a 429 it waits for
 * X's reset. Stopping waits for a poll in progress, so no batch is cut off between store and since_id.
 */
export function startMentionsPolling(ctx: ChannelContext, client: TwitterApi): Stop {
  const intervalMs = ctx.config.twitter.pollSeconds * 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const run = async () => {
    let delay = intervalMs;
    try {
      const result = await pollMentionsOnce(ctx, client);
      if (result.fetched > 0) ctx.log.info({ fetched: result.fetched, pages: result.pages }, 'twitter: mentions polled');
    } catch (err) {
      delay = pollDelayAfterError(err, intervalMs);
      ctx.log.warn({ err: (err as Error).message, retryInMs: delay }, 'twitter: mentions poll failed');
    }
    if (!stopped) timer = setTimeout(tick, delay);
  };
  const tick = () => {
    running = run();
  };
  tick();

  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
