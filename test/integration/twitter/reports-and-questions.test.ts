import { twitterChannel } from '../../../channels/twitter';
import { pollMentionsOnce } from '../../../channels/twitter/mentions-poller';
import { QUESTION_QUEUE, questionHandler } from '../../../channels/twitter/question-job';
import type { Stop } from '../../../src/channels/channel';
import type { AppContext } from '../../../src/context';
import { startOutbound } from '../../../src/outbound/start-outbound';
import { createXClient } from '../../../vendors/x/client';
import { tweetLength } from '../../../vendors/x/tweet-length';
import { CITY_USER_ID, type Harness, startHarness } from './harness';

function client(ctx: AppContext) {
  const t = ctx.config.twitter;
  if (t.mode !== 'live') throw new Error('test expects live mode');
  return createXClient(t);
}

async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Residents' words in our own paraphrase: each kind of tweet the 2019 sample got wrong. */
const NOT_REPORTS = [
  // The city's crews' news, and "report it to us" posts from other city accounts.
  'Our patch crews are out on Elm St and Adams St today. See a pothole? Report it to @BOS311 and we will send a crew.',
  'Happy #311Day to everyone answering the phones at @BOS311!',
  // Questions about hours and rules.
  '@BOS311 what time does the permit counter open on Saturdays?',
  '@BOS311 is street cleaning enforced on the holiday Monday?',
  // Sarcasm and praise.
  '@BOS311 wow, great job plowing our street again 🙄',
  '@BOS311 you folks are so responsive, really appreciate it!',
  // A reply in someone else's thread that is only chatter.
  '@pat_neighbour @BOS311 agreed, it has been like this for years',
];

const REPORTS = [
  // Requests that end in thanks, and "can this be fixed?".
  '@BOS311 streetlight out in front of 40 Oak St, the whole corner is dark. Thanks!',
  '@BOS311 car parked on the sidewalk at Elm St and Pine St every night, blocking strollers. Much appreciated',
  '@BOS311 the pothole at Adams St and Main St keeps getting bigger. Can this be fixed?',
];

describe('twitter: what opens a case, and a question in the thread when the category is unsure (fake X)', () => {
  let h: Harness;
  let stopOutbound: Stop;
  beforeEach(async () => {
    h = await startHarness({ OUTBOX_POLL_MS: '50' });
    stopOutbound = await startOutbound(h.ctx, [twitterChannel]);
    h.ctx.queue.work(QUESTION_QUEUE, questionHandler(h.ctx, client(h.ctx)));
  });
  afterEach(async () => {
    await stopOutbound();
    await h.close();
  });

  const poll = () => pollMentionsOnce(h.ctx, client(h.ctx));
  const casesOf = (authorId: string) =>
    h.db.query<{ service_request_id: string; service_code: string }>(
      `SELECT service_request_id, service_code FROM cases WHERE reporter->>'address' = $1`,
      [authorId],
    );
  const replyUnder = (tweetId: string) => until(`a reply under ${tweetId}`, () => h.fake.posted.find((p) => p.inReplyTo === tweetId));

  it('opens no case for crew news, #311Day, questions, sarcasm, praise or chatter, and opens one for requests that end in thanks', async () => {
    for (const [i, text] of NOT_REPORTS.entries()) h.fake.mention({ text, author_id: String(100 + i) });
    // The city's own post and a quote of it are never reports either.
    const own = h.fake.mention({
      text: 'Crews cleared 40 catch basins in Dorchester today. Report clogged drains to @BOS311.',
      author_id: CITY_USER_ID,
    });
    h.fake.mention({
      text: '@BOS311 this drain on my street is clogged too',
      author_id: '150',
      referenced_tweets: [{ type: 'quoted', id: own.id, author_id: CITY_USER_ID }],
    });
    const reports = REPORTS.map((text, i) => h.fake.mention({ text, author_id: String(200 + i) }));
    await poll();

    expect(await h.count('SELECT count(*)::int AS n FROM cases')).toBe(3);
    const kinds = await h.db.query<{ kind: string; reason: string | null }>(
      `SELECT result->'reply'->>'kind' AS kind, result->'reply'->>'reason' AS reason FROM inbound_messages WHERE result->'reply'->>'kind' = 'not a report'`,
    );
    expect(kinds.rows).toHaveLength(NOT_REPORTS.length);
    // The classifier is sure of each: filed at once, each answered with its number under the resident's tweet.
    expect((await casesOf('200')).rows.map((r) => r.service_code)).toEqual(['streetlight']);
    expect((await casesOf('201')).rows.map((r) => r.service_code)).toEqual(['illegal-parking']);
    // "Can this be fixed?" is a request, not praise.
    expect((await casesOf('202')).rows.map((r) => r.service_code)).toEqual(['pothole']);
    const answered = await replyUnder(reports[0].id);
    expect(answered.text).toMatch(/^Thanks! Your Street light out report is case #\d+\./);
  });

  it('asks in the thread with a short numbered choice, files the report in the category the reply names, and never says "Something else"', async () => {
    const report = h.fake.mention({
      text: '@BOS311 the storm drain on Pine St is clogged and water pools across the road, please send someone',
      author_id: '300',
    });
    await poll();
    expect(await h.count('SELECT count(*)::int AS n FROM cases')).toBe(0);
    const question = await replyUnder(report.id);
    expect(question.text).toBe(
      'Thanks. “the storm drain on Pine St is clogged…”: which fits best? 1 Pothole, 2 Street light out, 3 Graffiti, 4 Something else. Reply with the number.',
    );
    expect(tweetLength(question.text)).toBeLessThanOrEqual(280);
    // A retried job (the worker died after X took the post) asks nothing twice.
    await until('the question marked posted', () => h.ctx.port.state.get('twitter', `question_posted:${report.id}`));
    await questionHandler(h.ctx, client(h.ctx))({ id: 'retry', queue: QUESTION_QUEUE, name: 'ask', data: { tweetId: report.id }, attemptsMade: 1 });
    expect(h.fake.posted.filter((p) => p.inReplyTo === report.id)).toHaveLength(1);

    // The resident answers under our question: "4" files it, and the reply calls it "your report".
    h.fake.mention({ text: '@BOS311 4', author_id: '300', referenced_tweets: [{ type: 'replied_to', id: question.id }], conversation_id: report.id });
    await poll();
    const filed = await casesOf('300');
    expect(filed.rows.map((r) => r.service_code)).toEqual(['other']);
    const ack = await until('the case reply', () => h.fake.posted.find((p) => p.inReplyTo === report.id && p.id !== question.id));
    expect(ack.text).toMatch(new RegExp(`^Thanks! Your report is case #${filed.rows[0].service_request_id}\\.`));
    expect(ack.text).not.toContain('Something else');
  });

  it('takes a category name as the answer, and a report the classifier is sure of is filed without a question', async () => {
    const report = h.fake.mention({ text: '@BOS311 someone sprayed tags all over the bus shelter on Main St', author_id: '400' });
    await poll();
    const question = await replyUnder(report.id);
    h.fake.mention({ text: '@BOS311 graffiti', author_id: '400', referenced_tweets: [{ type: 'replied_to', id: question.id }] });
    await poll();
    expect((await casesOf('400')).rows.map((r) => r.service_code)).toEqual(['graffiti']);

    h.fake.mention({ text: '@BOS311 deep pothole on Adams St near the school, please fix', author_id: '401' });
    await poll();
    expect((await casesOf('401')).rows.map((r) => r.service_code)).toEqual(['pothole']);
    // One question in all: the sure one was not asked.
    expect(h.fake.posted.filter((p) => p.text.includes('which fits best')).length).toBe(1);
  });
});
