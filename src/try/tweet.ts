import crypto from 'node:crypto';
import type { ProviderClient } from './provider-client';
import { checkReply } from './simulator-error';

/** The city's account, which residents mention. */
export interface CityAccount {
  userId: string;
  handle: string;
}

/** A resident's tweet. */
export interface TweetInput {
  userId: string;
  screenName: string;
  text: string;
  /** The tweet this one answers (a reply in the city's thread). */
  inReplyTo?: string;
}

/** X's epoch (2010-11-04): tweet ids are snowflakes, milliseconds since it shifted left 22 bits. */
const TWITTER_EPOCH = 1288834974657n;

/** A new tweet id, shaped and ordered like X's. */
export function tweetId(now = Date.now()): string {
  return String(((BigInt(now) - TWITTER_EPOCH) << 22n) | BigInt(crypto.randomInt(1 << 22)));
}

/** X's v1.1 `created_at` form, e.g. `Wed Oct 10 20:19:24 +0000 2018`. */
function v1Date(d: Date): string {
  const [weekday, day, month, year, time] = d.toUTCString().replace(',', '').split(' ');
  return `${weekday} ${month} ${day} ${time} +0000 ${year}`;
}

/**
 * The Account Activity event X delivers when someone mentions the city's account (`tweet_create_events`).
 * The mention of the city is added at the front when the text lacks it, as a resident's client would.
 */
export function mentionEvent(city: CityAccount, input: TweetInput, id = tweetId()): Record<string, unknown> {
  const mention = `@${city.handle}`;
  const text = new RegExp(`(^|\\s)${mention}\\b`, 'i').test(input.text) ? input.text : `${mention} ${input.text}`;
  const at = text.toLowerCase().indexOf(mention.toLowerCase());
  return {
    for_user_id: city.userId,
    tweet_create_events: [
      {
        id_str: id,
        created_at: v1Date(new Date()),
        text,
        full_text: text,
        lang: 'und',
        in_reply_to_status_id_str: input.inReplyTo ?? null,
        in_reply_to_user_id_str: input.inReplyTo ? city.userId : null,
        user: { id_str: input.userId, screen_name: input.screenName, name: input.screenName },
        entities: {
          user_mentions: [{ id_str: city.userId, screen_name: city.handle, indices: [at, at + mention.length] }],
          hashtags: [],
          urls: [],
        },
      },
    ],
  };
}

/** What the webhook said it did with the tweet (X ignores the body; the simulator shows it to explain silence). */
export interface TweetReceipt {
  tweetId: string;
  /** e.g. `created` with a caseId, `comment`, or `not a report` with a reason; absent if the service did not say. */
  outcome?: { kind?: string; caseId?: number; reason?: string };
}

/** Posts a mention of the city as X would deliver it. */
export async function sendTweet(client: ProviderClient, city: CityAccount, input: TweetInput): Promise<TweetReceipt> {
  const id = tweetId();
  const reply = checkReply('tweet', await client.postTwitter(mentionEvent(city, input, id)));
  try {
    const outcomes = (JSON.parse(reply.body) as { outcomes?: TweetReceipt['outcome'][] }).outcomes;
    return { tweetId: id, outcome: outcomes?.[0] };
  } catch {
    return { tweetId: id };
  }
}
