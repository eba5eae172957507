/**
 * npm run bench:x-replies — the X account's own post pacing during a feed burst: BENCH_X_FEED_BURST (default 300)
 * cases opened elsewhere are waiting to be posted to the city's timeline when BENCH_X_REPLIES (default 34) residents
 * tweet reports. How long until all their replies are posted, and how many feed posts went out first? The real
 * Twitter publisher (pacing slots in twitter_posts, TWITTER_POSTS_PER_15_MIN 200, TWITTER_FEED_SHARE) posts to the
 * loopback fake X, with the real outbox relay and queue on PostgreSQL and Redis.
 * The residents tweet once the feed has used its share of the 15-minute window. It runs twice: with the default feed share (0.5), and with TWITTER_FEED_SHARE=1 (one budget shared by feed and
 * replies, as before the share existed), waiting at most BENCH_X_WAIT_MS (default 20000) for the replies.
 */
import { twitterChannel } from '../../channels/twitter';
import { startOutbound } from '../../src/outbound/start-outbound';
import { FakeXApi } from '../fakes/x-api';
import { withOutboundStage } from './outbound-stage';

const BURST = Math.max(1, Number(process.env.BENCH_X_FEED_BURST ?? 300));
const REPLIES = Math.max(1, Number(process.env.BENCH_X_REPLIES ?? 34));
const WAIT_MS = Math.max(1000, Number(process.env.BENCH_X_WAIT_MS ?? 20_000));

async function run(feedShare: string): Promise<void> {
  const x = await new FakeXApi().start();
  const env = {
    TWITTER_APP_KEY: 'bench-key',
    TWITTER_APP_SECRET: 'bench-secret',
    TWITTER_ACCESS_TOKEN: 'bench-token',
    TWITTER_ACCESS_SECRET: 'bench-token-secret',
    TWITTER_USER_ID: '311000',
    TWITTER_HANDLE: 'City311',
    TWITTER_API_BASE_URL: x.url,
    TWITTER_FEED_SHARE: feedShare,
    TWITTER_POSTS_PER_15_MIN: '200',
    OUTBOX_POLL_MS: '100',
  };
  try {
    await withOutboundStage(
      () => twitterChannel,
      async ({ ctx, db, queue, channels }) => {
        const report = (id: string, author: string, text: string, threadId?: string) =>
          ctx.intake.submit(
            { channel: 'twitter', providerMessageId: id, reporter: { address: author }, text, media: [], raw: {}, serviceCode: 'pothole' },
            threadId ? { threadId } : { subscriber: null },
          );
        // The burst: cases from other channels, each with a feed post for the timeline (distinct texts: X refuses repeats).
        for (let i = 0; i < BURST; i++) await report(`burst-${i}`, `b${i}`, `pothole number ${i} on Elm St`);
        await db.query(`DELETE FROM notifications WHERE recipient <> 'feed'`);
        const stop = await startOutbound(ctx, channels);
        // The residents tweet once the feed has taken all the window will give it (or the whole burst is out).
        const feedCap = Math.min(BURST, Math.floor(200 * Number(feedShare)));
        const feedSoFar = () => x.posted.filter((p) => !p.inReplyTo).length;
        const burstDeadline = Date.now() + 120_000;
        while (feedSoFar() < feedCap && Date.now() < burstDeadline) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, 1000));
        const started = Date.now();
        const threads: string[] = [];
        for (let i = 0; i < REPLIES; i++) {
          const thread = String(1_200_000_000_000_000_000n + BigInt(i));
          threads.push(thread);
          await report(thread, `r${i}`, `pothole outside ${i + 1} Oak St`, thread);
        }
        ctx.signals.outboxChanged();
        const deadline = started + WAIT_MS;
        const replied = () => x.posted.filter((p) => p.inReplyTo && threads.includes(p.inReplyTo));
        while (replied().length < REPLIES && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        const done = replied().length;
        const elapsed = Date.now() - started;
        const lastReply = Math.max(...replied().map((p) => x.posted.indexOf(p)), -1);
        const feedBefore = x.posted.slice(0, lastReply + 1).filter((p) => !p.inReplyTo).length;
        const feedPosted = x.posted.filter((p) => !p.inReplyTo).length;
        console.log(
          `TWITTER_FEED_SHARE=${feedShare}  queue=${queue.kind}  feed burst=${BURST}  replies=${REPLIES}: ` +
            (done === REPLIES
              ? `all ${REPLIES} replies posted in ${elapsed} ms`
              : `${done} of ${REPLIES} replies posted after ${elapsed} ms (the rest wait for X's 15-minute window)`) +
            `; ${feedBefore} feed posts went out before the last reply, ${feedPosted} feed posts in all so far`,
        );
        await stop();
      },
      env,
    );
  } finally {
    await x.stop();
  }
}

async function main(): Promise<void> {
  await run('0.5');
  await run('1');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
