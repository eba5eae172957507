import crypto from 'node:crypto';
import type { PostReceipt, PostSimulator, SimulatedReply, SimulatorLink } from '../../src/channels/simulator';
import { checkReply } from '../../src/channels/simulator-error';
import { InputError } from '../../src/errors';
import { signXWebhookBody } from '../../vendors/x/signature';

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
function tweetId(now = Date.now()): string {
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

/** POSTs an Account Activity event to the X webhook, signed as X signs it (base64 HMAC-SHA256 of the raw body). */
function postAsX(link: SimulatorLink, event: unknown): Promise<SimulatedReply> {
  const body = JSON.stringify(event);
  return link.post('/channels/twitter/webhook', body, {
    'content-type': 'application/json',
    'x-twitter-webhooks-signature': signXWebhookBody(link.secret, body),
  });
}

/** X's rule for screen names: 1-15 letters, digits or underscores. */
const HANDLE = /^\w{1,15}$/;

/** A resident mentioning the city's account, delivered as X's signed Account Activity webhook. */
export const tweetSimulator: PostSimulator = {
  style: 'post',
  slug: 'tweet',
  words: { title: 'Tweet', nav: 'Tweet', doing: 'Tweeting', vendor: 'X (Twitter)', device: 'account', example: 'Streetlight out at Main St and 5th' },
  maxLength: 280,
  handle: { pattern: HANDLE, example: '@pat_resident' },
  profile: (config) => ({ live: config.twitter.mode === 'live', city: { address: `@${config.twitter.handle}`, id: config.twitter.userId } }),
  liveSecret: (config) => (config.twitter.mode === 'live' ? config.twitter.appSecret : undefined),
  async post(link, city, { author, text, inReplyTo }): Promise<PostReceipt> {
    if (!/^\d{1,20}$/.test(author.id)) throw new InputError(`user_id "${author.id}" must be a numeric X user id`, 'user_id');
    if (!HANDLE.test(author.handle)) throw new InputError(`screen_name "${author.handle}" must be 1-15 letters, digits or _`, 'screen_name');
    const account = { userId: city.id ?? '', handle: city.address.replace(/^@/, '') };
    const id = tweetId();
    const reply = checkReply(
      'tweet',
      await postAsX(link, mentionEvent(account, { userId: author.id, screenName: author.handle, text, inReplyTo }, id)),
    );
    try {
      const outcomes = (JSON.parse(reply.body) as { outcomes?: PostReceipt['outcome'][] }).outcomes;
      return { postId: id, outcome: outcomes?.[0] };
    } catch {
      return { postId: id };
    }
  },
};
