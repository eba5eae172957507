import crypto from 'node:crypto';
import request from 'supertest';
import { smsChannel } from '../../../channels/sms';
import type { ChannelModule, Stop } from '../../../src/channels/channel';
import { channelContext } from '../../../src/context';
import { createApp } from '../../../src/http/app';
import { INTERRUPTED_REASON, type OutboxRow } from '../../../src/outbound/outbox-store';
import { RECONCILED_NOT_SENT_REASON, RECONCILED_SENT_NOTE } from '../../../src/outbound/reconcile-store';
import { Reconciler } from '../../../src/outbound/reconciler';
import { type OutboundOptions, startOutbound } from '../../../src/outbound/start-outbound';
import { BullQueue } from '../../../src/queue/bullmq-queue';
import { createToken } from '../../../src/storage/tokens-repo';
import { twilioSignature } from '../../../vendors/twilio/signature';
import { type FakeTwilioApi, startFakeTwilioApi } from '../../fakes/twilio-api';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase, TEST_REDIS_URL } from '../../support/db';
import { dropRedisPrefix } from '../../support/redis';
import { FAST, rows, smsReport } from './support/outbound-harness';
import { waitFor } from './support/wait-for';

/** Short locks so a killed worker's job is taken over within a second or two, as after a real crash. */
const quickLocks = { lockDurationMs: 800, stalledIntervalMs: 300 };
const PUBLIC_BASE_URL = 'https://311.example.gov';
/** A reconciler that never runs by itself: the test drives it, or leaves the row to the status callback. */
const IDLE_RECONCILER: OutboundOptions = { reconcile: { intervalMs: 3_600_000, graceMs: 0 } };

describe('interrupted texts are reconciled with Twilio before anyone may retry them', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let fake: FakeTwilioApi;
  let prefix: string;
  const stops: Stop[] = [];

  beforeEach(async () => {
    db = await freshPgDatabase();
    fake = await startFakeTwilioApi();
    prefix = `rtest-${crypto.randomBytes(4).toString('hex')}`;
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await fake.close();
    await db.close();
    await dropRedisPrefix(prefix);
  });

  async function worker(channel: ChannelModule, outbound: OutboundOptions = {}): Promise<{ ctx: TestContext; queue: BullQueue }> {
    const queue = new BullQueue(TEST_REDIS_URL, prefix, quickLocks);
    const ctx = await testContext(db, { env: { ...fake.env(), PUBLIC_BASE_URL }, channels: [channel], queue });
    stops.push(await startOutbound(ctx, [channel], { ...FAST, ...outbound }));
    return { ctx, queue };
  }

  /**
   * A worker whose process dies mid-send: after Twilio accepted the text (`after`), or before it was asked
   * (`before`). Either way the answer is never recorded, and the next worker finds the row `sending`.
   */
  async function dyingWorker(when: 'before' | 'after'): Promise<{ ctx: TestContext; died: () => boolean }> {
    let died = false;
    let queue: BullQueue | undefined;
    const dying: ChannelModule = {
      ...smsChannel,
      publisher(ctx) {
        const real = smsChannel.publisher!(ctx)!;
        return {
          async send(message) {
            if (when === 'after') await real.send(message);
            died = true;
            await queue!.kill();
            return new Promise(() => undefined);
          },
        };
      },
    };
    const started = await worker(dying);
    queue = started.queue;
    return { ctx: started.ctx, died: () => died };
  }

  async function staff(ctx: TestContext) {
    const app = createApp(ctx, [smsChannel]);
    const auth = { Authorization: `Bearer ${await createToken(db, 'ops', 'staff')}` };
    return { app, retry: (id: number) => request(app).post(`/api/v1/notifications/${id}/retry`).set(auth) };
  }

  async function row(caseId: number): Promise<OutboxRow> {
    return (await rows(db, 'case_id = $1', [caseId]))[0];
  }

  it('finds a text Twilio accepted before the worker died, records it sent under its sid, and refuses a retry', async () => {
    const first = await dyingWorker('after');
    const out = await first.ctx.intake.submit(smsReport('SM-rec-1', '+15550003001'));
    const caseId = out.case.service_request_id;
    await waitFor(first.died);
    const { ctx } = await worker(smsChannel, { reconcile: { intervalMs: 100, graceMs: 60_000 } });

    await waitFor(async () => (await row(caseId)).status === 'sent', 15_000, 'the interrupted text to be found at Twilio');
    const settled = await row(caseId);
    expect(fake.messages).toHaveLength(1);
    expect(settled).toMatchObject({ provider_id: fake.messages[0].sid, last_error: RECONCILED_SENT_NOTE });
    expect(settled.interrupted_at).not.toBeNull();
    expect(settled.reconciled_at).not.toBeNull();

    const retried = await (await staff(ctx)).retry(settled.id);
    expect(retried.status).toBe(409);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.messages).toHaveLength(1);
  });

  it('refuses a retry while unsettled, then settles a text Twilio never got as not sent, and the retry sends it once', async () => {
    const first = await dyingWorker('before');
    const out = await first.ctx.intake.submit(smsReport('SM-rec-2', '+15550003002'));
    const caseId = out.case.service_request_id;
    await waitFor(first.died);
    const { ctx } = await worker(smsChannel, IDLE_RECONCILER);
    await waitFor(async () => (await row(caseId)).status === 'failed', 15_000, 'the stalled job to find the row interrupted');
    const interrupted = await row(caseId);
    expect(interrupted).toMatchObject({ last_error: INTERRUPTED_REASON, reconciled_at: null });

    const { retry } = await staff(ctx);
    const refused = await retry(interrupted.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('interrupted while sending and the provider has not yet said whether it went out');

    const publishers = new Map([['sms' as const, smsChannel.publisher!(channelContext(ctx))!]]);
    // Inside the grace period "not found" is not believed yet: a late callback or a queued message may still show up.
    expect(await new Reconciler(ctx, publishers, { intervalMs: 1, graceMs: 3_600_000 }).round()).toEqual({ sent: 0, notSent: 0, waiting: 1 });
    expect((await retry(interrupted.id)).status).toBe(409);
    expect(await new Reconciler(ctx, publishers, { intervalMs: 1, graceMs: 0 }).round()).toEqual({ sent: 0, notSent: 1, waiting: 0 });
    expect(await row(caseId)).toMatchObject({ status: 'failed', last_error: RECONCILED_NOT_SENT_REASON });

    expect((await retry(interrupted.id)).status).toBe(200);
    await waitFor(async () => (await row(caseId)).status === 'sent');
    expect(fake.messages.map((m) => m.to)).toEqual(['+15550003002']);
    expect((await row(caseId)).provider_id).toBe(fake.messages[0].sid);
  });

  it('adopts the sid and status from a signed status callback that names the row, when the send answer was lost', async () => {
    const first = await dyingWorker('after');
    const out = await first.ctx.intake.submit(smsReport('SM-rec-3', '+15550003003'));
    const caseId = out.case.service_request_id;
    await waitFor(first.died);
    const { ctx } = await worker(smsChannel, IDLE_RECONCILER);
    await waitFor(async () => (await row(caseId)).status === 'failed', 15_000, 'the stalled job to find the row interrupted');
    const interrupted = await row(caseId);
    const { app, retry } = await staff(ctx);

    const sid = fake.messages[0].sid;
    expect(fake.messages[0].statusCallback).toBe(`${PUBLIC_BASE_URL}/channels/sms/status?n=${interrupted.id}`);
    const callback = fake.statusCallback(sid, 'delivered');
    // Twilio signs the whole callback URL, query string included: a signature over the bare path is refused.
    const bare = twilioSignature(fake.authToken, `${PUBLIC_BASE_URL}/channels/sms/status`, Object.fromEntries(new URLSearchParams(callback.body)));
    const forged = await request(app)
      .post(callback.path)
      .set({ ...callback.headers, 'x-twilio-signature': bare })
      .send(callback.body);
    expect(forged.status).toBe(403);
    expect((await row(caseId)).provider_id).toBeNull();

    const params = Object.fromEntries(new URLSearchParams(callback.body));
    const junk = await request(app)
      .post('/channels/sms/status?n=12x')
      .set({ ...callback.headers, 'x-twilio-signature': twilioSignature(fake.authToken, `${PUBLIC_BASE_URL}/channels/sms/status?n=12x`, params) })
      .send(callback.body);
    expect([junk.status, junk.text]).toEqual([400, 'sms status: query parameter n must be a notification id (digits)']);

    const answered = await request(app).post(callback.path).set(callback.headers).send(callback.body);
    expect(answered.status).toBe(204);
    expect(await row(caseId)).toMatchObject({ status: 'delivered', provider_id: sid, provider_status: 'delivered' });
    expect((await row(caseId)).reconciled_at).not.toBeNull();
    expect((await retry(interrupted.id)).status).toBe(409);
    expect(fake.messages).toHaveLength(1);
  });
});
