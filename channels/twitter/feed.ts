import type { Config, FeedTarget } from '../../src/channels/channel';

/**
 * Which cases the city's timeline posts about (TWITTER_FEED, TWITTER_FEED_SERVICE_CODES): public ones
 * only, and only the listed service codes when a list is set. Off means no feed rows at all.
 */
export function twitterFeed(config: Pick<Config, 'twitter'>): FeedTarget | undefined {
  const { enabled, serviceCodes } = config.twitter.feed;
  if (!enabled) return undefined;
  const codes = serviceCodes?.length ? new Set(serviceCodes) : undefined;
  return {
    channel: 'twitter',
    wants: (c) => c.public && (!codes || codes.has(c.service_code)),
  };
}
