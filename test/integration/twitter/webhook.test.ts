import crypto from 'node:crypto';
import request from 'supertest';
import { twitterChannel } from '../../../channels/twitter';
import { createApp } from '../../../src/http/app';
import { simulationSecret } from '../../../src/simulation-secret';
import event from '../../fixtures/twitter/account-activity-event.json';
import { type Harness, startHarness } from './harness';

/** Signed exactly as X signs: base64 HMAC-SHA256 of the raw body, keyed with the consumer secret. */
function sign(secret: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('base64')}`;
}

describe.each([
  ['simulated', false, (h: Harness) => simulationSecret(h.ctx.dataDir)],
  ['live', true, () => 'fake-app-secret'],
])('twitter Account Activity webhook (%s)', (_mode, live, secretOf) => {
  let h: Harness;
  let app: ReturnType<typeof createApp>;
  let secret: string;
  beforeEach(async () => {
    h = await startHarness({}, live);
    app = createApp(h.ctx, [twitterChannel]);
    secret = secretOf(h);
  });
  afterEach(async () => h.close());

  const stored = async () =>
    (await h.count('SELECT count(*)::int AS n FROM inbound_messages')) + (await h.count('SELECT count(*)::int AS n FROM cases'));

  it('answers the CRC with sha256= HMAC of the token under the consumer secret', async () => {
    const res = await request(app).get('/channels/twitter/webhook').query({ crc_token: 'challenge-123' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ response_token: sign(secret, 'challenge-123') });
    expect((await request(app).get('/channels/twitter/webhook')).status).toBe(400);
  });

  it('answers the CRC for a token shaped like the ones X sends, and refuses any other with 400', async () => {
    // X's tokens are short base64url strings, such as this one seen from X in 2026 (a UUID, base64url-encoded).
    const real = 'M2RkODJkZmMtYjlkYi00NmQ4LTk0MGUtM2JjYzkwM2Q4MjQ0';
    const ok = await request(app).get('/channels/twitter/webhook').query({ crc_token: real, nonce: 'MTc2OTUxODI5MjkxNA' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ response_token: sign(secret, real) });
    for (const token of ['short', 'x'.repeat(129), '{"a":1}', 'has space', 'null', '[1,2,3]', '"quoted-string"']) {
      const res = await request(app).get('/channels/twitter/webhook').query({ crc_token: token });
      expect([token, res.status]).toEqual([token, 400]);
      expect(res.body.error.message).toMatch(/crc_token/);
      expect(JSON.stringify(res.body)).not.toContain('sha256=');
    }
  });

  it('cannot be made to sign a forged event: an event JSON sent as crc_token is refused, and the POST with it stores nothing', async () => {
    const body = JSON.stringify(event);
    const crc = await request(app).get('/channels/twitter/webhook').query({ crc_token: body });
    expect(crc.status).toBe(400);
    // The attack: the CRC's answer for the event's bytes is exactly X's signature of a POST of those bytes.
    const signature = typeof crc.body.response_token === 'string' ? crc.body.response_token : 'sha256=';
    const res = await request(app)
      .post('/channels/twitter/webhook')
      .set('content-type', 'application/json')
      .set('x-twitter-webhooks-signature', signature)
      .send(body);
    expect(res.status).toBe(403);
    expect(await stored()).toBe(0);
    // Nothing was queued for the city's account to post.
    expect(await h.count('SELECT count(*)::int AS n FROM notifications')).toBe(0);
  });

  it.each([
    ['a number', '12345678'],
    ['null', 'null'],
    ['a list', '[]'],
    ['a string', '"hello"'],
  ])('answers a signed body that is %s, not an event object, with 400 and stores nothing', async (_label, body) => {
    const res = await request(app)
      .post('/channels/twitter/webhook')
      .set('content-type', 'application/json')
      .set('x-twitter-webhooks-signature', sign(secret, body))
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/JSON object/);
    expect(await stored()).toBe(0);
  });

  /** The resident's reply under their own report, as X delivers it (v1.1 shape, no extended text). */
  const replyEvent = (id: string, text: string) => {
    const [original] = event.tweet_create_events;
    const { extended_tweet: _ext, place: _place, ...rest } = original;
    return { ...event, tweet_create_events: [{ ...rest, id_str: id, text, truncated: false, in_reply_to_status_id_str: original.id_str }] };
  };

  it('asks which category fits a report it is unsure of, however often X delivers it, and files it in the one the reply picks', async () => {
    const post = (payload: unknown) => {
      const body = JSON.stringify(payload);
      return request(app)
        .post('/channels/twitter/webhook')
        .set('content-type', 'application/json')
        .set('x-twitter-webhooks-signature', sign(secret, body))
        .send(body);
    };
    const first = await post(event);
    expect(first.status).toBe(200);
    // The test classifier knows nothing of bricks: the resident is asked, nothing is filed in "Something else".
    expect(first.body.outcomes[0]).toMatchObject({ kind: 'asked' });
    expect(first.body.outcomes[0].question).toMatch(
      /^Thanks\. “Missing bricks = toddler trips on the…”: which fits best\? 1 Pothole, 2 Street light out, 3 Graffiti, 4 Something else\. Reply/,
    );
    expect((await post(event)).body.outcomes[0]).toEqual(first.body.outcomes[0]);
    expect(await h.count('SELECT count(*)::int AS n FROM cases')).toBe(0);

    const answer = await post(replyEvent('1105800000000000002', '@BOS311 4'));
    expect(answer.body.outcomes[0]).toMatchObject({ kind: 'created' });
    expect((await post(replyEvent('1105800000000000002', '@BOS311 4'))).body.outcomes[0]).toEqual(answer.body.outcomes[0]);
    const { rows } = await h.db.query<{
      service_code: string;
      description: string;
      address: string;
      media: { url: string }[];
      lat: number;
      reporter: { address: string; handle: string };
    }>('SELECT service_code, description, address, media, lat, reporter FROM cases');
    expect(rows).toHaveLength(1);
    expect(rows[0].service_code).toBe('other');
    expect(rows[0].description).toBe('Missing bricks = toddler trips on the Freedom Trail at 60 state st');
    expect(rows[0].address).toBe('60 state st');
    expect(rows[0].media.map((m) => m.url)).toEqual(['https://pbs.twimg.com/media/D1aBcDeFgHi.jpg']);
    expect(rows[0].lat).toBeCloseTo(42.3588, 3);
    expect(rows[0].reporter).toMatchObject({ address: '48151623', handle: 'freedomtrailwalker' });
    // The reporter is answered under the tweet that reported it.
    const subs = await h.db.query<{ thread_id: string }>('SELECT thread_id FROM subscriptions');
    expect(subs.rows.map((s) => s.thread_id)).toEqual(['1105800000000000001']);
  });

  it.each([
    ['missing', undefined],
    ['wrong secret', (body: string) => sign('not-the-secret', body)],
    ['for another body', () => sign('fake-app-secret-or-sim', '{}')],
    ['malformed', () => 'sha256=###'],
  ])('refuses a %s signature with 403 and stores nothing', async (_label, signer) => {
    const body = JSON.stringify(event);
    let req = request(app).post('/channels/twitter/webhook').set('content-type', 'application/json');
    if (signer) req = req.set('x-twitter-webhooks-signature', signer(body));
    const res = await req.send(body);
    expect(res.status).toBe(403);
    expect(await stored()).toBe(0);
  });

  it('refuses a body altered after signing', async () => {
    const body = JSON.stringify(event);
    const tampered = body.replace('60 state st', '61 state st');
    const res = await request(app)
      .post('/channels/twitter/webhook')
      .set('content-type', 'application/json')
      .set('x-twitter-webhooks-signature', sign(secret, body))
      .send(tampered);
    expect(res.status).toBe(403);
    expect(await stored()).toBe(0);
  });

  it("ignores the city account's own tweets echoed back by Account Activity", async () => {
    const own = {
      for_user_id: '311000',
      tweet_create_events: [
        {
          id_str: '1105800000000000099',
          text: '@freedomtrailwalker Case #100001 is closed. Thanks!',
          user: { id_str: h.ctx.config.twitter.userId, screen_name: 'BOS311' },
        },
      ],
    };
    const body = JSON.stringify(own);
    const res = await request(app)
      .post('/channels/twitter/webhook')
      .set('content-type', 'application/json')
      .set('x-twitter-webhooks-signature', sign(secret, body))
      .send(body);
    expect(res.status).toBe(200);
    expect(await stored()).toBe(0);
  });
});
