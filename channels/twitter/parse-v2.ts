import { cleanDeep, cleanText } from '../../src/domain/clean-text';
import { isPublicUrl } from '../../src/domain/public-url';
import type { Mention } from './mention';

/** The API v2 shapes we read (a subset of X's; everything else is kept in `raw`). */
export interface V2Tweet {
  id: string;
  text: string;
  author_id?: string;
  created_at?: string;
  lang?: string;
  conversation_id?: string;
  referenced_tweets?: { type: 'retweeted' | 'quoted' | 'replied_to'; id: string }[];
  attachments?: { media_keys?: string[] };
  geo?: { place_id?: string; coordinates?: { type: string; coordinates: [number, number] } };
}

export interface V2Includes {
  users?: { id: string; username: string }[];
  media?: { media_key: string; type: string; url?: string; preview_image_url?: string }[];
  places?: { id: string; full_name: string; place_type?: string; geo?: { bbox?: [number, number, number, number] } }[];
  tweets?: { id: string; author_id?: string }[];
}

/** The fields and expansions the mentions request asks for, so `fromV2` has what it reads. */
export const MENTION_REQUEST_FIELDS: Record<string, string> = {
  expansions: 'author_id,attachments.media_keys,geo.place_id,referenced_tweets.id,referenced_tweets.id.author_id',
  'tweet.fields': 'created_at,lang,author_id,conversation_id,referenced_tweets,attachments,geo,entities',
  'media.fields': 'type,url,preview_image_url',
  'place.fields': 'full_name,place_type,geo,name',
  'user.fields': 'username',
};

/**
 * Parses one v2 tweet, resolving its expansions from the page's `includes`. Text that XML or PostgreSQL
 * would refuse is cleaned here, raw payload included, as for webhook tweets.
 */
export function fromV2(tweet: V2Tweet, includes: V2Includes = {}): Mention {
  const ref = (type: string) => tweet.referenced_tweets?.find((r) => r.type === type)?.id;
  const quotedId = ref('quoted');
  const placeId = tweet.geo?.place_id;
  const place = placeId ? includes.places?.find((p) => p.id === placeId) : undefined;
  const point = tweet.geo?.coordinates;
  const photos = (tweet.attachments?.media_keys ?? [])
    .map((key) => includes.media?.find((m) => m.media_key === key))
    .filter((m): m is NonNullable<typeof m> => m?.type === 'photo' && isPublicUrl(m.url))
    .map((m) => ({ url: m.url as string, contentType: contentTypeOf(m.url as string) }));
  return {
    id: tweet.id,
    authorId: tweet.author_id ?? '',
    authorHandle: includes.users?.find((u) => u.id === tweet.author_id)?.username,
    text: cleanText(tweet.text),
    lang: tweet.lang,
    createdAt: tweet.created_at,
    inReplyToId: ref('replied_to'),
    conversationId: tweet.conversation_id,
    retweetOfId: ref('retweeted'),
    quoted: quotedId ? { id: quotedId, authorId: includes.tweets?.find((t) => t.id === quotedId)?.author_id } : undefined,
    photos,
    coordinates: point?.type === 'Point' ? { lon: point.coordinates[0], lat: point.coordinates[1] } : undefined,
    place: place ? { name: place.full_name, type: place.place_type, bbox: place.geo?.bbox } : undefined,
    raw: cleanDeep({ data: tweet, includes: pickIncludes(tweet, includes) }),
  };
}

/** X's photo URLs end in the file type; the case keeps it so pages can show the photo. */
export function contentTypeOf(url: string): string | undefined {
  const ext = /\.(jpe?g|png|gif|webp)(?:$|\?)/i.exec(url)?.[1]?.toLowerCase();
  if (!ext) return undefined;
  return ext === 'jpg' ? 'image/jpeg' : `image/${ext}`;
}

/** Only the includes this tweet uses, so the stored raw payload is this tweet's and not the whole page's. */
function pickIncludes(tweet: V2Tweet, includes: V2Includes): V2Includes {
  const keys = new Set(tweet.attachments?.media_keys ?? []);
  const refs = new Set((tweet.referenced_tweets ?? []).map((r) => r.id));
  return {
    users: includes.users?.filter((u) => u.id === tweet.author_id),
    media: includes.media?.filter((m) => keys.has(m.media_key)),
    places: includes.places?.filter((p) => p.id === tweet.geo?.place_id),
    tweets: includes.tweets?.filter((t) => refs.has(t.id)),
  };
}
