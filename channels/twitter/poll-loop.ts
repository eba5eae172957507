import crypto from 'node:crypto';
import type { TwitterApi } from 'twitter-api-v2';
import type { ChannelContext, Stop } from '../../src/channels/channel';
import { pollDelayAfterError, pollMentionsOnce } from './mentions-poller';

/** The lease that makes one worker the poller, however many run. */
export const MENTIONS_LEASE = 'twitter:mentions-poll';

/**
 * Polls the mentions timeline every TWITTER_POLL_SECONDS, one poll at a time; after a 429 it waits for
 * X's reset. Stopping waits for a poll in progress, so no batch is cut off between store and since_id.
 *
 * With several workers, only the holder of the MENTIONS_LEASE polls: two pollers would spend X's read limit
 * twice for nothing (intake's idempotency already makes a doubled mention harmless). The holder renews the lease
 * each round; if it dies, another worker takes over once the lease expires (two intervals plus 30 s), or at once
 * after a clean stop, which releases it.
 */
export function startMentionsPolling(ctx: ChannelContext, client: TwitterApi): Stop {
  const intervalMs = ctx.config.twitter.pollSeconds * 1000;
  const leaseMs = intervalMs * 2 + 30_000;
  const holder = crypto.randomUUID();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const run = async () => {
    let delay = intervalMs;
    try {
      if (await ctx.port.leases.hold(MENTIONS_LEASE, holder, leaseMs)) {
        const result = await pollMentionsOnce(ctx, client);
        if (result.fetched > 0) ctx.log.info({ fetched: result.fetched, pages: result.pages }, 'twitter: mentions polled');
      }
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
    await ctx.port.leases.release(MENTIONS_LEASE, holder).catch(() => undefined);
  };
}
