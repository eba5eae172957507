import crypto from 'node:crypto';
import { Queue } from 'bullmq';
import { SMS_TEXT_BUDGET } from '../../../channels/sms/text-budget';
import type { Stop } from '../../../src/channels/channel';
import { INTERRUPTED_REASON } from '../../../src/outbound/outbox-store';
import { BullQueue } from '../../../src/queue/bullmq-queue';
import { tweetTextBudget } from '../../../vendors/x/tweet-length';
import { FakeProvider, type FakePublisherHooks, fakeChannel } from '../../fakes/fake-provider';
import { freshPgDatabase, TEST_REDIS_URL } from '../../support/db';
import { dropRedisPrefix } from '../../support/redis';
import { rows, smsReport, startPublisher, writeOutbox } from './support/outbound-harness';
import { waitFor } from './support/wait-for';

/** Short locks so a killed worker's job is taken over within a second or two, as after a real crash. */
const quickLocks = { lockDurationMs: 800, stalledIntervalMs: 300 };

describe('outbound reliability on PostgreSQL and Redis', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let provider: FakeProvider;
  let prefix: string;
  const stops: Stop[] = [];

  beforeEach(async () => {
    db = await freshPgDatabase();
    provider = await new FakeProvider().start();
    prefix = `otest-${crypto.randomBytes(4).toString('hex')}`;
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await provider.stop();
    await db.close();
    await dropRedisPrefix(prefix);
  });

  async function run(hooks?: FakePublisherHooks, queue = new BullQueue(TEST_REDIS_URL, prefix, quickLocks)) {
    const started = await startPublisher(db, [fakeChannel('sms', provider, SMS_TEXT_BUDGET, hooks)], { queue });
    stops.push(started.stop);
    return { ...started, queue };
  }

  async function jobsLeft(): Promise<number> {
    const q = new Queue('outbound-sms', { connection: { url: TEST_REDIS_URL }, prefix });
    try {
      const counts = await q.getJobCounts('active', 'waiting', 'delayed', 'failed');
      return Object.values(counts).reduce((a, b) => a + b, 0);
    } finally {
      await q.close();
    }
  }

  it('does not send again when the worker dies after the provider accepted, before the job completed', async () => {
    let killed = false;
    const first = await run({
      afterAccepted: async () => {
        if (killed) return;
        killed = true;
        await first.queue.kill();
      },
    });
    const out = await first.ctx.intake.submit(smsReport('SM-kill', '+15550002001'));
    await waitFor(() => killed);
    await run();
    await waitFor(async () => (await jobsLeft()) === 0, 15_000, 'the stalled job to be taken over and completed');
    expect(provider.acceptedFor('sms')).toHaveLength(1);
    const [row] = await rows(db, 'case_id = $1', [out.case.service_request_id]);
    expect(row).toMatchObject({ status: 'sent', provider_id: provider.accepted[0].id });
  });

  it('does not risk a duplicate when the worker dies before it could record the provider id', async () => {
    let killed = false;
    const first = await run({
      afterAccepted: async () => {
        killed = true;
        await first.queue.kill();
        // The process is gone: send() never returns, so the provider id is never recorded.
        await new Promise(() => undefined);
      },
    });
    const out = await first.ctx.intake.submit(smsReport('SM-die', '+15550002002'));
    await waitFor(() => killed);
    await run();
    await waitFor(async () => (await rows(db, 'case_id = $1', [out.case.service_request_id]))[0].status === 'failed', 15_000);
    expect(provider.acceptedFor('sms')).toHaveLength(1);
    expect((await rows(db, 'case_id = $1', [out.case.service_request_id]))[0].last_error).toBe(INTERRUPTED_REASON);
  });

  it('keeps committing case changes while Redis is down, and delivers everything once it is back', async () => {
    const down = await run(undefined, new BullQueue('redis://127.0.0.1:6390', prefix, { ...quickLocks, addTimeoutMs: 300 }));
    const a = await down.ctx.intake.submit(smsReport('SM-d1', '+15550002003'));
    const b = await down.ctx.intake.submit(smsReport('SM-d2', '+15550002004', 'graffiti on the wall at 45 Main St'));
    await down.ctx.cases.update(a.case.service_request_id, { status: 'closed', status_notes: 'Filled.' }, 'staff:test');
    await new Promise((r) => setTimeout(r, 300));
    const pending = await rows(db);
    expect(pending).toHaveLength(3);
    expect(pending.every((n) => n.status === 'pending')).toBe(true);
    await stops.pop()!();

    await run();
    await waitFor(async () => (await rows(db)).every((n) => n.status === 'sent'));
    expect(provider.accepted.map((m) => m.to).sort()).toEqual(['+15550002003', '+15550002003', '+15550002004']);
    expect(b.case.service_request_id).toBeGreaterThan(0);
  });

  it('waits out two 429 answers and sends the message once, after the reset time', async () => {
    provider.script('sms', [
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 429, headers: { 'retry-after': '1' } },
    ]);
    const { ctx } = await run();
    const out = await ctx.intake.submit(smsReport('SM-429', '+15550002005'));
    await waitFor(() => provider.accepted.length === 1);
    const [first, second, third] = provider.requests;
    expect([first.status, second.status, third.status]).toEqual([429, 429, 201]);
    expect(third.at - first.at).toBeGreaterThanOrEqual(1900);
    await waitFor(async () => (await rows(db, 'case_id = $1', [out.case.service_request_id]))[0].status === 'sent');
    expect(provider.accepted).toHaveLength(1);
  });

  it('delivers 1,000 notifications across three channels exactly once each', async () => {
    const channels = [
      fakeChannel('sms', provider, SMS_TEXT_BUDGET),
      fakeChannel('twitter', provider, tweetTextBudget()),
      fakeChannel('voice', provider),
    ];
    const { ctx, stop } = await startPublisher(db, channels, { queue: new BullQueue(TEST_REDIS_URL, prefix, quickLocks) });
    stops.push(stop);
    const c = await ctx.intake.submit(smsReport('SM-bulk', '+15550002006'));
    await waitFor(() => provider.accepted.length === 1);
    const id = c.case.service_request_id;
    const recipients = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}-${i}`);
    await writeOutbox(db, id, 'sms', recipients(334, 's'));
    await writeOutbox(db, id, 'twitter', recipients(333, 't'));
    await writeOutbox(db, id, 'voice', recipients(333, 'v'));
    ctx.signals.outboxChanged();
    await waitFor(() => provider.accepted.length === 1001, 25_000, '1,000 messages at the provider');
    await new Promise((r) => setTimeout(r, 300));
    expect(provider.accepted).toHaveLength(1001);
    const perRecipient = new Map<string, number>();
    for (const m of provider.accepted) perRecipient.set(`${m.channel}:${m.to}`, (perRecipient.get(`${m.channel}:${m.to}`) ?? 0) + 1);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(provider.accepted.map((m) => m.channel))).toEqual(new Set(['sms', 'twitter', 'voice']));
    const states = await db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM notifications GROUP BY status');
    expect(states.rows).toEqual([{ status: 'sent', n: 1001 }]);
  }, 30_000);
});
