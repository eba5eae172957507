import { twitterChannel } from '../../../channels/twitter';
import { pollMentionsOnce } from '../../../channels/twitter/mentions-poller';
import { QUESTION_QUEUE, questionHandler } from '../../../channels/twitter/question-job';
import type { Stop } from '../../../src/channels/channel';
import type { AppContext } from '../../../src/context';
import { startOutbound } from '../../../src/outbound/start-outbound';
import { createXClient } from '../../../vendors/x/client';
import { tweetLength } from '../../../vendors/x/tweet-length';
import { POTHOLE_REPORTS, templateOf, X_LANG } from '../../support/locale-match';
import { locales } from '../../support/locales';
import { type Harness, startHarness } from './harness';

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

/** A tweet in every shipped language: answered in it with the tracking number, and told in it when the case closes. */
describe('X in every shipped language (poller, outbox, fake X)', () => {
  let h: Harness;
  let stopOutbound: Stop;
  beforeAll(async () => {
    h = await startHarness({ OUTBOX_POLL_MS: '50' });
    stopOutbound = await startOutbound(h.ctx, [twitterChannel]);
    h.ctx.queue.work(QUESTION_QUEUE, questionHandler(h.ctx, client(h.ctx)));
  });
  afterAll(async () => {
    await stopOutbound();
    await h.close();
  });
  const poll = () => pollMentionsOnce(h.ctx, client(h.ctx));

  it.each(Object.keys(POTHOLE_REPORTS).map((code, i) => [code, String(900 + i)]))(
    '%s: the tweet gets its tracking number and its closure reply in the same language',
    async (code, author) => {
      const report = h.fake.mention({ text: `@BOS311 ${POTHOLE_REPORTS[code]}`, author_id: author, lang: X_LANG[code] });
      await poll();
      let first = await until('our first reply', () => h.fake.posted.find((p) => p.inReplyTo === report.id));
      if (templateOf(locales, code, 'x', first.text) === 'ask') {
        // Unsure of the category, we asked in the author's language; the answer "1" files it.
        expect(tweetLength(first.text)).toBeLessThanOrEqual(280);
        h.fake.mention({
          text: '@BOS311 1',
          author_id: author,
          referenced_tweets: [{ type: 'replied_to', id: first.id }],
          conversation_id: report.id,
        });
        await poll();
        const question = first;
        first = await until('the case reply', () => h.fake.posted.find((p) => p.inReplyTo === report.id && p.id !== question.id));
      }
      const { rows } = await h.db.query<{ service_request_id: string; service_code: string; language: string }>(
        `SELECT service_request_id, service_code, language FROM cases WHERE reporter->>'address' = $1`,
        [author],
      );
      expect(rows.map((r) => r.language)).toEqual([code]);
      const id = Number(rows[0].service_request_id);
      const service = h.ctx.catalog.name(rows[0].service_code, code);
      expect(first.text.startsWith(locales.text(code, 'notify.opened', { id, service }))).toBe(true);

      const before = h.fake.posted.length;
      await h.ctx.cases.update(id, { status: 'closed' }, 'staff:test');
      const closed = await until('the closure reply', () => h.fake.posted.slice(before).find((p) => p.inReplyTo === report.id));
      expect(closed.text.startsWith(locales.text(code, 'notify.closed', { id, service }))).toBe(true);
    },
  );

  it('confirms a follow in the language of the word used: "swiv" in Haitian Creole, "关注" in Chinese', async () => {
    const report = h.fake.mention({ text: '@BOS311 big pothole in the road outside 40 Oak St', author_id: '990' });
    await poll();
    const ack = await until('the case reply', () => h.fake.posted.find((p) => p.inReplyTo === report.id));
    const id = Number(/#(\d{6,})/.exec(ack.text)![1]);
    const swiv = h.fake.mention({
      text: '@BOS311 swiv',
      author_id: '991',
      referenced_tweets: [{ type: 'replied_to', id: ack.id }],
      conversation_id: report.id,
    });
    const follow = h.fake.mention({
      text: '@BOS311 关注',
      author_id: '992',
      referenced_tweets: [{ type: 'replied_to', id: ack.id }],
      conversation_id: report.id,
    });
    await poll();
    const service = h.ctx.catalog.name('pothole', 'ht');
    const ht = await until('the Haitian confirmation', () => h.fake.posted.find((p) => p.inReplyTo === swiv.id));
    expect(ht.text.startsWith(locales.text('ht', 'notify.following', { id, service }))).toBe(true);
    const zh = await until('the Chinese confirmation', () => h.fake.posted.find((p) => p.inReplyTo === follow.id));
    expect(zh.text.startsWith(locales.text('zh-Hans', 'notify.following', { id, service: h.ctx.catalog.name('pothole', 'zh-Hans') }))).toBe(true);
  });
});
