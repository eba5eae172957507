import type { ChannelPort, ChannelSql } from '../../src/channels/port';

type Query = Pick<ChannelSql, 'query'>;

/**
 * The city account's posts (table twitter_posts, migration 005, this channel's own): a slot is reserved before
 * calling X so concurrent workers pace together, then given the tweet id X returned, or released if X refused.
 */
export async function reservePostSlot(
  tx: Query,
  windows: { ms: number; max: number }[],
  post: { caseId: number; notificationId: number },
): Promise<{ slotId: number } | { retryAfterMs: number }> {
  // One writer at a time: two workers counting at once could both take the last slot.
  await tx.query('LOCK TABLE twitter_posts IN SHARE ROW EXCLUSIVE MODE');
  let retryAfterMs = 0;
  for (const w of windows) {
    const { rows } = await tx.query<{ n: number; oldest: Date | null }>(
      `SELECT count(*)::int AS n, min(posted_at) AS oldest FROM twitter_posts WHERE posted_at > now() - ($1::double precision * interval '1 millisecond')`,
      [w.ms],
    );
    if (rows[0].n >= w.max) {
      // Wait until enough of the window's posts age out; the oldest one is a safe lower bound.
      const frees = new Date(rows[0].oldest as Date).getTime() + w.ms - Date.now();
      retryAfterMs = Math.max(retryAfterMs, frees, 1000);
    }
  }
  if (retryAfterMs > 0) return { retryAfterMs };
  const { rows } = await tx.query<{ id: number }>('INSERT INTO twitter_posts (case_id, notification_id) VALUES ($1, $2) RETURNING id', [
    post.caseId,
    post.notificationId,
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
  const { rows } = await sql.query<{ case_id: string | number }>('SELECT case_id FROM twitter_posts WHERE tweet_id = $1 AND case_id IS NOT NULL LIMIT 1', [
    tweetId,
  ]);
  return rows[0] ? Number(rows[0].case_id) : port.caseOfMessage('twitter', tweetId);
}
