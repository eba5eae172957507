/**
 * One tweet addressed to the city, as both intake paths see it: the mentions timeline (API v2 with
 * expansions) and Account Activity webhooks (v1.1 tweet objects) each parse into this shape, and one
 * normaliser takes it from here.
 */
export interface Mention {
  id: string;
  authorId: string;
  /** The author's @handle without @, when X sent it. Kept private on the case. */
  authorHandle?: string;
  text: string;
  /** X's language code (`en`, `es`, `und`...). */
  lang?: string;
  createdAt?: string;
  /** The tweet this one replies to, if any. */
  inReplyToId?: string;
  /** The first tweet of the conversation (v2 only): a reply deep in a thread still finds its case. */
  conversationId?: string;
  /** Set for retweets: never a report of its own. */
  retweetOfId?: string;
  /** Set for quote tweets: the quoted tweet and, when expanded, its author. */
  quoted?: { id: string; authorId?: string };
  photos: { url: string; contentType?: string }[];
  /** An exact geotag (rare). */
  coordinates?: { lat: number; lon: number };
  /** A tagged place: a point of interest or a whole city. */
  place?: { name: string; type?: string; bbox?: [number, number, number, number] };
  /** The payload as X sent it, kept for audit and re-parsing. */
  raw: unknown;
}
