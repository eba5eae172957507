import { z } from 'zod';
import type { V1Tweet } from './parse-v1';

// Account Activity events come from X, but their shape is only as good as the sender: a field of the wrong
// type is dropped (read as absent) rather than allowed to throw deep in the handler.
const text = z.string().optional().catch(undefined);
const flag = z.boolean().optional().catch(undefined);
const entities = z
  .object({
    media: z
      .array(z.object({ type: z.string(), media_url_https: text }))
      .optional()
      .catch(undefined),
  })
  .optional()
  .catch(undefined);
const point = z.tuple([z.number().finite(), z.number().finite()]);

const V1_TWEET = z.object({
  id_str: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  text,
  full_text: text,
  extended_tweet: z.object({ full_text: text, extended_entities: entities }).optional().catch(undefined),
  truncated: flag,
  lang: text,
  created_at: text,
  user: z.object({ id_str: text, screen_name: text }).optional().catch(undefined),
  in_reply_to_status_id_str: z.string().nullable().optional().catch(undefined),
  retweeted_status: z.object({ id_str: z.string() }).optional().catch(undefined),
  is_quote_status: flag,
  quoted_status_id_str: text,
  quoted_status: z
    .object({ id_str: z.string(), user: z.object({ id_str: text }).optional().catch(undefined) })
    .optional()
    .catch(undefined),
  extended_entities: entities,
  coordinates: z.object({ type: z.string(), coordinates: point }).nullable().optional().catch(undefined),
  place: z
    .object({
      full_name: z.string(),
      place_type: text,
      bounding_box: z
        .object({ coordinates: z.array(z.array(point).min(1)).optional().catch(undefined) })
        .optional()
        .catch(undefined),
    })
    .nullable()
    .optional()
    .catch(undefined),
});

/** A webhook tweet with the fields we read checked; undefined when it is not a tweet at all (no usable id_str). */
export function parseV1Tweet(value: unknown): V1Tweet | undefined {
  const parsed = V1_TWEET.safeParse(value);
  return parsed.success ? (parsed.data satisfies V1Tweet) : undefined;
}
