import type { CategoryAdvisor } from '../../src/channels/port';
import type { Language } from '../../src/domain/classifier';
import type { GeoPoint, InboundReport } from '../../src/domain/types';
import { cleanTweetText } from './clean-text';
import type { Mention } from './mention';
import type { WordsPlace } from './mention-place';

/** A tagged place smaller than this (degrees of bounding-box diagonal, about 500 m) is precise enough to map. */
const MAX_PLACE_SPAN_DEGREES = 0.005;

/** The language we answer in: X's tag when it is one we speak, else our own guess from the words. */
export function mentionLanguage(m: Mention, cleaned: string, categories: Pick<CategoryAdvisor, 'detectLanguage'>): Language {
  if (m.lang === 'en' || m.lang === 'es') return m.lang;
  return cleaned ? categories.detectLanguage(cleaned) : 'en';
}

/**
 * A mention as intake receives it. The reporter is the author's X user id (how we reply); the handle is
 * kept privately for staff. Tweets are public by nature, so the case is too. `where` is what the geocoder made of
 * the words (`placeInWords`): only words it knows as a place become the address; else a tagged point of interest's name.
 */
export function toInboundReport(m: Mention, categories: Pick<CategoryAdvisor, 'detectLanguage'>, where: WordsPlace = {}): InboundReport {
  const text = cleanTweetText(m.text);
  const location = mentionPoint(m);
  const place = where.place;
  const address = where.address ?? (m.place?.type === 'poi' ? m.place.name : undefined);
  return {
    channel: 'twitter',
    providerMessageId: m.id,
    reporter: { address: m.authorId, handle: m.authorHandle },
    text,
    media: m.photos.map((p) => ({ url: p.url, content_type: p.contentType })),
    location,
    address,
    place,
    language: mentionLanguage(m, text, categories),
    public: true,
    details: { tweet_id: m.id, ...(m.place ? { place: m.place.name } : {}), ...(m.createdAt ? { tweeted_at: m.createdAt } : {}) },
    raw: m.raw,
    receivedAt: new Date(),
  };
}

/** The tweet's own point: its geotag, or the centre of a small tagged place. */
export function mentionPoint(m: Mention): GeoPoint | undefined {
  return m.coordinates ?? placePoint(m.place?.bbox);
}

/** The centre of a place's box when the place is small (a park, a station); a whole city says nothing. */
function placePoint(bbox?: [number, number, number, number]): GeoPoint | undefined {
  if (!bbox) return undefined;
  const [west, south, east, north] = bbox;
  if (Math.hypot(east - west, north - south) > MAX_PLACE_SPAN_DEGREES) return undefined;
  return { lat: (south + north) / 2, lon: (west + east) / 2 };
}
