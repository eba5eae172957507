import { twitterChannel } from '../../../channels/twitter';
import type { CaseRecord, NotificationRecord } from '../../../src/domain/types';
import { PermanentSendError, RateLimitedError, TransientSendError } from '../../../src/errors';
import type { Publisher } from '../../../src/outbound/publisher';
import { getCase } from '../../../src/storage/cases-repo';
import { listNotificationsForCase } from '../../../src/storage/notifications-repo';
import { tweetLength } from '../../../vendors/x/tweet-length';
import { phonePhoto } from '../../support/images';
import { type Harness, startHarness } from './harness';

describe('twitter publisher against a fake X API', () => {
  let h: Harness;
  let publisher: Publisher;
  beforeEach(async () => {
    h = await startHarness({ TWITTER_POSTS_PER_15_MIN: '3' });
    publisher = twitterChannel.publisher!(h.ctx)!;
  });
  afterEach(async () => h.close());

  async function reportedCase(tweetId: string, text: string, authorId = '42'): Promise<{ c: CaseRecord; notes: NotificationRecord[] }> {
    const out = await h.ctx.intake.submit(
      { channel: 'twitter', providerMessageId: tweetId, reporter: { address: authorId, handle: 'beaconres' }, text, media: [], raw: {} },
      { threadId: tweetId },
    );
    return { c: (await getCase(h.db, out.case.service_request_id))!, notes: await listNotificationsForCase(h.db, out.case.service_request_id) };
  }

  const reply = (c: CaseRecord, n: NotificationRecord, text?: string) =>
    publisher.send({
      notification: n,
      case: c,
      text: text ?? `Thanks! Your report is case #${c.service_request_id}: https://311.example.org/cases/${c.service_request_id}`,
    });

  it('is only built in live mode: simulated mode leaves sending to the outbound layer', async () => {
    const simulated = await startHarness({}, false);
    try {
      expect(twitterChannel.publisher!(simulated.ctx)).toBeUndefined();
    } finally {
      await simulated.close();
    }
  });

  it("replies under the resident's tweet with the tracking number and link, and records the tweet id", async () => {
    const { c, notes } = await reportedCase('1900000000000000001', 'streetlight out on Beacon St near Charles');
    const ack = notes.find((n) => n.kind === 'case_opened')!;
    const sent = await reply(c, ack);
    expect(h.fake.posted).toHaveLength(1);
    expect(h.fake.posted[0]).toMatchObject({ id: sent.providerId, inReplyTo: '1900000000000000001' });
    expect(h.fake.posted[0].text).toContain(`#${c.service_request_id}`);
    // A reply under that post is a comment on the case, found through the id we recorded.
    const { rows } = await h.db.query('SELECT case_id FROM twitter_posts WHERE tweet_id = $1', [sent.providerId]);
    expect(Number(rows[0].case_id)).toBe(c.service_request_id);
  });

  it('waits out a 429 until x-rate-limit-reset, then posts exactly once', async () => {
    const { c, notes } = await reportedCase('1900000000000000002', 'pothole at 12 Elm St');
    const ack = notes.find((n) => n.kind === 'case_opened')!;
    h.fake.failNext('POST tweets', 429, { reset: Math.floor(Date.now() / 1000) + 60 });
    const err = await reply(c, ack).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBeGreaterThan(50_000);
    expect((err as RateLimitedError).retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(h.fake.posted).toHaveLength(0);
    await reply(c, ack);
    expect(h.fake.posted).toHaveLength(1);
  });

  it("maps X's refusals: duplicate text and deleted tweets are permanent, 5xx is transient", async () => {
    const { c, notes } = await reportedCase('1900000000000000003', 'graffiti at 45 Main St');
    const ack = notes.find((n) => n.kind === 'case_opened')!;
    await reply(c, ack, 'same words');
    await expect(reply(c, ack, 'same words')).rejects.toThrow(PermanentSendError);
    await expect(reply(c, ack, 'same words')).rejects.toThrow(/duplicate content/);
    h.fake.deleted.add('1900000000000000003');
    await expect(reply(c, ack, 'other words')).rejects.toThrow(/deleted/);
    h.fake.deleted.clear();
    h.fake.failNext('POST tweets', 503);
    await expect(reply(c, ack, 'third words')).rejects.toBeInstanceOf(TransientSendError);
  });

  it('paces itself under the configured posts per 15 minutes without calling X', async () => {
    const { c, notes } = await reportedCase('1900000000000000004', 'pothole at 14 Elm St');
    const ack = notes.find((n) => n.kind === 'case_opened')!;
    for (const t of ['one', 'two', 'three']) await reply(c, ack, t);
    const callsBefore = h.fake.requests.filter((r) => r.path === '/2/tweets').length;
    const err = await reply(c, ack, 'four').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    // The window frees when the oldest of the three posts is 15 minutes old.
    expect((err as RateLimitedError).retryAfterMs).toBeGreaterThan(14 * 60_000);
    expect(h.fake.requests.filter((r) => r.path === '/2/tweets').length).toBe(callsBefore);
  });

  it('gives the public feed at most its share of the pacing window, so a reply to a resident still has room', async () => {
    const { c, notes } = await reportedCase('1900000000000000008', 'pothole at 20 Elm St');
    await h.ctx.cases.update(c.service_request_id, { status: 'closed' }, 'staff:test');
    const all = await listNotificationsForCase(h.db, c.service_request_id);
    const [opened, closed] = all.filter((n) => n.recipient === 'feed');
    // 3 posts per 15 minutes, half for the feed: one feed post, then the feed waits while replies still go out.
    await publisher.send({ notification: opened, case: c, text: 'Opened: pothole' });
    const err = await publisher.send({ notification: closed, case: c, text: 'Closed: pothole' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as Error).message).toContain('feed share');
    await reply(c, notes.find((n) => n.kind === 'case_opened')!, 'reply while the feed waits');
    expect(h.fake.posted.map((p) => p.text)).toEqual(['Opened: pothole', 'reply while the feed waits']);
  });

  /** A closure photo as staff upload it: processed into our copy, which becomes the case's closure_media_url. */
  async function closeWithPhoto(caseId: number): Promise<{ id: number; url: string }> {
    const { item, url } = await h.ctx.media.uploadClosurePhoto(caseId, await phonePhoto({ width: 800, height: 600 }), h.ctx.config.publicBaseUrl);
    await h.ctx.cases.update(caseId, { closure_media_url: url, status_notes: 'Lamp replaced' }, 'staff:test');
    await h.ctx.cases.update(caseId, { status: 'closed' }, 'staff:test');
    return { id: item.id, url };
  }

  it('posts opened and closed cases to the feed within 280 characters, without the reporter, with our copy of the closure photo', async () => {
    const { c } = await reportedCase('1900000000000000005', 'streetlight out on Beacon St near Charles, call me at 617-555-0123', '42');
    const photo = await closeWithPhoto(c.service_request_id);
    const notes = await listNotificationsForCase(h.db, c.service_request_id);
    const feed = notes.filter((n) => n.recipient === 'feed');
    expect(feed.map((n) => n.kind)).toEqual(['feed_opened', 'feed_closed']);
    const closedCase = (await getCase(h.db, c.service_request_id))!;
    // A careless template: the reporter's words, handle and number, and far too long.
    const text = `Closed: ${closedCase.description} reported by @beaconres. ${'Lamp replaced and the pole repainted. '.repeat(8)}https://311.example.org/cases/${c.service_request_id}`;
    await publisher.send({ notification: feed[1], case: closedCase, text, mediaUrl: photo.url });
    const post = h.fake.posted[0];
    expect(tweetLength(post.text)).toBeLessThanOrEqual(280);
    expect(post.text).not.toMatch(/@|beaconres|617-555-0123/);
    expect(post.text).toContain(`https://311.example.org/cases/${c.service_request_id}`);
    expect(post.inReplyTo).toBeUndefined();
    expect(post.mediaIds).toHaveLength(1);
    const stored = await h.ctx.media.store.get(`${photo.id}/display.jpg`);
    expect(h.fake.uploads[0]).toMatchObject({ id: post.mediaIds[0], mediaType: 'image/jpeg', bytes: stored!.bytes.length });
  });

  it('posts the closure without a photo staff hid before it went out', async () => {
    const { c } = await reportedCase('1900000000000000006', 'pothole at 16 Elm St');
    const photo = await closeWithPhoto(c.service_request_id);
    await h.db.query('UPDATE media_items SET hidden = true WHERE id = $1', [photo.id]);
    const feedClosed = (await listNotificationsForCase(h.db, c.service_request_id)).find((n) => n.kind === 'feed_closed')!;
    await publisher.send({ notification: feedClosed, case: c, text: 'Closed: pothole', mediaUrl: photo.url });
    expect(h.fake.posted.map((p) => p.mediaIds)).toEqual([[]]);
  });

  it('never fetches a photo URL that is not ours: the closure goes out without it', async () => {
    const { c } = await reportedCase('1900000000000000007', 'pothole at 18 Elm St');
    await h.ctx.cases.update(c.service_request_id, { closure_media_url: 'http://127.0.0.1:1/gone.jpg' }, 'staff:test');
    await h.ctx.cases.update(c.service_request_id, { status: 'closed' }, 'staff:test');
    const feedClosed = (await listNotificationsForCase(h.db, c.service_request_id)).find((n) => n.kind === 'feed_closed')!;
    await publisher.send({ notification: feedClosed, case: c, text: 'Closed: pothole', mediaUrl: 'http://127.0.0.1:1/gone.jpg' });
    expect(h.fake.posted.map((p) => p.mediaIds)).toEqual([[]]);
    expect(h.fake.uploads).toHaveLength(0);
  });
});

describe('twitter feed configuration', () => {
  it.each([
    ['off', { TWITTER_FEED: 'off' }, []],
    ['limited to potholes', { TWITTER_FEED_SERVICE_CODES: 'pothole, graffiti' }, ['pothole']],
    ['on', {}, ['pothole', 'streetlight']],
  ])('%s', async (_label, env, expected) => {
    const h = await startHarness(env as Record<string, string>);
    try {
      for (const [id, text] of [
        ['1', 'big pothole at 12 Elm St'],
        ['2', 'streetlight out at 14 Elm St'],
      ]) {
        await h.ctx.intake.submit({ channel: 'twitter', providerMessageId: id, reporter: { address: id }, text, media: [], raw: {} });
      }
      await h.ctx.intake.submit({
        channel: 'twitter',
        providerMessageId: '3',
        reporter: { address: '3' },
        text: 'pothole at 99 Oak St',
        media: [],
        raw: {},
        public: false,
      });
      const { rows } = await h.db.query<{ service_code: string }>(
        `SELECT c.service_code FROM notifications n JOIN cases c ON c.service_request_id = n.case_id WHERE n.recipient = 'feed' ORDER BY c.service_code`,
      );
      expect(rows.map((r) => r.service_code)).toEqual(expected);
    } finally {
      await h.close();
    }
  });
});
