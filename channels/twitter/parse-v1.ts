import { cleanDeep, cleanText } from '../../src/domain/clean-text';
import { isPublicUrl } from '../../src/domain/public-url';
import type { Mention } from './mention';
import { contentTypeOf } from './parse-v2';

/** The v1.1 tweet object Account Activity webhooks deliver in `tweet_create_events` (the parts we read). */
export interface V1Tweet {
  id_str: string;
  text?: string;
  full_text?: string;
  extended_tweet?: { full_text?: string; extended_entities?: V1Entities };
  truncated?: boolean;
  lang?: string;
  created_at?: string;
  user?: { id_str?: string; screen_name?: string };
  in_reply_to_status_id_str?: string | null;
  retweeted_status?: { id_str: string };
  is_quote_status?: boolean;
  quoted_status_id_str?: string;
  quoted_status?: { id_str: string; user?: { id_str?: string } };
  extended_entities?: V1Entities;
  coordinates?: { type: string; coordinates: [number, number] } | null;
  place?: { full_name: string; place_type?: string; bounding_box?: { coordinates?: [number, number][][] } } | null;
}

interface V1Entities {
  media?: { type: string; media_url_https?: string }[];
}

/**
 * Parses one webhook tweet into the shape the mentions timeline gives too. Text that XML or PostgreSQL
 * would refuse is cleaned here, at the edge, raw payload included (it is stored as jsonb).
 */
export function fromV1(tweet: V1Tweet): Mention {
  const entities = tweet.extended_tweet?.extended_entities ?? tweet.extended_entities;
  const quotedId = tweet.quoted_status?.id_str ?? tweet.quoted_status_id_str;
  const ring = tweet.place?.bounding_box?.coordinates?.[0];
  return {
    id: tweet.id_str,
    authorId: tweet.user?.id_str ?? '',
    authorHandle: tweet.user?.screen_name === undefined ? undefined : cleanText(tweet.user.screen_name),
    text: cleanText(tweet.extended_tweet?.full_text ?? tweet.full_text ?? tweet.text ?? ''),
    lang: tweet.lang,
    createdAt: tweet.created_at,
    inReplyToId: tweet.in_reply_to_status_id_str ?? undefined,
    retweetOfId: tweet.retweeted_status?.id_str,
    quoted: tweet.is_quote_status && quotedId ? { id: quotedId, authorId: tweet.quoted_status?.user?.id_str } : undefined,
    photos: (entities?.media ?? [])
      .filter((m) => m.type === 'photo' && isPublicUrl(m.media_url_https))
      .map((m) => ({ url: m.media_url_https as string, contentType: contentTypeOf(m.media_url_https as string) })),
    coordinates: tweet.coordinates?.type === 'Point' ? { lon: tweet.coordinates.coordinates[0], lat: tweet.coordinates.coordinates[1] } : undefined,
    place: tweet.place ? { name: cleanText(tweet.place.full_name), type: tweet.place.place_type, bbox: ring ? bboxOf(ring) : undefined } : undefined,
    raw: cleanDeep(tweet),
  };
}

/** v1.1 gives a place's box as a polygon ring of [lon, lat]; v2 as [west, south, east, north]. */
function bboxOf(ring: [number, number][]): [number, number, number, number] {
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}
