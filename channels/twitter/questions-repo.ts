import type { ChannelSql } from '../../src/channels/port';

type Query = Pick<ChannelSql, 'query'>;

/**
 * The category questions asked on X (table twitter_questions, migration 021, this channel's own): the row, not the
 * queue, is the record that a report waits for its answer, so a restart or a lost job never loses it.
 */
export async function recordQuestion(sql: Query, tweetId: string, authorId: string): Promise<void> {
  await sql.query('INSERT INTO twitter_questions (tweet_id, author_id) VALUES ($1, $2) ON CONFLICT (tweet_id) DO NOTHING', [tweetId, authorId]);
}

/** Questions asked at least `olderThanMs` ago and not settled, oldest first. */
export async function dueQuestions(sql: Query, olderThanMs: number, limit = 50): Promise<Array<{ tweet_id: string; author_id: string }>> {
  const { rows } = await sql.query<{ tweet_id: string; author_id: string }>(
    `SELECT tweet_id, author_id FROM twitter_questions
     WHERE settled_at IS NULL AND asked_at <= now() - make_interval(secs => $1::double precision / 1000)
     ORDER BY asked_at LIMIT $2`,
    [olderThanMs, limit],
  );
  return rows;
}

export async function settleQuestion(sql: Query, tweetId: string): Promise<void> {
  await sql.query('UPDATE twitter_questions SET settled_at = now() WHERE tweet_id = $1 AND settled_at IS NULL', [tweetId]);
}

/** Settled questions are kept a while for staff looking into a thread, then dropped, so the table stays small. */
export async function dropSettled(sql: Query, olderThanDays = 30): Promise<void> {
  await sql.query('DELETE FROM twitter_questions WHERE settled_at < now() - make_interval(days => $1)', [olderThanDays]);
}
