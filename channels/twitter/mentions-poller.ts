import { ApiResponseError, type TwitterApi } from 'twitter-api-v2';
import type { ChannelContext } from '../../src/channels/channel';
import { handleMention } from './handle-mention';
import type { Mention } from './mention';
import { fromV2, MENTION_REQUEST_FIELDS, type V2Includes, type V2Tweet } from './parse-v2';

const SINCE_ID_KEY = 'mentions_since_id';
/** On the very first run there is no since_id: take the last hour rather than years of old mentions. */
const FIRST_RUN_LOOKBACK_MS = 3600_000;
/** X returns at most the 800 newest mentions; 8 pages of 100 reach all of them. */
const MAX_PAGES = 8;

export interface PollResult {
  fetched: number;
  pages: number;
  /** The newest tweet id seen, now stored as since_id (unchanged when nothing new arrived). */
  sinceId?: string;
}

/**
 * One poll of the city's mentions timeline: every page newer than the stored since_id, handled oldest
 * first, and since_id advanced only after all of them are stored. A crash mid-batch re-reads the batch
 * next time, and intake's idempotency on the tweet id makes the second reading harmless.
 */
export async function pollMentionsOnce(ctx: ChannelContext, client: TwitterApi): Promise<PollResult> {
  const userId = ctx.config.twitter.userId;
  const sinceId = await ctx.port.state.get('twitter', SINCE_ID_KEY);
  const mentions: Mention[] = [];
  let newestId: string | undefined;
  let paginationToken: string | undefined;
  let pages = 0;
  do {
    const page = await client.v2.get<{ data?: V2Tweet[]; includes?: V2Includes; meta?: { newest_id?: string; next_token?: string } }>(
      `users/${encodeURIComponent(userId)}/mentions`,
      {
        ...MENTION_REQUEST_FIELDS,
        max_results: 100,
        ...(sinceId ? { since_id: sinceId } : { start_time: new Date(Date.now() - FIRST_RUN_LOOKBACK_MS).toISOString().replace(/\.\d{3}Z$/, 'Z') }),
        ...(paginationToken ? { pagination_token: paginationToken } : {}),
      },
    );
    pages++;
    for (const tweet of page.data ?? []) mentions.push(fromV2(tweet, page.includes));
    if (pages === 1) newestId = page.meta?.newest_id;
    paginationToken = page.meta?.next_token;
  } while (paginationToken && pages < MAX_PAGES);

  mentions.sort((a, b) => compareIds(a.id, b.id));
  for (const m of mentions) {
    const outcome = await handleMention(ctx, m);
    ctx.log.debug({ tweet: m.id, outcome: outcome.kind }, 'twitter: mention handled');
  }
  const newest = [newestId, ...mentions.map((m) => m.id)]
    .filter((id): id is string => Boolean(id))
    .sort(compareIds)
    .pop();
  if (newest && (!sinceId || compareIds(newest, sinceId) > 0)) await ctx.port.state.set('twitter', SINCE_ID_KEY, newest);
  return { fetched: mentions.length, pages, sinceId: newest ?? sinceId };
}

/** Tweet ids are 64-bit snowflakes: compare as numbers, not as strings or doubles. */
export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** How long to wait after a failed poll: until X's reset on a 429, else one interval. */
export function pollDelayAfterError(err: unknown, intervalMs: number, now = Date.now()): number {
  if (err instanceof ApiResponseError && err.code === 429) {
    const reset = err.rateLimit?.reset;
    if (reset) return Math.max(reset * 1000 - now, 1000);
  }
  return intervalMs;
}
