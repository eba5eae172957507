import { twitterChannel } from '../../../channels/twitter';
import { pollMentionsOnce } from '../../../channels/twitter/mentions-poller';
import { OUTSIDE_REPLY_QUEUE, outsideReplyHandler, outsideReplyText } from '../../../channels/twitter/outside-reply';
import { channelContext } from '../../../src/context';
import { startOutbound } from '../../../src/outbound/start-outbound';
import { createXClient } from '../../../vendors/x/client';
import { type Harness, startHarness } from './harness';

// A tweet's place: its geotag gets the address there, its words are geocoded, and a place outside the city gets
// a polite reply in the thread and no case.
describe('twitter: where a reported problem is', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => h.close());

  const x = () => {
    const t = h.ctx.config.twitter;
    if (t.mode !== 'live') throw new Error('test expects live mode');
    return createXClient(t);
  };

  it('geocodes the words and gives a geotag its address', async () => {
    h.fake.mention({ text: '@BOS311 big pothole outside 300 Newbury St, please fix', author_id: '21' });
    h.fake.mention({ text: '@BOS311 streetlight out right here', author_id: '22', coordinates: [-71.0849, 42.3487] });
    await pollMentionsOnce(h.ctx, x());
    const { rows } = await h.db.query<Record<string, unknown>>(
      'SELECT address, lat, location_kind, location_source, neighborhood FROM cases ORDER BY service_request_id',
    );
    expect(rows[0]).toMatchObject({
      address: '300 Newbury St, Back Bay 02115',
      location_kind: 'address',
      location_source: 'geocoded',
      neighborhood: 'Back Bay',
    });
    expect(rows[1]).toMatchObject({ lat: 42.3487, location_kind: 'point', location_source: 'gps', neighborhood: 'Back Bay' });
    expect(rows[1].address).toMatch(/Newbury St|Massachusetts Ave|Hereford St/);
  });

  it('never stores or echoes words that only look like a street ("travel lane") as the location', async () => {
    const stop = await startOutbound(h.ctx, [twitterChannel]);
    try {
      const tweet = h.fake.mention({
        text: '@BOS311 a delivery truck is parked in the travel lane on Congress St every morning, please ticket it',
        author_id: '24',
      });
      await pollMentionsOnce(h.ctx, x());
      const { rows } = await h.db.query<{ address: string | null; service_code: string }>('SELECT address, service_code FROM cases');
      expect(rows).toEqual([{ address: 'Congress St', service_code: 'illegal-parking' }]);
      const deadline = Date.now() + 10_000;
      while (!h.fake.posted.some((p) => p.inReplyTo === tweet.id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      const reply = h.fake.posted.find((p) => p.inReplyTo === tweet.id);
      expect(reply?.text).toMatch(/^Thanks! Your Illegal parking report is case #\d+\./);
      expect(reply?.text).toContain('Location: Congress St.');
      expect(reply?.text).not.toContain('travel lane');
    } finally {
      await stop();
    }
  });

  it('answers a report geotagged outside the city politely in its thread, once, and opens no case', async () => {
    const tweet = h.fake.mention({ text: '@BOS311 huge pothole here, my tire is flat', author_id: '23', coordinates: [2.2945, 48.8584] });
    await pollMentionsOnce(h.ctx, x());
    expect(await h.count('SELECT count(*)::int AS n FROM cases')).toBe(0);
    const stored = await h.db.query<{ kind: string }>(
      "SELECT result->'reply'->>'kind' AS kind FROM inbound_messages WHERE provider_message_id = $1",
      [tweet.id],
    );
    expect(stored.rows[0].kind).toBe('outside the city');
    // The queued reply, posted by the worker's handler.
    await outsideReplyHandler(
      channelContext(h.ctx),
      x(),
    )({ id: `outside-${tweet.id}`, queue: OUTSIDE_REPLY_QUEUE, name: 'reply', data: { tweetId: tweet.id, language: 'en' }, attemptsMade: 0 });
    const replies = h.fake.posted.filter((p) => p.inReplyTo === tweet.id);
    expect(replies.map((p) => p.text)).toEqual([outsideReplyText(h.ctx.locales, 'en')]);
    // Our own reply, seen among the mentions, is never taken for a report.
    expect(await h.count('SELECT count(*)::int AS n FROM twitter_posts WHERE tweet_id = $1', [replies[0].id])).toBe(1);
  });
});
