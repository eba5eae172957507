import { twitterChannel } from '../../../channels/twitter';
import { pollMentionsOnce } from '../../../channels/twitter/mentions-poller';
import { QUESTION_QUEUE, questionHandler } from '../../../channels/twitter/question-job';
import { startUnansweredSweeper } from '../../../channels/twitter/unanswered-sweeper';
import { loadClassifier } from '../../../classifiers/index';
import type { Stop } from '../../../src/channels/channel';
import { startOutbound } from '../../../src/outbound/start-outbound';
import { createXClient } from '../../../vendors/x/client';
import { FakeXApi } from '../../fakes/x-api';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';
import { liveEnv } from './harness';

async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// A real request whose category the (real) classifier is unsure of: the resident is asked, and never answers.
describe('twitter: a category question nobody answers (fake X, real classifier)', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let fake: FakeXApi;
  const contexts: TestContext[] = [];
  let stopOutbound: Stop;
  const worker = async () => {
    const ctx = await testContext(db, { env: liveEnv(fake, { OUTBOX_POLL_MS: '50' }), channels: [twitterChannel], classifier: loadClassifier() });
    contexts.push(ctx);
    return ctx;
  };
  const x = (ctx: TestContext) => {
    const t = ctx.config.twitter;
    if (t.mode !== 'live') throw new Error('test expects live mode');
    return createXClient(t);
  };

  beforeAll(async () => {
    db = await freshPgDatabase();
    fake = await new FakeXApi().start();
  });
  afterAll(async () => {
    await stopOutbound?.();
    for (const c of contexts) await c.queue.close();
    await fake.stop();
    await db.close();
  });

  it('files it after the timeout in the best guess, once, and says so under the tweet with the tracking number, even after a restart', async () => {
    const first = await worker();
    first.queue.work(QUESTION_QUEUE, questionHandler(first, x(first)));
    const report = fake.mention({ text: '@BOS311 water is bubbling up through the road on Elm St, please send someone', author_id: '500' });
    await pollMentionsOnce(first, x(first));
    const question = await until('the question', () => fake.posted.find((p) => p.inReplyTo === report.id));
    expect(question.text).toMatch(/which fits best\? 1 Water or sewer problem/);

    // Before the timeout the sweeper leaves the question open.
    await startUnansweredSweeper(first).sweep();
    const cases = () => db.query<{ service_request_id: number; service_code: string; details: Record<string, unknown> }>('SELECT * FROM cases');
    expect((await cases()).rows).toEqual([]);

    // The timeout passes; two workers started afresh on the same database sweep at once.
    await db.query('UPDATE twitter_questions SET asked_at = now() - make_interval(mins => $1 + 1)', [first.config.conversationTimeoutMinutes]);
    const [a, b] = [await worker(), await worker()];
    stopOutbound = await startOutbound(a, [twitterChannel]);
    await Promise.all([startUnansweredSweeper(a).sweep(), startUnansweredSweeper(b).sweep()]);

    const filed = (await cases()).rows;
    expect(filed.map((c) => c.service_code)).toEqual(['water-sewer']);
    expect(filed[0].details).toMatchObject({ category_unanswered: true });
    const answer = await until('the case reply', () => fake.posted.find((p) => p.inReplyTo === report.id && p.id !== question.id));
    expect(answer.text).toMatch(
      new RegExp(
        `^Thanks! Your Water or sewer problem report is case #${filed[0].service_request_id}\\. No answer came, so we chose the closest category\\.`,
      ),
    );

    // Swept again, or answered late: still one case, one reply.
    await startUnansweredSweeper(a).sweep();
    fake.mention({ text: '@BOS311 1', author_id: '500', referenced_tweets: [{ type: 'replied_to', id: question.id }], conversation_id: report.id });
    await pollMentionsOnce(a, x(a));
    expect((await cases()).rows).toHaveLength(1);
    expect(fake.posted.filter((p) => p.inReplyTo === report.id)).toHaveLength(2);
  });
});
