import { ApiResponseError } from 'twitter-api-v2';
import { twitterChannel } from '../../../channels/twitter';
import { pollDelayAfterError, pollMentionsOnce } from '../../../channels/twitter/mentions-poller';
import type { AppContext } from '../../../src/context';
import { getChannelState } from '../../../src/storage/channel-state-repo';
import { listEvents } from '../../../src/storage/events-repo';
import { listSubscriptions } from '../../../src/storage/subscriptions-repo';
import { createXClient } from '../../../vendors/x/client';
import { CITY_USER_ID, FIXTURE, type Harness, startHarness } from './harness';

function client(ctx: AppContext) {
  const t = ctx.config.twitter;
  if (t.mode !== 'live') throw new Error('test expects live mode');
  return createXClient(t);
}

const poll = (ctx: AppContext) => pollMentionsOnce(ctx, client(ctx));

describe('twitter mentions polling against a fake X API', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.fake.maxPageSize = 3;
  });
  afterEach(async () => h.close());

  const cases = () => h.count('SELECT count(*)::int AS n FROM cases');

  it('takes every page of new mentions, oldest first, and opens cases only for reports', async () => {
    const reports = FIXTURE.reports.map((text, i) => h.fake.mention({ text, author_id: `5000${i}`, username: `resident${i}` }));
    h.fake.mention({ text: FIXTURE.chatter[1], author_id: '50010' });
    h.fake.mention({ text: FIXTURE.chatter[2], author_id: '50011' });
    h.fake.mention({
      text: `RT @resident0: ${FIXTURE.reports[0]}`,
      author_id: '50012',
      referenced_tweets: [{ type: 'retweeted', id: reports[0].id }],
    });

    const result = await poll(h.ctx);

    expect(result.pages).toBe(3);
    expect(result.fetched).toBe(8);
    const mentionsCalls = h.fake.requests.filter((r) => r.path === `/2/users/${CITY_USER_ID}/mentions`);
    expect(mentionsCalls.map((r) => r.query.pagination_token)).toEqual([undefined, 'p3', 'p6']);
    expect(mentionsCalls[0].query.expansions).toContain('attachments.media_keys');
    expect(mentionsCalls.every((r) => r.authorized)).toBe(true);

    const { rows } = await h.db.query<{ service_request_id: string; reporter: { address: string; handle: string }; address: string }>(
      'SELECT service_request_id, reporter, address FROM cases ORDER BY service_request_id',
    );
    // Oldest tweet first: case numbers follow the order residents tweeted in.
    expect(rows.map((r) => r.reporter.address)).toEqual(reports.map((t) => t.author_id));
    expect(rows[0].reporter.handle).toBe('resident0');
    // A crossing the city's data does not hold stays as written; an address is geocoded and normalised.
    expect(rows[0].address).toBe('St. Paul & Comm Ave');
    expect(rows[1].address).toBe('176 H St, South Boston 02127');
    // The thank-yous are recorded but open nothing; the retweet is not even recorded.
    expect(await h.count(`SELECT count(*)::int AS n FROM inbound_messages WHERE result->'reply'->>'kind' = 'not a report'`)).toBe(2);
    expect(await h.count('SELECT count(*)::int AS n FROM inbound_messages')).toBe(7);
    expect(await getChannelState(h.db, 'twitter', 'mentions_since_id')).toBe(h.fake.mentions[h.fake.mentions.length - 1].id);
  });

  it('after a restart asks only for mentions newer than the stored since_id: none missed, none repeated', async () => {
    h.fake.mention({ text: FIXTURE.reports[0], author_id: '1' });
    h.fake.mention({ text: FIXTURE.reports[1], author_id: '2' });
    await poll(h.ctx);
    const sinceId = await getChannelState(h.db, 'twitter', 'mentions_since_id');

    const restarted = await h.restart();
    h.fake.mention({ text: FIXTURE.reports[2], author_id: '3' });
    h.fake.mention({ text: FIXTURE.reports[3], author_id: '4' });
    const second = await poll(restarted);

    expect(second.fetched).toBe(2);
    const last = h.fake.requests.filter((r) => r.path.endsWith('/mentions')).pop();
    expect(last?.query.since_id).toBe(sinceId);
    expect(await cases()).toBe(4);
    expect((await poll(restarted)).fetched).toBe(0);
    expect(await cases()).toBe(4);
  });

  it('on the very first run looks back an hour instead of ingesting years of old mentions', async () => {
    h.fake.mention({ text: FIXTURE.reports[0], author_id: '1', created_at: '2019-03-13T13:35:00Z' });
    h.fake.mention({ text: FIXTURE.reports[1], author_id: '2' });
    await poll(h.ctx);
    expect(h.fake.requests[0].query.start_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(await cases()).toBe(1);
  });

  it('keeps since_id and ingests nothing when a later page fails, then takes the whole batch once', async () => {
    for (let i = 0; i < 5; i++) h.fake.mention({ text: FIXTURE.reports[i], author_id: String(i + 1) });
    await poll(h.ctx);
    const before = await getChannelState(h.db, 'twitter', 'mentions_since_id');
    for (let i = 0; i < 5; i++) h.fake.mention({ text: `${FIXTURE.reports[i]} again`, author_id: String(i + 10) });
    // Page one answers, page two gets a 503.
    h.fake.failNext('GET mentions', 503, { after: 1 });
    await expect(poll(h.ctx)).rejects.toBeInstanceOf(ApiResponseError);
    expect(await getChannelState(h.db, 'twitter', 'mentions_since_id')).toBe(before);
    expect(await cases()).toBe(5);
    const retry = await poll(h.ctx);
    expect(retry.fetched).toBe(5);
    // Each mention is filed once: the repeats name the same places, so some are linked to the first cases as duplicates.
    expect(await h.count('SELECT count(*)::int AS n FROM inbound_messages WHERE case_id IS NOT NULL')).toBe(10);
  });

  it('waits for x-rate-limit-reset after a 429, then polls normally', async () => {
    h.fake.mention({ text: FIXTURE.reports[0], author_id: '1' });
    const reset = Math.floor(Date.now() / 1000) + 120;
    h.fake.failNext('GET mentions', 429, { reset });
    const err = await poll(h.ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiResponseError);
    const wait = pollDelayAfterError(err, 60_000);
    expect(wait).toBeGreaterThan(100_000);
    expect(wait).toBeLessThanOrEqual(120_000);
    expect((await poll(h.ctx)).fetched).toBe(1);
    expect(await cases()).toBe(1);
  });

  it('never ingests our own posts or quotes of them', async () => {
    h.fake.mention({ text: '@resident Thanks, this is case #100001. Track it at https://311.example.org/cases/100001', author_id: CITY_USER_ID });
    h.fake.mention({
      text: '@BOS311 lol look at this pothole reply',
      author_id: '77',
      referenced_tweets: [{ type: 'quoted', id: '1700000000000000000', author_id: CITY_USER_ID }],
    });
    await poll(h.ctx);
    expect(await cases()).toBe(0);
    expect(await h.count('SELECT count(*)::int AS n FROM inbound_messages')).toBe(0);
  });

  it('makes a reply in a case thread a comment, and "follow" a subscription, not new cases', async () => {
    const report = h.fake.mention({
      text: '@BOS311 streetlight out on Beacon St near Charles, been dark 3 nights',
      author_id: '42',
      username: 'beaconres',
    });
    await poll(h.ctx);
    const { rows } = await h.db.query<{ service_request_id: string }>('SELECT service_request_id FROM cases');
    const caseId = Number(rows[0].service_request_id);

    h.fake.mention({
      text: '@beaconres @BOS311 still completely dark tonight, the whole block',
      author_id: '43',
      referenced_tweets: [{ type: 'replied_to', id: report.id }],
      conversation_id: report.id,
      photos: ['https://pbs.twimg.com/media/dark-street.jpg'],
    });
    h.fake.mention({
      text: '@beaconres @BOS311 follow',
      author_id: '44',
      referenced_tweets: [{ type: 'replied_to', id: report.id }],
      conversation_id: report.id,
    });
    await poll(h.ctx);

    expect(await cases()).toBe(1);
    const events = await listEvents(h.db, caseId);
    const comment = events.find((e) => e.type === 'comment');
    expect(comment?.data).toMatchObject({ text: 'still completely dark tonight, the whole block' });
    expect(events.map((e) => e.type)).toContain('followed');
    const subs = await listSubscriptions(h.db, caseId);
    expect(subs.map((s) => [s.address, s.role])).toEqual([
      ['42', 'reporter'],
      ['44', 'follower'],
    ]);
    const { rows: media } = await h.db.query<{ media: { url: string }[] }>('SELECT media FROM cases');
    expect(media[0].media.map((m) => m.url)).toEqual(['https://pbs.twimg.com/media/dark-street.jpg']);
  });

  it('keeps photos, a small tagged place or a geotag as where the problem is', async () => {
    h.fake.mention({
      text: '@BOS311 graffiti all over the bench by the fountain',
      author_id: '9',
      photos: ['https://pbs.twimg.com/media/graffiti.jpg'],
      place: { id: 'p1', full_name: 'Boston Common Frog Pond', place_type: 'poi', bbox: [-71.0662, 42.3559, -71.0658, 42.3562] },
    });
    h.fake.mention({ text: '@BOS311 huge pothole right here, my tire is flat', author_id: '10', coordinates: [-71.0589, 42.3601] });
    h.fake.mention({
      text: '@BOS311 pothole on Dorchester Ave is back',
      author_id: '11',
      place: { id: 'p2', full_name: 'Boston, MA', place_type: 'city', bbox: [-71.19, 42.23, -70.99, 42.4] },
    });
    await poll(h.ctx);
    const { rows } = await h.db.query<{
      lat: number | null;
      lon: number | null;
      address: string | null;
      media: { url: string; content_type?: string }[];
    }>('SELECT lat, lon, address, media FROM cases ORDER BY service_request_id');
    expect(rows[0].address).toBe('Boston Common Frog Pond');
    expect(rows[0].lat).toBeCloseTo(42.35605, 4);
    expect(rows[0].media).toEqual([{ url: 'https://pbs.twimg.com/media/graffiti.jpg', content_type: 'image/jpeg' }]);
    expect([rows[1].lat, rows[1].lon]).toEqual([42.3601, -71.0589]);
    // A whole city is no location: the text's street is geocoded instead (a point on the street, not linked as a duplicate).
    expect(rows[2].address).toBe('Dorchester Ave, Dorchester');
    expect(rows[2].lat).toBeCloseTo(42.2998, 3);
  });

  it('polls on its own in the worker while live, and stops cleanly', async () => {
    const ctx = await h.restart();
    h.fake.mention({ text: FIXTURE.reports[0], author_id: '1' });
    const stop = await twitterChannel.startWorker!(ctx);
    try {
      for (let i = 0; i < 100 && (await cases()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await stop();
    }
    expect(await cases()).toBe(1);
  });
});
