import crypto from 'node:crypto';
import request from 'supertest';
import { smsChannel } from '../../../channels/sms';
import { twitterChannel } from '../../../channels/twitter';
import { pollMentionsOnce } from '../../../channels/twitter/mentions-poller';
import type { V1Tweet } from '../../../channels/twitter/parse-v1';
import type { Stop } from '../../../src/channels/channel';
import type { AppContext } from '../../../src/context';
import { createApp } from '../../../src/http/app';
import { startOutbound } from '../../../src/outbound/start-outbound';
import type { Database } from '../../../src/storage/database';
import { listNotificationsForCase } from '../../../src/storage/notifications-repo';
import { listSubscriptions } from '../../../src/storage/subscriptions-repo';
import { createXClient } from '../../../vendors/x/client';
import { tweetLength } from '../../../vendors/x/tweet-length';
import { TEST_REDIS_URL } from '../../support/db';
import { dropRedisPrefix } from '../../support/redis';
import { startSmsHarness } from '../sms/sms-harness';
import { CITY_USER_ID, type Harness, startHarness } from './harness';

const BASE = 'https://311.example.org';

/** Waits until the outbound side has finished with every outbox row (sent, failed or skipped). */
async function settled(db: Database, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE status IN ('pending', 'queued', 'sending')`);
    if (rows[0].n === 0) return;
    if (Date.now() > deadline) throw new Error(`${rows[0].n} notifications still unsent after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function poll(ctx: AppContext) {
  const t = ctx.config.twitter;
  if (t.mode !== 'live') throw new Error('test expects live mode');
  return pollMentionsOnce(ctx, createXClient(t));
}

describe('twitter "follow" reply is confirmed in the follower\'s thread (fake X, real outbound on Redis)', () => {
  let h: Harness;
  let stopOutbound: Stop;
  let app: ReturnType<typeof createApp>;
  beforeEach(async () => {
    h = await startHarness({ REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: `follow-${crypto.randomBytes(5).toString('hex')}`, OUTBOX_POLL_MS: '50' });
    stopOutbound = await startOutbound(h.ctx, [twitterChannel]);
    app = createApp(h.ctx, [twitterChannel]);
  });
  afterEach(async () => {
    await stopOutbound();
    await h.close();
    await dropRedisPrefix(h.ctx.config.redis.prefix);
  });

  /** Account Activity delivers a tweet, signed as X signs it; X retries a delivery it thinks failed. */
  async function deliverByWebhook(tweet: V1Tweet): Promise<void> {
    const body = JSON.stringify({ for_user_id: CITY_USER_ID, tweet_create_events: [tweet] });
    const signature = `sha256=${crypto.createHmac('sha256', 'fake-app-secret').update(body).digest('base64')}`;
    const res = await request(app)
      .post('/channels/twitter/webhook')
      .set('content-type', 'application/json')
      .set('x-twitter-webhooks-signature', signature)
      .send(body);
    expect(res.status).toBe(200);
  }

  /** A resident tweets a report; we answer under it. Returns the case and the id of our reply tweet. */
  async function reportedAndAnswered(text: string, authorId: string): Promise<{ caseId: number; ourReplyId: string }> {
    const report = h.fake.mention({ text, author_id: authorId, username: `resident${authorId}` });
    await poll(h.ctx);
    await settled(h.db);
    const ourReply = h.fake.posted.find((p) => p.inReplyTo === report.id);
    if (!ourReply) throw new Error(`no reply was posted under report ${report.id}`);
    const { rows } = await h.db.query<{ case_id: string }>(`SELECT case_id FROM inbound_messages WHERE provider_message_id = $1`, [report.id]);
    return { caseId: Number(rows[0].case_id), ourReplyId: ourReply.id };
  }

  const repliesUnder = (tweetId: string) => h.fake.posted.filter((p) => p.inReplyTo === tweetId);
  const confirmations = async (caseId: number) => (await listNotificationsForCase(h.db, caseId)).filter((n) => n.kind === 'follow_confirmed');

  it('answers "follow" with one reply under the follower\'s tweet carrying the tracking number, and only once when the tweet comes again', async () => {
    const { caseId, ourReplyId } = await reportedAndAnswered('@BOS311 streetlight out on Beacon St near Charles, been dark 3 nights', '42');

    const follow = h.fake.mention({
      text: '@BOS311 follow',
      author_id: '44',
      username: 'neighbour44',
      referenced_tweets: [{ type: 'replied_to', id: ourReplyId }],
    });
    await poll(h.ctx);
    await settled(h.db);

    const replies = repliesUnder(follow.id);
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toContain(`You're following #${caseId} (Street light out).`);
    expect(replies[0].text).toContain("We'll let you know when it's fixed.");
    expect(replies[0].text).toContain(`${BASE}/cases/${caseId}`);
    expect(tweetLength(replies[0].text)).toBeLessThanOrEqual(280);
    expect(await confirmations(caseId)).toMatchObject([{ recipient: '44', status: 'sent', provider_id: replies[0].id, language: 'en' }]);

    // The same tweet again, now by Account Activity (a deployment with both intake routes, or X retrying).
    const postedBefore = h.fake.posted.length;
    await deliverByWebhook({
      id_str: follow.id,
      text: '@BOS311 follow',
      lang: 'en',
      user: { id_str: '44', screen_name: 'neighbour44' },
      in_reply_to_status_id_str: ourReplyId,
    });
    await settled(h.db);
    expect(h.fake.posted).toHaveLength(postedBefore);
    expect(await confirmations(caseId)).toHaveLength(1);
    expect((await listSubscriptions(h.db, caseId)).map((s) => [s.address, s.role, s.thread_id])).toEqual([
      ['42', 'reporter', expect.any(String)],
      ['44', 'follower', follow.id],
    ]);
  });

  it('confirms "seguir" in Spanish, once, however often X delivers it', async () => {
    const { caseId, ourReplyId } = await reportedAndAnswered('@BOS311 huge pothole at 12 Elm St', '50');
    // X rarely knows the language of a one-word tweet; the word itself says Spanish.
    const seguir: V1Tweet = {
      id_str: h.fake.newId(),
      text: '@BOS311 seguir',
      lang: 'und',
      user: { id_str: '51', screen_name: 'vecina51' },
      in_reply_to_status_id_str: ourReplyId,
    };
    await deliverByWebhook(seguir);
    await deliverByWebhook(seguir);
    await settled(h.db);

    const replies = repliesUnder(seguir.id_str);
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toMatch(
      new RegExp(`^Ahora sigue el caso #${caseId} \\(Bache\\)\\. Le avisaremos cuando esté resuelto\\. ${BASE}/cases/${caseId}$`),
    );
    expect(await confirmations(caseId)).toMatchObject([{ recipient: '51', language: 'es', status: 'sent' }]);
  });

  it('follows a case merged into another through the one that stays open, and names that one', async () => {
    const first = await reportedAndAnswered('@BOS311 pothole at 40 Oak St', '60');
    const second = await reportedAndAnswered('@BOS311 another pothole on Oak St by number 42', '61');
    await h.ctx.cases.update(second.caseId, { duplicate_of: first.caseId }, 'staff:test');
    await settled(h.db);

    const follow = h.fake.mention({ text: '@BOS311 follow!', author_id: '62', referenced_tweets: [{ type: 'replied_to', id: second.ourReplyId }] });
    await poll(h.ctx);
    await settled(h.db);

    expect(repliesUnder(follow.id).map((p) => p.text)).toEqual([expect.stringContaining(`You're following #${first.caseId} `)]);
    expect((await listSubscriptions(h.db, first.caseId)).map((s) => s.address)).toContain('62');
    expect((await listSubscriptions(h.db, second.caseId)).map((s) => s.address)).not.toContain('62');
  });
});

describe('SMS FOLLOW is confirmed inline only', () => {
  it('answers in the TwiML reply and writes nothing to the outbox for the follower', async () => {
    const h = await startSmsHarness();
    let stop: Stop | undefined;
    try {
      const out = await h.ctx.intake.submit({
        channel: 'sms',
        providerMessageId: 'SMreport1',
        reporter: { address: '+16175550101' },
        text: 'pothole at 12 Elm St',
        media: [],
        raw: {},
      });
      const caseId = out.case.service_request_id;
      const follower = '+16175550102';

      expect(await h.text(follower, `FOLLOW ${caseId}`)).toEqual([expect.stringContaining(`You are now following report #${caseId}`)]);

      expect((await listNotificationsForCase(h.db, caseId)).filter((n) => n.recipient === follower)).toEqual([]);
      stop = await startOutbound(h.ctx, [smsChannel]);
      await settled(h.db);
      expect(h.fake.messages.map((m) => m.to)).toEqual(['+16175550101']);
      expect((await listSubscriptions(h.db, caseId)).map((s) => s.address)).toEqual(['+16175550101', follower]);
    } finally {
      await stop?.();
      await h.stop();
    }
  });
});
