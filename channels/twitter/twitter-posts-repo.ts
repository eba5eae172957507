import type { ChannelPort, ChannelSql } from '../../src/channels/port';

type Query = Pick<ChannelSql, 'query'>;

/** One pacing window: at most `max` posts in `ms`, of which at most `feedMax` public feed posts. */
export interface PostWindow {
  ms: number;
  max: number;
  feedMax: number;
}

const FIFTEEN_MINUTES = 15 * 60_000;
const THREE_HOURS = 3 * 3600_000;

/** The pacing windows for the configured limits: X's 15-minute and 3-hour windows, each with the feed's share. */
export function pacingWindows(limits: { per15Min: number; per3Hours: number; feedShare: number }): PostWindow[] {
  return [
    { ms: FIFTEEN_MINUTES, max: limits.per15Min, feedMax: Math.floor(limits.per15Min * limits.feedShare) },
    { ms: THREE_HOURS, max: limits.per3Hours, feedMax: Math.floor(limits.per3Hours * limits.feedShare) },
  ];
}

/**
 * The city account's posts (table twitter_posts, migrations 005 and 011, this channel's own): a slot is reserved before
 * calling X so concurrent workers pace together, then given the tweet id X returned, or released if X refused.
 * A feed post also needs room in the feed's share of each window, so replies to residents always have the rest.
 * A category question is a reply to a resident with no case yet (`caseId` null).
 */
export async function reservePostSlot(
  tx: Query,
  windows: PostWindow[],
  /** `caseId`/`notificationId` null: a reply that concerns no case (a report from outside the city, answered and not filed). */
  post: { caseId: number | null; notificationId: number | null; feed: boolean },
): Promise<{ slotId: number } | { retryAfterMs: number }> {
  // One writer at a time: two workers counting at once could both take the last slot.
  await tx.query('LOCK TABLE twitter_posts IN SHARE ROW EXCLUSIVE MODE');
  let retryAfterMs = 0;
  for (const w of windows) {
    const { rows } = await tx.query<{ n: number; oldest: Date | null; feed_n: number; feed_oldest: Date | null }>(
      `SELECT count(*)::int AS n, min(posted_at) AS oldest, count(*) FILTER (WHERE feed)::int AS feed_n, min(posted_at) FILTER (WHERE feed) AS feed_oldest
       FROM twitter_posts WHERE posted_at > now() - ($1::double precision * interval '1 millisecond')`,
      [w.ms],
    );
    const r = rows[0];
    // Wait until enough of the window's posts age out; the oldest one is a safe lower bound.
    const freesAt = (oldest: Date | null) => (oldest ? new Date(oldest).getTime() + w.ms - Date.now() : w.ms);
    if (r.n >= w.max) retryAfterMs = Math.max(retryAfterMs, freesAt(r.oldest), 1000);
    if (post.feed && r.feed_n >= w.feedMax) retryAfterMs = Math.max(retryAfterMs, freesAt(r.feed_oldest), 1000);
  }
  if (retryAfterMs > 0) return { retryAfterMs };
  const { rows } = await tx.query<{ id: number }>('INSERT INTO twitter_posts (case_id, notification_id, feed) VALUES ($1, $2, $3) RETURNING id', [
    post.caseId,
    post.notificationId,
    post.feed,
  ]);
  return { slotId: Number(rows[0].id) };
}

export async function recordPostedTweet(sql: Query, slotId: number, tweetId: string): Promise<void> {
  await sql.query('UPDATE twitter_posts SET tweet_id = $2 WHERE id = $1', [slotId, tweetId]);
}

export async function releasePostSlot(sql: Query, slotId: number): Promise<void> {
  await sql.query('DELETE FROM twitter_posts WHERE id = $1 AND tweet_id IS NULL', [slotId]);
}

/** True when the city's account posted this tweet (echo suppression). */
export async function isOurTweet(sql: Query, port: ChannelPort, tweetId: string): Promise<boolean> {
  const { rows } = await sql.query('SELECT 1 FROM twitter_posts WHERE tweet_id = $1', [tweetId]);
  return rows.length > 0 || (await port.isOurMessage('twitter', tweetId));
}

/**
 * The case a tweet belongs to: one we posted about it (reply or feed post), or a resident's tweet we
 * took in for it (the report itself, or an earlier reply in its thread).
 */
export async function caseOfTweet(sql: Query, port: ChannelPort, tweetId: string): Promise<number | undefined> {
  const { rows } = await sql.query<{ case_id: string | number }>(
    'SELECT case_id FROM twitter_posts WHERE tweet_id = $1 AND case_id IS NOT NULL LIMIT 1',
    [tweetId],
  );
  return rows[0] ? Number(rows[0].case_id) : port.caseOfMessage('twitter', tweetId);
}
