import type { ChannelName } from '../domain/types';
import { smsFriendly, smsSize, tweetLength } from './text-length';

/**
 * The most SMS segments one notification may take. Two keeps cost and carrier splitting in check while
 * leaving room for a status note: 306 characters of GSM-7 text, or 134 when the text needs UCS-2
 * (Spanish accents such as á, í, ó, ú).
 */
export const SMS_MAX_SEGMENTS = 2;

/** Where a message must fit, measured the way its channel's provider measures. */
export interface TextBudget {
  /** Turns text into what the channel will carry (e.g. plain quotes for SMS). */
  prepare(text: string): string;
  fits(text: string): boolean;
}

/** What each channel usually takes; used when its publisher is simulated. */
export const DEFAULT_MAX_LENGTH: Record<ChannelName, number> = { sms: 306, voice: 306, twitter: 280, open311: 1000, web: 1000 };

/** The budget for a channel, given its publisher's `maxLength` (or the channel's usual limit). */
export function budgetFor(channel: ChannelName, maxLength = DEFAULT_MAX_LENGTH[channel]): TextBudget {
  if (channel === 'sms' || channel === 'voice') {
    return { prepare: smsFriendly, fits: (t) => t.length <= maxLength && smsSize(t).segments <= SMS_MAX_SEGMENTS };
  }
  if (channel === 'twitter') return { prepare: (t) => t, fits: (t) => tweetLength(t) <= maxLength };
  return { prepare: (t) => t, fits: (t) => t.length <= maxLength };
}
