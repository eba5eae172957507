import crypto from 'node:crypto';
import type { ChannelModule, Stop } from '../../../src/channels/channel';
import { staleFeedReason } from '../../../src/outbound/outbox-store';
import { BullQueue } from '../../../src/queue/bullmq-queue';
import { tweetTextBudget } from '../../../vendors/x/tweet-length';
import { FakeProvider, fakePublisher } from '../../fakes/fake-provider';
import { freshPgDatabase, TEST_REDIS_URL } from '../../support/db';
import { dropRedisPrefix } from '../../support/redis';
import { rows, smsReport, startPublisher, writeOutbox } from './support/outbound-harness';
import { waitFor } from './support/wait-for';

describe('replies to residents never wait behind the public feed, and a flooded feed skips stale posts', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let provider: FakeProvider;
  let prefix: string;
  let stop: Stop | undefined;
  /** Lets a held-back feed go, so stopping never waits on a send the test no longer needs. */
  let release: () => void = () => undefined;

  beforeEach(async () => {
    db = await freshPgDatabase();
    provider = await new FakeProvider().start();
    prefix = `ftest-${crypto.randomBytes(4).toString('hex')}`;
  });
  afterEach(async () => {
    release();
    await stop?.();
    stop = undefined;
    await provider.stop();
    await db.close();
    await dropRedisPrefix(prefix);
  });

  /** An X-like channel whose feed posts hang until `openFeed()`: a feed that cannot keep up (pacing, a slow provider). */
  function slowFeedChannel(): { channel: ChannelModule; openFeed: () => void } {
    let openFeed: () => void = () => undefined;
    const feedOpen = new Promise<void>((resolve) => {
      openFeed = resolve;
    });
    const channel: ChannelModule = {
      name: 'twitter',
      textBudget: tweetTextBudget(),
      publisher() {
        const send = fakePublisher(provider.url, 'twitter');
        return {
          async send(message) {
            if (message.notification.recipient === 'feed') await feedOpen;
            return send.send(message);
          },
        };
      },
    };
    release = openFeed;
    return { channel, openFeed };
  }

  it("sends a resident's reply while a backlog of 40 feed posts waits, then the feed catches up, each post once", async () => {
    const { channel, openFeed } = slowFeedChannel();
    const started = await startPublisher(db, [channel], { queue: new BullQueue(TEST_REDIS_URL, prefix) });
    stop = started.stop;
    const { ctx } = started;
    const out = await ctx.intake.submit(smsReport('SM-feed-1', '+15550004001'));
    const caseId = out.case.service_request_id;
    await writeOutbox(
      db,
      caseId,
      'twitter',
      Array.from({ length: 40 }, () => 'feed'),
    );
    await writeOutbox(db, caseId, 'twitter', ['resident-42']);
    ctx.signals.outboxChanged();

    await waitFor(() => provider.acceptedFor('twitter').some((m) => m.to === 'resident-42'), 15_000, 'the reply to go out while the feed waits');
    expect(provider.acceptedFor('twitter').filter((m) => m.to === 'feed')).toHaveLength(0);
    openFeed();
    await waitFor(() => provider.acceptedFor('twitter').length === 41, 15_000, 'the feed backlog to be posted');
    // The provider accepts a post a moment before the worker records it as sent.
    await waitFor(async () => (await rows(db, "channel = 'twitter'")).every((n) => n.status === 'sent'), 15_000, 'every post to be recorded sent');
    expect(provider.acceptedFor('twitter')).toHaveLength(41);
  });

  it('skips feed posts older than FEED_MAX_AGE_MINUTES with the reason on the row and a metric, and still posts fresh ones', async () => {
    const started = await startPublisher(
      db,
      [{ name: 'twitter', textBudget: tweetTextBudget(), publisher: () => fakePublisher(provider.url, 'twitter') }],
      {
        queue: new BullQueue(TEST_REDIS_URL, prefix),
      },
    );
    stop = started.stop;
    const { ctx } = started;
    const out = await ctx.intake.submit(smsReport('SM-feed-2', '+15550004002'));
    const caseId = out.case.service_request_id;
    const stale = await writeOutbox(db, caseId, 'twitter', ['feed', 'feed', 'feed']);
    await db.query("UPDATE notifications SET created_at = now() - interval '2 hours' WHERE id = ANY($1::bigint[])", [stale.map((n) => n.id)]);
    await writeOutbox(db, caseId, 'twitter', ['feed', 'resident-43']);
    ctx.signals.outboxChanged();

    await waitFor(async () => (await rows(db, "channel = 'twitter'")).every((n) => n.status === 'sent' || n.status === 'skipped'), 15_000);
    const twitterRows = await rows(db, "channel = 'twitter'");
    const skipped = twitterRows.filter((n) => n.status === 'skipped');
    expect(skipped.map((n) => n.id)).toEqual(stale.map((n) => n.id));
    expect(skipped.every((n) => n.last_error === staleFeedReason(60 * 60_000))).toBe(true);
    expect(staleFeedReason(60 * 60_000)).toContain('older than 60 min');
    expect(
      provider
        .acceptedFor('twitter')
        .map((m) => m.to)
        .sort(),
    ).toEqual(['feed', 'resident-43']);
    const metrics = await ctx.metrics.registry.metrics();
    expect(metrics).toContain('intake311_feed_posts_skipped_total{channel="twitter",reason="stale"} 3');
  });
});
