/**
 * npm run bench:feed — a resident's reply written behind a backlog of N public feed posts on the same channel
 * (what a flood of reports leaves on X): how long until the provider accepts the reply, and how many feed posts
 * went out before it. Real outbox relay, queue and send processors on PostgreSQL and Redis, a loopback fake
 * provider with no rate limit (so the figure is our own queueing, not X's pacing).
 *
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_REDIS_URL (default
 * redis://127.0.0.1:6379; BENCH_QUEUE=memory for the in-process queue), BENCH_FEED_BACKLOG (default 2000, at most 20000).
 */
import { startOutbound } from '../../src/outbound/start-outbound';
import { tweetTextBudget } from '../../vendors/x/tweet-length';
import { fakeChannel } from '../fakes/fake-provider';
import { withOutboundStage } from './outbound-stage';
import { until } from './until';

const BACKLOG = Math.min(20_000, Math.max(1, Number(process.env.BENCH_FEED_BACKLOG ?? 2000)));

async function main(): Promise<void> {
  await withOutboundStage(
    (provider) => fakeChannel('twitter', provider, tweetTextBudget()),
    async ({ ctx, db, queue, provider, channels }) => {
      const out = await ctx.intake.submit({
        channel: 'twitter',
        providerMessageId: 'bench-feed',
        reporter: { address: '42' },
        text: 'pothole on Elm St',
        media: [],
        raw: {},
      });
      const caseId = out.case.service_request_id;
      // The case's own messages are written before the outbound side starts, so they are not part of the figure.
      await db.query('DELETE FROM notifications WHERE case_id = $1', [caseId]);
      const stop = await startOutbound(ctx, channels);

      await db.query(
        `INSERT INTO notifications (case_id, channel, recipient, kind, language, params)
       SELECT $1, 'twitter', 'feed', 'feed_opened', 'en', '{}'::jsonb FROM generate_series(1, $2)`,
        [caseId, BACKLOG],
      );
      const written = Date.now();
      await db.query(
        `INSERT INTO notifications (case_id, channel, recipient, kind, language, params) VALUES ($1, 'twitter', 'resident-42', 'case_opened', 'en', '{"thread_id":"1"}'::jsonb)`,
        [caseId],
      );
      ctx.signals.outboxChanged();
      await until(() => provider.accepted.some((m) => m.to === 'resident-42'), 'the reply', 300_000, 2);
      const reply = provider.accepted.find((m) => m.to === 'resident-42')!;
      const feedBefore = provider.accepted.filter((m) => m.to === 'feed' && m.at <= reply.at).length;
      await until(() => provider.accepted.length >= BACKLOG + 1, 'the feed backlog', 300_000, 2);
      const drained = Date.now() - written;
      console.log(`bench:feed  queue=${queue.kind}  feed backlog=${BACKLOG}`);
      console.log(
        `reply accepted ${reply.at - written} ms after it was written; ${feedBefore} feed posts went out before it; backlog drained in ${drained} ms`,
      );
      await stop();
    },
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
